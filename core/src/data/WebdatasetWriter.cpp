#include "vindex/data/WebdatasetWriter.h"

#include "vindex/core/Error.h"
#include "vindex/io/AtomicFile.h"
#include "vindex/io/HostTensor.h"
#include "vindex/io/ImageFile.h"
#include "vindex/io/NpyFile.h"
#include "vindex/io/TarWriter.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>

namespace fs = std::filesystem;

namespace vindex::data {

namespace {

std::string npyBytes(const io::HostTensor &tensor)
{
    const std::vector<std::byte> bytes = io::NpyFile::toBytes(tensor);
    return std::string(reinterpret_cast<const char *>(bytes.data()), bytes.size());
}

io::HostTensor int64Tensor(std::span<const int64_t> values)
{
    io::HostTensor t = io::HostTensor::allocate(io::DType::I64, {static_cast<int64_t>(values.size())});
    std::copy(values.begin(), values.end(), reinterpret_cast<int64_t *>(t.mutableData()));
    return t;
}

} // namespace

WebdatasetWriter::WebdatasetWriter(std::string root, int subject, int64_t voxelCount)
    : WebdatasetWriter(std::move(root), subject, voxelCount, Options{})
{
}

WebdatasetWriter::WebdatasetWriter(std::string root, int subject, int64_t voxelCount, const Options &options)
    : m_directory((fs::path(root) / "webdataset_avg_split").string()), m_subject(subject), m_voxelCount(voxelCount),
      m_options(options)
{
    if (subject < 1 || subject > 8 || voxelCount <= 0)
        throw Error(m_directory + ": subject must be 1..8 and voxelCount > 0, found subject " +
                    std::to_string(subject) + ", voxelCount " + std::to_string(voxelCount));
    if (options.samplesPerShard < 1)
        throw Error(m_directory + ": samplesPerShard must be at least 1");
    std::error_code ec;
    for (Split split : WebdatasetLayout::kSplits)
        fs::create_directories(fs::path(m_directory) / WebdatasetLayout::splitName(split), ec);
    if (!fs::is_directory(fs::path(m_directory) / "test"))
        throw Error(m_directory + ": cannot create the webdataset folder" + (ec ? ": " + ec.message() : ""));
}

WebdatasetWriter::~WebdatasetWriter() = default;

io::TarWriter &WebdatasetWriter::shardFor(Split split)
{
    const auto s = static_cast<std::size_t>(split);
    if (m_open[s] && m_counts[s] % m_options.samplesPerShard == 0) { // the open shard is full
        m_open[s]->commit();
        m_open[s].reset();
    }
    if (!m_open[s]) {
        char name[64];
        std::snprintf(name, sizeof name, "%s_subj%02d_%lld.tar", WebdatasetLayout::splitName(split), m_subject,
                      static_cast<long long>(m_shardCounts[s]++));
        m_open[s] = std::make_unique<io::TarWriter>(
            (fs::path(m_directory) / WebdatasetLayout::splitName(split) / name).string());
    }
    return *m_open[s];
}

void WebdatasetWriter::addSample(Split split, int64_t imageId, std::span<const int64_t> trials,
                                 std::span<const float> voxels, const io::RgbImage &image)
{
    const bool png = m_options.imageFormat == ImageFormat::Png;
    const std::string name = m_directory + ": image " + std::to_string(imageId);
    addSample(split, imageId, trials, voxels,
              png ? io::ImageFile::encodePng(image, name)
                  : io::ImageFile::encodeJpeg(image, name, m_options.jpegQuality),
              png ? "png" : "jpg");
}

void WebdatasetWriter::addSample(Split split, int64_t imageId, std::span<const int64_t> trials,
                                 std::span<const float> voxels, std::string_view encodedImage,
                                 const std::string &extension)
{
    const std::string what = m_directory + ": subject " + std::to_string(m_subject) + ", " +
                             WebdatasetLayout::splitName(split) + " sample of image " + std::to_string(imageId);
    if (m_finished)
        throw Error(what + ": the writer is already finished");
    if (imageId < 0 || trials.empty())
        throw DataError(what + ": expected a non-negative image id and at least one trial");
    const int64_t repeats = static_cast<int64_t>(trials.size());
    if (static_cast<int64_t>(voxels.size()) != repeats * m_voxelCount)
        throw DataError(what + ": expected " + std::to_string(repeats) + " × " + std::to_string(m_voxelCount) +
                        " voxel values (one row per trial), found " + std::to_string(voxels.size()));
    if (extension != "jpg" && extension != "jpeg" && extension != "png")
        throw DataError(what + ": image extension must be jpg, jpeg or png, found '" + extension + "'");

    io::HostTensor half = io::HostTensor::allocate(io::DType::F16, {repeats, m_voxelCount});
    auto *h = reinterpret_cast<uint16_t *>(half.mutableData());
    for (std::size_t i = 0; i < voxels.size(); ++i)
        h[i] = io::floatToHalf(voxels[i]);
    const int64_t uniques = static_cast<int64_t>(std::set<int64_t>(trials.begin(), trials.end()).size());

    char key[32];
    const auto s = static_cast<std::size_t>(split);
    std::snprintf(key, sizeof key, "sample%09lld", static_cast<long long>(m_counts[s]));
    const std::string k = key;
    io::TarWriter &tar = shardFor(split);
    // Member order as webdataset writes it (and the fixture has it): image first, then the arrays.
    tar.add(k + "." + extension, encodedImage);
    tar.add(k + ".nsdgeneral.npy", npyBytes(half));
    tar.add(k + ".coco73k.npy", npyBytes(int64Tensor(std::span<const int64_t>(&imageId, 1))));
    tar.add(k + ".trial.npy", npyBytes(int64Tensor(trials)));
    tar.add(k + ".num_uniques.npy", npyBytes(int64Tensor(std::span<const int64_t>(&uniques, 1))));
    ++m_counts[s];
}

void WebdatasetWriter::finish()
{
    if (m_finished)
        throw Error(m_directory + ": the writer is already finished");
    for (auto &tar : m_open)
        if (tar) {
            tar->commit();
            tar.reset();
        }
    nlohmann::json totals = nlohmann::json::object();
    for (Split split : WebdatasetLayout::kSplits)
        totals[WebdatasetLayout::splitName(split)] = sampleCount(split);
    char name[64];
    std::snprintf(name, sizeof name, "metadata_subj%02d.json", m_subject);
    io::AtomicFile file((fs::path(m_directory) / name).string());
    file.write(nlohmann::json{{"totals", totals}}.dump() + "\n");
    file.commit();
    m_finished = true;
}

} // namespace vindex::data
