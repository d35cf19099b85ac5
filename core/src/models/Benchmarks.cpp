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
    const auto trialsPerSecond = [&](int64_t batch, DecodeBenchmarkReport *details) {
        DecodeBenchmark::Options options{request.promptLength, request.newTokens, batch, 1};
        double best = 0;
        for (int run = 0; run < std::max(1, request.repeats); ++run) {
            const auto r = DecodeBenchmark::run(model, options);
            options.warmupRuns = 0;
            best = std::max(best, static_cast<double>(batch) / (r.prefillSeconds + r.decodeSeconds));
            if (!details)
                continue;
            details->prefillTokensPerSecond = std::max(details->prefillTokensPerSecond, r.prefillTokensPerSecond);
            if (r.decodeTokensPerSecond > details->decodeTokensPerSecond) {
                details->decodeTokensPerSecond = r.decodeTokensPerSecond;
                details->prefillSeconds = r.prefillSeconds;
                details->decodeSeconds = r.decodeSeconds;
            }
        }
        return best;
    };
    report.trialsPerSecond = trialsPerSecond(request.batch, &report);
    report.batchOneTrialsPerSecond = request.batch > 1 ? trialsPerSecond(1, nullptr) : report.trialsPerSecond;
    return report;
}

} // namespace vindex::models
