#pragma once
// Encoding a file of voxels with a brain encoder checkpoint into a features file: the engine side of
// `vindex encode` (the CLI and GUI stay free of LibTorch). Features are written as one F32 tensor "features"
// [trials, tokens, width] in a .safetensors file, with the encoder, checkpoint and subject in its metadata.
// No LibTorch header here: the CLI includes this.

#include "vindex/core/JobControl.h"

#include <cstdint>
#include <functional>
#include <string>

namespace vindex::decode {

struct BrainEncodingRequest {
    std::string checkpointPath; // anything BrainEncoder::load accepts
    // .npy of voxels: [voxels] (one trial), [trials, voxels], or [trials, repeats, voxels] (repeats averaged, as
    // UMBRAE does at test time); any real dtype.
    std::string voxelsPath;
    // Or NSD trials: the mean of each trial's repeats (UMBRAE's test-time input) for root's subject `subject` in
    // `split` ("train", "val", "test"); trials: "" = all, else indices into the split ("0:982", "3,5,10:20"). The
    // output then also holds "image_ids" [trials] (int64, 73k ids).
    std::string root;
    std::string split = "test";
    std::string trials;
    std::string outputPath; // .safetensors, written atomically
    // BrainX: which tokenizer; 0 picks the only one when the checkpoint has one subject. BrainXS ignores it.
    int subject = 0;
    int64_t batchSize = 16;         // trials per forward pass (bounds memory: [batch, voxels, tokens] floats)
    int64_t heads = 0, dimHead = 0; // the perceiver's head split; 0: as recorded with the checkpoint, else 16 × 96
    std::string device = "cpu";     // --device / --dtype spellings (Compute::parse)
    std::string dtype = "f32";
    const JobControl *job = nullptr; // progress ("encode", trials done, trials) after each batch; cancel between
};

struct BrainEncodingResult {
    std::string encoderKind; // "BrainXS" / "BrainX"
    int subject = 0;         // the subject used (0 for BrainXS)
    int64_t trials = 0, voxels = 0, repeatsAveraged = 0, tokens = 0, width = 0;
    std::string outputPath;
    std::string tensorName; // "features"
};

// Throws DataError naming the voxels file or the NSD folder (shape, voxel count), ModelError for the checkpoint,
// FormatError for unreadable files, Cancelled.
BrainEncodingResult encodeVoxelFile(const BrainEncodingRequest &request);

} // namespace vindex::decode
