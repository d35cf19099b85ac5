#include "vindex/train/TrainBenchmark.h"

#include "vindex/core/Error.h"
#include "vindex/models/Compute.h"
#include "vindex/train/EncoderFactory.h"
#include "vindex/train/RequestedRecipe.h"
#include "vindex/train/TrainingSession.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>

namespace vindex::train {
namespace {

using Clock = std::chrono::steady_clock;

} // namespace

TrainBenchmarkReport benchmarkTraining(const TrainBenchmarkRequest &r)
{
    for (const auto &[name, value] : {std::pair<const char *, int64_t>{"--batch", r.batch},
                                      {"--steps", r.steps},
                                      {"--voxels", r.voxels},
                                      {"--tokens", r.tokens},
                                      {"--width", r.width},
                                      {"--hidden", r.hidden},
                                      {"--depth", r.depth},
                                      {"--heads", r.heads},
                                      {"--dim-head", r.dimHead}})
        if (value < 1)
            throw Error(std::string("bench train ") + name + " " + std::to_string(value) + ": expected 1 or more");
    if (r.warmup < 0)
        throw Error("bench train --warmup " + std::to_string(r.warmup) + ": expected 0 or more");
    if (r.threads > 0)
        at::set_num_threads(r.threads);
    const models::Compute compute = models::Compute::parse(r.device, r.dtype);
    if (compute.device.is_cpu() && compute.dtype == at::kHalf)
        throw Error("bench train: f16 mixed precision needs a CUDA device; use bf16 or f32 on the CPU");
    const models::Compute weights{compute.device, at::kFloat};

    TrainBenchmarkReport report;
    report.compute =
        compute.dtype == at::kFloat ? compute.describe() : compute.describe() + " (autocast, f32 weights and AdamW)";
    report.threads = at::get_num_threads();
    // The benchmark's sizes and arithmetic as `vindex train` asks for them: the trainer's own request → recipe.
    TrainRequest asked;
    asked.batchSize = r.batch;
    asked.precision = r.dtype;
    asked.tf32 = r.tf32;
    asked.hidden = r.hidden;
    asked.depth = r.depth;
    asked.heads = r.heads;
    asked.dimHead = r.dimHead;
    const EncoderArchitecture architecture = requestedArchitecture(asked, r.voxels, r.tokens, r.width);
    at::manual_seed(0);
    const auto built = Clock::now();
    auto encoder = EncoderFactory::brainXS(architecture, weights);
    report.buildSeconds = std::chrono::duration<double>(Clock::now() - built).count();
    const TrainingRecipe recipe = requestedRecipe(asked); // UMBRAE's, mixed precision as `vindex train --precision`
    TrainingSession session(std::move(encoder), architecture.options(), recipe, r.warmup + r.steps);
    for (const AdamWGroup &group : session.optimizer().groups())
        for (const at::Tensor &p : group.params)
            report.parameters += p.numel();

    TrainingBatch batch;
    const auto options = at::TensorOptions().dtype(at::kFloat).device(compute.device);
    batch.voxels = at::randn({r.batch, r.voxels}, options);
    batch.targets = at::randn({r.batch, r.tokens, r.width}, options);
    double total = 0;
    report.bestStepSeconds = 0;
    for (int64_t i = 0; i < r.warmup + r.steps; ++i) {
        const auto t0 = Clock::now();
        const double loss = session.step(batch); // item() waits for the device
        const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
        if (i == 0)
            report.firstLoss = loss;
        report.lastLoss = loss;
        if (i < r.warmup)
            continue;
        total += seconds;
        report.bestStepSeconds = report.bestStepSeconds > 0 ? std::min(report.bestStepSeconds, seconds) : seconds;
    }
    report.meanStepSeconds = total / static_cast<double>(r.steps);
    report.samplesPerSecond = static_cast<double>(r.batch) / report.meanStepSeconds;
    return report;
}

} // namespace vindex::train
