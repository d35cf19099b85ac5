#pragma once
// Writes a whole NSD dataset from a description — images with captions, boxes and a split, subjects with an ROI
// and a trial → image order, and a voxel response callback — in every layout the readers know: the MindEye1
// webdataset tars, the MindEye2 HDF5 files, the native NSD NIfTI tree with its CSV and COCO captions, and
// BrainHub's test-index caption and box files. For tests (a dataset whose every value has a closed form), for
// benchmarks at real size and for the built-in demo. Betas are asked for one trial at a time and streamed to each
// layout, so a real-size subject (15,724 voxels × 30,000 trials) never sits in memory.
#include "vindex/core/JobControl.h"
#include "vindex/data/NativeNsdWriter.h"
#include "vindex/data/WebdatasetWriter.h"
#include "vindex/io/RgbImage.h"

#include <array>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace vindex::data {

// A box on an image: a category and (x0, y0, x1, y1) in pixels.
struct NsdBox {
    std::string category;
    std::array<double, 4> xyxy{0, 0, 0, 0};
};

// One image of the image space; its index in NsdDatasetDescription::images is its 0-based "73k" id.
struct NsdImage {
    io::RgbImage image;
    std::vector<std::string> captions;
    std::vector<NsdBox> boxes;
    WebdatasetLayout::Split split = WebdatasetLayout::Split::Train; // Test = shared1000
    int64_t cocoId = -1;                                            // −1: 100000 + id (mini-nsd's convention)
    std::string cocoSplit = "val2017";                              // or "train2017"
};

struct NsdSubjectDescription {
    int id = 1; // 1..8
    // The functional grid: a mask (X·Y·Z values in C order, z fastest: −1 outside, 0 brain, 1 ROI) over shape, or
    // an empty mask and voxelCount, for a ball of that many ROI voxels centred in shape (or, with shape all 0, in
    // the smallest box that holds it: cheap to write at real size).
    std::array<int64_t, 3> shape{0, 0, 0};
    std::vector<int8_t> mask;
    int64_t voxelCount = 0;     // with a mask: 0 or the mask's ROI voxel count (checked)
    std::vector<float> anatomy; // optional T1 on the grid, C order
    io::NiftiImage::Matrix4 affine = NativeNsdWriter::defaultAffine();
    std::vector<int64_t> trialImages; // trial → image id; an image at most three times
    int64_t trialsPerSession = 750;
};

struct NsdDatasetDescription {
    std::vector<NsdImage> images;
    std::vector<NsdSubjectDescription> subjects;
    // response(subject, trial, imageId, repeat, row): the ROI betas [V] (%signal) of a trial, repeat = 0-based
    // repetition of the image for that subject. Called again for every layout (and webdataset row), so it must give
    // the same values each time; never for all trials at once.
    std::function<void(int subject, int64_t trial, int64_t imageId, int repeat, std::span<float> row)> response;
};

class NsdDatasetWriter {
public:
    struct Options {
        bool webdataset = true, mindEye2 = true, native = true, brainHub = true;
        WebdatasetWriter::Options webdatasetOptions;
        int betasCompressionLevel = 1; // native betas .nii.gz
        std::string brainHubFolder =
            "brainhub"; // under root: caption/fmri_cococap.json, bbox/coco_bbox_categorized.json
        // MindEye2's image brick needs one size: 0 = the images' own (they must agree), N = each resized to N × N.
        int mindEye2ImageSize = 0;
        // MindEye's real files hold the native betas z-scored per voxel per session, and native reads z-score the
        // same way (NativeNsdLayout::betas). true: the tars and the HDF5 get exactly that — the int16 values the
        // native tree stores (round(response × 300)), ÷ 300, z-scored over each session's trials (SessionZScore) —
        // so the same trial reads alike from every layout (the demo). false: they get the response as given.
        bool zScoreMindEyeCopies = false;
    };

    // Checks the whole description first (DataError naming the image, subject or trial at fault), then writes
    // under root (created when missing; Error naming it when it cannot be). Progress reports per layout and
    // subject; cancelling leaves only complete files behind.
    static void write(const std::string &root, const NsdDatasetDescription &description, const Options &options,
                      const JobControl &job = JobControl::none());
    static void write(const std::string &root, const NsdDatasetDescription &description);

    // The test images in test-index order (BrainHub's "0".."N-1" and each subject's test tar): ascending id.
    static std::vector<int64_t> testOrder(const NsdDatasetDescription &description);
    // The grid of a subject as written: its own mask, or the generated ball of voxelCount voxels.
    static NativeNsdWriter::Volume volumeOf(const NsdSubjectDescription &subject);
    // A ball of voxelCount ROI voxels (the ones nearest the centre, ties in C order) in a brain one voxel wider,
    // centred in shape, or in the smallest cube that holds it when shape is all 0. DataError when it does not fit.
    static NativeNsdWriter::Volume ballVolume(int64_t voxelCount, std::array<int64_t, 3> shape = {0, 0, 0});
};

} // namespace vindex::data
