#pragma once
// The built-in demo world: procedurally drawn scenes (ProceduralScenes) seen by simulated subjects
// (SimulatedSubject), written by NsdDatasetWriter in every NSD layout with BrainHub's caption and box files, so that
// decoding has something real to find: each beta is a voxel's noiseless response to the image, z-scored over the
// images, times the voxel's gain, plus Gaussian noise drawn independently for each showing (three per image).
// Everything follows from the options (seed included); simulation.json at the dataset's root records them with what
// each voxel population encodes.
#include "vindex/data/NsdDatasetWriter.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vindex::data {

struct DemoWorldOptions {
    std::vector<int> subjects = {1};
    int64_t voxels = 1024; // visual-ROI voxels per subject
    int64_t trials = 2400; // per subject; images = trials / 3, each shown three times
    int imageSize = 64;
    uint64_t seed = 17;
    double noise = 0.6; // standard deviation of the noise, in units of a voxel's signal standard deviation
    int64_t trialsPerSession = 750;
    double testShare = 0.1; // of the images: the shared (test) ones, ids 0..; then 3 % validation
    double valShare = 0.03;
};

class DemoWorld {
public:
    // DataError for options that cannot make a dataset.
    static NsdDatasetDescription describe(const DemoWorldOptions &options);
    // simulation.json: the options, and per subject its grid and voxel populations (counts, tuning, pRF sizes).
    static std::string metadataJson(const DemoWorldOptions &options);
    // Writes it as root/simulation.json; Error naming the file when it cannot.
    static void writeMetadata(const std::string &root, const DemoWorldOptions &options);
};

} // namespace vindex::data
