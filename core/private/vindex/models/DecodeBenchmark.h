#pragma once
// Throughput of a LlamaModel as `vindex bench decode` reports it: a batch of random prompts of one length,
// then a fixed number of greedy steps (EOS ignored). Timings only, no checks.
#include <cstdint>

namespace vindex::models {

class LlamaModel;

class DecodeBenchmark {
public:
    struct Options {
        int64_t promptLength = 128;
        int64_t newTokens = 64;
        int64_t batch = 1;
        int warmupRuns = 1; // untimed runs first (allocator, kernels, caches)
    };
    struct Result {
        int64_t batch = 0, promptLength = 0, newTokens = 0;
        double prefillSeconds = 0;         // prompt pass + first token
        double prefillTokensPerSecond = 0; // batch * promptLength / prefillSeconds
        double decodeSeconds = 0;          // the remaining newTokens - 1 steps
        double decodeTokensPerSecond = 0;  // tokens produced by those steps (whole batch) per second
    };

    static Result run(const LlamaModel &model, const Options &options);
};

} // namespace vindex::models
