#include "vindex/models/Benchmarks.h"

#include "vindex/core/Error.h"
#include "vindex/models/DecodeBenchmark.h"
#include "vindex/models/LlamaConfig.h"
#include "vindex/models/LlamaModel.h"
#include "vindex/models/ModelRegistry.h"
#include "vindex/models/RandomWeights.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>

namespace vindex::models {

DecodeBenchmarkReport benchmarkDecode(const DecodeBenchmarkRequest &request)
{
    at::NoGradGuard noGrad;
    const Compute compute = Compute::parse(request.device, request.dtype);
    const auto started = std::chrono::steady_clock::now();
    if (request.modelFolder.empty() == request.randomModel.empty())
        throw Error("decode benchmark: give either a model folder or a random architecture");
    std::unique_ptr<LlamaModel> model;
    DecodeBenchmarkReport report;
    if (!request.randomModel.empty()) {
        const LlamaConfig config = RandomWeights::llamaConfig(request.randomModel);
        model = std::make_unique<LlamaModel>(
            config, WeightLoader(RandomWeights::llama(config), "random " + request.randomModel + " weights", compute),
            LlamaModel::Layout{});
        report.model = request.randomModel + " (random weights)";
    } else {
        const auto description = ModelRegistry::identify(request.modelFolder);
        WeightLoader weights(description.weightsPath, compute);
        const auto config = LlamaConfig::fromJson(
            description.config, (std::filesystem::path(request.modelFolder) / "config.json").string());
        model = std::make_unique<LlamaModel>(config, weights, LlamaModel::detectLayout(weights));
        report.model = description.displayName;
    }
    report.compute = compute.describe();
    report.loadSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    report.batch = request.batch;
    report.promptLength = request.promptLength;
    report.newTokens = request.newTokens;
    const auto trialsPerSecond = [&](int64_t batch, DecodeBenchmarkReport *details) {
        DecodeBenchmark::Options options{request.promptLength, request.newTokens, batch, 1};
        double best = 0;
        for (int run = 0; run < std::max(1, request.repeats); ++run) {
            const auto r = DecodeBenchmark::run(*model, options);
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
