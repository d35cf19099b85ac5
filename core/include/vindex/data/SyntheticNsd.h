#pragma once
// A synthetic NSD dataset whose every value has a closed form: coloured circles and squares on grey (captions and
// boxes follow from the drawing), each image shown three times, betas = sin(0.05·voxel + 0.7·image) + 0.01·repeat
// (mini-nsd's beta_formula). At the default size it is the built-in demo; at 15,724 voxels × 30,000 trials it is a
// real-size subject for `vindex bench load`.
#include "vindex/data/NsdDatasetWriter.h"

#include <cstdint>
#include <vector>

namespace vindex::data {

struct SyntheticNsdOptions {
    std::vector<int> subjects = {1, 2};
    int64_t voxels = 217; // ROI voxels per subject (a ball on the native grid)
    int64_t trials = 300; // per subject; images = trials / 3, each shown three times
    int imageSize = 64;   // square stimuli, pixels
    int64_t trialsPerSession = 750;
    double testShare = 0.1; // of the images: the shared (test) ones, ids 0..; then 3 % validation
    double valShare = 0.03;
};

class SyntheticNsd {
public:
    // DataError for sizes that cannot make a dataset (no voxels, fewer than three trials, images under 16 px).
    static NsdDatasetDescription describe(const SyntheticNsdOptions &options);
    // The closed form of every beta.
    static double beta(int64_t voxel, int64_t imageId, int repeat);
};

} // namespace vindex::data
