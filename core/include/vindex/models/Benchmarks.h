#pragma once
// Benchmarks behind `vindex bench`: model folders in, numbers out. No LibTorch header here: the CLI includes this.
#include <cstdint>
#include <string>

namespace vindex::models {

struct DecodeBenchmarkRequest {
    std::string modelFolder; // LLaVA, Shikra or a plain LLaMA folder, or
    std::string randomModel; // a real architecture with random weights (RandomWeights: "llama-7b", "llama-13b")
    int64_t promptLength = 128, newTokens = 64, batch = 1;
    int repeats = 3; // timed runs; the best is reported (plus one warm-up)
    std::string device = "cpu", dtype = "f32";
};

struct DecodeBenchmarkReport {
    std::string model, compute;
    int64_t batch = 0, promptLength = 0, newTokens = 0;
    double loadSeconds = 0;
    double prefillTokensPerSecond = 0, decodeTokensPerSecond = 0; // whole batch
    double prefillSeconds = 0, decodeSeconds = 0;                 // of the best run
    // Whole trials (one prompt + newTokens each) per second: batch / (prefill + decode) of the best run; with
    // batch > 1 also the same model at batch 1, so the gain of batching is one number.
    double trialsPerSecond = 0, batchOneTrialsPerSecond = 0;
};

DecodeBenchmarkReport benchmarkDecode(const DecodeBenchmarkRequest &request);

} // namespace vindex::models
