#pragma once
// One subject of the MindEye2 HDF5 layout (HF datasets/pscotti/mindeyev2), all files directly under root:
//   betas_all_subj0S_fp32_renorm.hdf5   dataset `betas` [trials, V] float32, row = global trial
//                                        (session − 1) · 750 + index within the session
//   COCO_73k_subj_indices.hdf5          datasets `subj0S` [trials]: the 0-based 73k image id of each betas row
//   coco_images_224_float16.hdf5        dataset `images` (N, 3, H, W) float16 in [0, 1], indexed by 73k id
//   COCO_73k_annots_curated.npy         (N, 5) object array of caption strings ('' = none)
//   nsd_stimuli.hdf5                    dataset `imgBrick` (N, H, W, 3) uint8, the native NSD stimuli (optional)
//   shared1000.npy                      bool (N): the shared (test) images (optional)
// Opening reads only the HDF5 headers and the subject's trial → image ids; a trial's betas are one hyperslab read
// (a row of the betas matrix), images one row of the image brick, captions are parsed on first use. Memory stays
// at the trial list plus what the caller asks for.
#include "vindex/io/HostTensor.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace vindex::io {
class Hdf5File;
}

namespace vindex::data {

struct MindEye2Trial {
    int64_t index = 0;        // 0-based row of the betas matrix
    int session = 1;          // 1-based NSD session (index / 750 + 1)
    int64_t sessionIndex = 0; // 0-based trial within the session
    int64_t imageId = 0;      // 0-based 73k id
    int repeat = 0;           // 0-based repetition of this image for this subject, in trial order
};

class MindEye2Layout {
public:
    static constexpr int64_t kTrialsPerSession = 750;
    static constexpr const char *kIndicesFile = "COCO_73k_subj_indices.hdf5";
    static constexpr const char *kImagesFile = "coco_images_224_float16.hdf5";
    static constexpr const char *kCaptionsFile = "COCO_73k_annots_curated.npy";
    static constexpr const char *kStimuliFile = "nsd_stimuli.hdf5";
    static constexpr const char *kSharedFile = "shared1000.npy";

    MindEye2Layout();
    ~MindEye2Layout();
    MindEye2Layout(MindEye2Layout &&) noexcept;
    MindEye2Layout &operator=(MindEye2Layout &&) noexcept;

    // Subjects (1..8) whose betas_all_subj0S_fp32_renorm.hdf5 exists under root.
    static std::vector<int> subjectsIn(const std::string &root);
    static std::string betasFileName(int subject); // "betas_all_subj01_fp32_renorm.hdf5"

    // Opens subject S. Throws DataError (or the FormatError of a damaged file, naming it) when the betas or the
    // trial → image ids are missing, unreadable or inconsistent (row counts, non-float betas, negative ids);
    // missing or damaged image, caption and stimulus files are not fatal: see problems().
    static MindEye2Layout open(const std::string &root, int subject);

    const std::string &root() const { return m_root; }
    int subject() const { return m_subject; }
    std::string betasPath() const;
    std::string filePath(const char *fileName) const; // root/fileName
    int64_t voxelCount() const { return m_voxelCount; }
    // Actionable lines for what is missing or inconsistent (which file, what was expected, what was found).
    const std::vector<std::string> &problems() const { return m_problems; }

    int64_t trialCount() const { return static_cast<int64_t>(m_trials.size()); }
    const std::vector<MindEye2Trial> &trials() const { return m_trials; }
    // DataError naming the subject and the valid range when index is out of range.
    const MindEye2Trial &trial(int64_t index) const;
    // Trial indices of an image's repeats in repeat order (empty when the subject never saw it).
    std::vector<int64_t> repeatsOf(int64_t imageId) const;
    // Distinct images the subject saw, ascending 73k id.
    std::vector<int64_t> imageIds() const;
    // shared1000 images the subject saw, ascending; empty when shared1000.npy is absent (hasSharedInfo()).
    bool hasSharedInfo() const { return !m_shared.empty(); }
    bool isShared(int64_t imageId) const;
    std::vector<int64_t> testImages() const;

    // The betas row [V] of a trial as stored (float32; MindEye2 z-scored them per voxel and session already).
    std::vector<float> betas(int64_t trialIndex) const;
    // Rows of several trials, [n × V] row-major, in the given order.
    std::vector<float> betas(std::span<const int64_t> trialIndices) const;
    // Mean over an image's repeats (the test-time input); DataError when the subject never saw the image.
    std::vector<float> meanBetas(int64_t imageId) const;

    // coco_images_224_float16.hdf5: (3, H, W) of one 73k id, converted to dtype (F32 by default, F16 as stored).
    bool hasImages() const { return static_cast<bool>(m_images); }
    int64_t imageCount() const { return m_imageCount; }
    std::vector<int64_t> imageShape() const { return m_imageShape; } // (3, H, W)
    io::HostTensor image(int64_t imageId, io::DType dtype = io::DType::F32) const;

    // nsd_stimuli.hdf5 / imgBrick: (H, W, 3) uint8 of one 73k id.
    bool hasStimuli() const { return static_cast<bool>(m_stimuli); }
    io::HostTensor stimulus(int64_t imageId) const;

    // COCO_73k_annots_curated.npy: the non-empty captions of an image (read and cached on first use; throws the
    // file's FormatError when it is damaged, DataError when imageId is out of its range).
    bool hasCaptions() const;
    std::vector<std::string> captions(int64_t imageId) const;

private:
    struct Lazy;
    void checkImage(int64_t imageId, const char *fileName, int64_t count) const;

    std::string m_root;
    int m_subject = 0;
    std::shared_ptr<const io::Hdf5File> m_betas;
    std::shared_ptr<const io::Hdf5File> m_images;
    std::shared_ptr<const io::Hdf5File> m_stimuli;
    int64_t m_voxelCount = 0;
    int64_t m_imageCount = 0;
    int64_t m_stimulusCount = 0;
    std::vector<int64_t> m_imageShape;
    std::vector<std::string> m_problems;
    std::vector<MindEye2Trial> m_trials;
    std::unordered_map<int64_t, std::vector<int64_t>> m_repeats; // imageId → trial indices by repeat
    std::vector<uint8_t> m_shared;                               // by 73k id; empty when unknown
    std::unique_ptr<Lazy> m_lazy;
};

} // namespace vindex::data
