#pragma once
// Writes one subject of the MindEye1 / UMBRAE webdataset layout that WebdatasetLayout reads:
// <root>/webdataset_avg_split/{train,val,test}/<split>_subj0S_<N>.tar and metadata_subj0S.json ({"totals": ...}).
// A sample is five members under the key sample%09d (numbered per split across its shards): the image (.jpg or
// .png), nsdgeneral.npy (repeats, V) float16, coco73k.npy (1,) int64, trial.npy (repeats,) int64 and
// num_uniques.npy (1,) int64 (the distinct trials among the repeats), as in the mini-nsd fixture. Shards are
// streamed to disk as samples arrive (one open tar per split) and appear atomically.
#include "vindex/data/WebdatasetLayout.h"
#include "vindex/io/RgbImage.h"

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace vindex::io {
class TarWriter;
}

namespace vindex::data {

class WebdatasetWriter {
public:
    using Split = WebdatasetLayout::Split;
    enum class ImageFormat { Jpeg, Png };

    struct Options {
        int64_t samplesPerShard = 500; // MindEye1's train split: 8559 samples in 18 tars
        ImageFormat imageFormat = ImageFormat::Jpeg;
        int jpegQuality = 95;
    };

    // root is the dataset root (the tars go to root/webdataset_avg_split); created when missing. Throws Error
    // naming the folder when it cannot be created, Error for subject outside 1..8 or voxelCount ≤ 0.
    WebdatasetWriter(std::string root, int subject, int64_t voxelCount, const Options &options);
    WebdatasetWriter(std::string root, int subject, int64_t voxelCount);
    ~WebdatasetWriter();
    WebdatasetWriter(const WebdatasetWriter &) = delete;
    WebdatasetWriter &operator=(const WebdatasetWriter &) = delete;

    // Appends a sample to a split: voxels holds trials.size() rows of voxelCount values (row r = the betas of
    // trials[r]); stored as float16. Throws DataError for sizes that do not match, a negative id or no trials.
    void addSample(Split split, int64_t imageId, std::span<const int64_t> trials, std::span<const float> voxels,
                   const io::RgbImage &image);
    // The same with an image already encoded; extension is "jpg", "jpeg" or "png".
    void addSample(Split split, int64_t imageId, std::span<const int64_t> trials, std::span<const float> voxels,
                   std::string_view encodedImage, const std::string &extension);
    // Commits the open shards and writes metadata_subj0S.json with the totals of every split.
    void finish();

    const std::string &directory() const { return m_directory; }
    int64_t sampleCount(Split split) const { return m_counts[static_cast<std::size_t>(split)]; }

private:
    io::TarWriter &shardFor(Split split);

    std::string m_directory;
    int m_subject = 0;
    int64_t m_voxelCount = 0;
    Options m_options;
    std::array<int64_t, 3> m_counts{};
    std::array<int64_t, 3> m_shardCounts{};
    std::array<std::unique_ptr<io::TarWriter>, 3> m_open;
    bool m_finished = false;
};

} // namespace vindex::data
