#pragma once
// Training targets computed once: an HDF5 file with "features" [images, tokens, width] (float32, one chunk per
// image) and "image_ids" [images] (73k ids, ascending), and the root attribute "description" — the JSON of the
// TargetSpec that produced it (model files by SHA-256, space, layer, preprocessing, no augmentation). A cache is
// reused only when its description equals the one asked for; it is written under "<path>.part" and renamed when
// complete, so an interrupted build leaves nothing that could be mistaken for a cache.
#include "vindex/core/JobControl.h"
#include "vindex/io/RgbImage.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace vindex::io {
class Hdf5File;
}

namespace vindex::train {

class TargetExtractor;

class FeatureCache {
public:
    // The cache at path when it exists, was made with `description` and holds every id; nullptr otherwise
    // (a cache of other features is an Error naming both descriptions' differing fields).
    static std::unique_ptr<FeatureCache> openIfValid(const std::string &path, const nlohmann::json &description,
                                                     const std::vector<int64_t> &imageIds);
    // Computes the features of imageIds (deduplicated, ascending) `batch` images at a time and writes the cache.
    // progress: fraction done; throws Cancelled through it (nothing is left behind then).
    static std::unique_ptr<FeatureCache> build(const std::string &path, const nlohmann::json &description,
                                               const TargetExtractor &extractor,
                                               const std::function<io::RgbImage(int64_t imageId)> &image,
                                               std::vector<int64_t> imageIds, int64_t batch,
                                               const JobControl &job = JobControl::none());
    ~FeatureCache();

    // [ids.size(), tokens, width] float32, in the order asked. Throws DataError for an id the cache lacks.
    at::Tensor features(const std::vector<int64_t> &imageIds) const;
    int64_t tokens() const { return m_tokens; }
    int64_t width() const { return m_width; }
    const nlohmann::json &description() const { return m_description; }
    const std::string &path() const { return m_path; }

private:
    explicit FeatureCache(const std::string &path);

    std::string m_path;
    std::shared_ptr<const io::Hdf5File> m_file;
    std::map<int64_t, int64_t> m_rowOf;
    int64_t m_tokens = 0, m_width = 0;
    nlohmann::json m_description;
};

} // namespace vindex::train
