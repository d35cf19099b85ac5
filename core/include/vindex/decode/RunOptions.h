#pragma once
// The settings that captioning (CaptionRun) and grounding (GroundRun) runs share: where the visual input comes from,
// and how text is generated. Both requests derive from these two, so a front end fills them the same way for either
// command. No LibTorch header here: the CLI and the GUI include this.
#include <cstdint>
#include <string>
#include <vector>

namespace vindex::decode {

// Inputs, one kind per run.
struct RunInputOptions {
    std::vector<std::string> images; // PNG/JPEG files (the upper bound)
    std::string featuresPath;        // .safetensors "features" [trials, N, C]; keys "0".."n-1"
    std::string root;                // NSD folder (any layout) with subject: trials of split, keys = split index
    int subject = 0;
    std::string split = "test";
    std::string trials;             // "" = all, "0:982" (end exclusive), "3,5,10:20"
    std::string brainCheckpoint;    // with root: voxels (mean of repeats) → brain encoder; without: stimulus images
    int64_t heads = 0, dimHead = 0; // brain perceiver head split; 0: as the checkpoint records, else 16 × 96
};

// Text generation; greedy unless temperature > 0.
struct DecodingOptions {
    int64_t maxNewTokens = 512; // the method's (VINDEX, UMBRAE); detailed descriptions run long
    // Prompts generated together. Speed only on the CPU, where greedy text does not depend on it. On CUDA it is not
    // bit-exact: cuBLAS picks other kernels (other summation orders) for other batch shapes, so a near-tie between
    // two tokens can go the other way and the text differ from that token on.
    int64_t batchSize = 8;
    double temperature = 0.0;
    double topP = 1.0;
    uint64_t seed = 0;
    std::vector<std::string> stopStrings;
    std::string device = "cpu", dtype = "f32";
};

} // namespace vindex::decode
