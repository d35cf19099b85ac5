#include "vindex/train/FeatureCache.h"

#include "vindex/core/Error.h"
#include "vindex/io/Hdf5File.h"
#include "vindex/io/Hdf5Writer.h"
#include "vindex/models/TorchTensors.h"
#include "vindex/train/TargetExtractor.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <filesystem>
#include <set>

namespace vindex::train {

FeatureCache::FeatureCache(const std::string &path) : m_path(path), m_file(io::Hdf5File::open(path))
{
    const auto info = m_file->dataset("features");
    if (info.shape.size() != 3 || info.dtype != io::DType::F32)
        throw FormatError(path, "'features' must be a float32 [images, tokens, width] dataset, found " + info.typeText);
    m_tokens = info.shape[1];
    m_width = info.shape[2];
    const auto ids = m_file->read("image_ids", io::DType::I64).toInt64Vector();
    if (static_cast<int64_t>(ids.size()) != info.shape[0])
        throw FormatError(path, "'image_ids' has " + std::to_string(ids.size()) + " entries for " +
                                    std::to_string(info.shape[0]) + " feature rows");
    for (std::size_t i = 0; i < ids.size(); ++i)
        m_rowOf[ids[i]] = static_cast<int64_t>(i);
    const auto description = m_file->stringAttribute("/", "description");
    if (!description)
        throw FormatError(path, "the feature cache has no 'description' attribute");
    try {
        m_description = nlohmann::json::parse(*description);
    } catch (const nlohmann::json::exception &) {
        throw FormatError(path, "the feature cache's description is not JSON");
    }
}

FeatureCache::~FeatureCache() = default;

std::unique_ptr<FeatureCache> FeatureCache::openIfValid(const std::string &path, const nlohmann::json &description,
                                                        const std::vector<int64_t> &imageIds)
{
    if (!std::filesystem::exists(path))
        return nullptr;
    std::unique_ptr<FeatureCache> cache(new FeatureCache(path));
    if (cache->m_description != description) {
        std::string differing;
        for (const auto &[field, value] : description.items())
            if (!cache->m_description.contains(field) || cache->m_description[field] != value)
                differing += (differing.empty() ? "" : ", ") + field;
        throw Error(path + ": a feature cache of other targets (" +
                    (differing.empty() ? std::string("other fields") : differing) +
                    " differ); remove it or give another cache path");
    }
    for (const int64_t id : imageIds)
        if (!cache->m_rowOf.count(id))
            return nullptr; // made for other trials: rebuilt
    return cache;
}

std::unique_ptr<FeatureCache> FeatureCache::build(const std::string &path, const nlohmann::json &description,
                                                  const TargetExtractor &extractor,
                                                  const std::function<io::RgbImage(int64_t)> &image,
                                                  std::vector<int64_t> imageIds, int64_t batch, const JobControl &job)
{
    std::sort(imageIds.begin(), imageIds.end());
    imageIds.erase(std::unique(imageIds.begin(), imageIds.end()), imageIds.end());
    if (imageIds.empty())
        throw DataError(path + ": no images to compute training targets for");
    batch = std::max<int64_t>(1, batch);
    {
        io::Hdf5Writer writer(path);
        const auto count = static_cast<int64_t>(imageIds.size());
        for (int64_t first = 0; first < count; first += batch) {
            job.reportFraction(static_cast<double>(first) / count, "training targets");
            std::vector<io::RgbImage> images;
            for (int64_t i = first; i < std::min(count, first + batch); ++i)
                images.push_back(image(imageIds[static_cast<std::size_t>(i)]));
            const at::Tensor features = extractor.features(images);
            if (first == 0)
                writer.createDataset("features", io::DType::F32, {count, features.size(1), features.size(2)}, 1);
            writer.writeRows("features", first, models::fromTorch(features));
        }
        io::HostTensor ids = io::HostTensor::allocate(io::DType::I64, {count});
        std::copy(imageIds.begin(), imageIds.end(), reinterpret_cast<int64_t *>(ids.mutableData()));
        writer.writeDataset("image_ids", ids);
        writer.setStringAttribute("/", "description", description.dump());
        writer.commit();
    }
    job.reportFraction(1.0, "training targets");
    return std::unique_ptr<FeatureCache>(new FeatureCache(path));
}

at::Tensor FeatureCache::features(const std::vector<int64_t> &imageIds) const
{
    std::vector<int64_t> rows;
    rows.reserve(imageIds.size());
    for (const int64_t id : imageIds) {
        const auto it = m_rowOf.find(id);
        if (it == m_rowOf.end())
            throw DataError(m_path + ": no training target for image " + std::to_string(id));
        rows.push_back(it->second);
    }
    return models::toTorch(m_file->readRowsAt("features", rows, io::DType::F32));
}

} // namespace vindex::train
