#include "vindex/models/Benchmarks.h"

#include "vindex/models/DecodeBenchmark.h"
#include "vindex/models/LlamaConfig.h"
#include "vindex/models/LlamaModel.h"
#include "vindex/models/ModelRegistry.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

namespace vindex::models {

DecodeBenchmarkReport benchmarkDecode(const DecodeBenchmarkRequest &request)
{
    at::NoGradGuard noGrad;
    const Compute compute = Compute::parse(request.device, request.dtype);
    const auto started = std::chrono::steady_clock::now();
    const auto description = ModelRegistry::identify(request.modelFolder);
    WeightLoader weights(description.weightsPath, compute);
    const auto config =
        LlamaConfig::fromJson(description.config, (std::filesystem::path(request.modelFolder) / "config.json").string());
    const LlamaModel model(config, weights, LlamaModel::detectLayout(weights));
    DecodeBenchmarkReport report;
    report.model = description.displayName;
    report.compute = compute.describe();
    report.loadSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    report.batch = request.batch;
    report.promptLength = request.promptLength;
    report.newTokens = request.newTokens;
    DecodeBenchmark::Options options{request.promptLength, request.newTokens, request.batch, 1};
    for (int run = 0; run < std::max(1, request.repeats); ++run) {
        const auto r = DecodeBenchmark::run(model, options);
        options.warmupRuns = 0;
        report.prefillTokensPerSecond = std::max(report.prefillTokensPerSecond, r.prefillTokensPerSecond);
        if (r.decodeTokensPerSecond > report.decodeTokensPerSecond) {
            report.decodeTokensPerSecond = r.decodeTokensPerSecond;
            report.prefillSeconds = r.prefillSeconds;
            report.decodeSeconds = r.decodeSeconds;
        }
    }
    return report;
}

} // namespace vindex::models
