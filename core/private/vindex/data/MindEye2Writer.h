#pragma once
// Writes a synthetic dataset in the MindEye2 HDF5 layout that MindEye2Layout reads (file names and datasets as
// there): per-subject betas, the trial → image ids, float16 images plus the native uint8 imgBrick, curated
// captions and shared1000. For tests, benchmarks at real size and the built-in demo. Betas rows are produced by a
// callback block by block, so a 30000 × 15724 subject never sits in memory. Every file is written atomically.
#include "vindex/io/HostTensor.h"

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace vindex::data {

class MindEye2Writer {
public:
    // fill(trial, row): write the voxelCount betas of a trial into row.
    using RowFill = std::function<void(int64_t trial, std::span<float> row)>;

    // Creates root (and parents) when missing; throws Error naming it when that fails.
    explicit MindEye2Writer(std::string root);

    // betas_all_subj0S_fp32_renorm.hdf5: `betas` [imageIds.size(), voxelCount] float32, contiguous like h5py's
    // default; imageIds (0-based 73k ids in trial order) go to COCO_73k_subj_indices.hdf5 at finish().
    void writeSubject(int subject, int64_t voxelCount, const std::vector<int64_t> &imageIds, const RowFill &fill);
    // coco_images_224_float16.hdf5 `images` (N, 3, H, W) float16 from images (N, 3, H, W) of any float dtype in
    // [0, 1]; with stimuli also nsd_stimuli.hdf5 `imgBrick` (N, H, W, 3) uint8 = round(255 · value).
    void writeImages(const io::HostTensor &images, bool stimuli = true);
    // COCO_73k_annots_curated.npy: (N, perImage) strings, rows padded with '' (longer rows are an Error).
    void writeCaptions(const std::vector<std::vector<std::string>> &captions, int perImage = 5);
    // shared1000.npy: bool (imageCount), true for sharedIds.
    void writeShared(const std::vector<int64_t> &sharedIds, int64_t imageCount);
    // Writes COCO_73k_subj_indices.hdf5 with a `subj0S` dataset (int64) for every subject written.
    void finish();

    const std::string &root() const { return m_root; }

private:
    std::string path(const std::string &fileName) const;

    std::string m_root;
    std::map<int, std::vector<int64_t>> m_subjectIds;
};

} // namespace vindex::data
