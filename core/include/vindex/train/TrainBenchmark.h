#pragma once
// `vindex bench train`: optimizer steps per second of a brain encoder at full size — UMBRAE's BrainXS on subject 1
// (15,724 voxels → 256 tokens × 1024, hidden 1024, depth 6, 16 heads × 96) by default — through the training code
// itself (TrainingSession: forward, MSE, backward, AdamW, OneCycleLR). Targets are random tensors of the cached
// targets' shape (a feature cache is read once per batch; its reading is not timed here). bf16 / f16 are the
// trainer's mixed precision (autocast, f32 weights and AdamW; f16 with loss scaling, CUDA only). No LibTorch header
// here: the CLI includes this.
#include <cstdint>
#include <string>

namespace vindex::train {

struct TrainBenchmarkRequest {
    int64_t batch = 8, steps = 5, warmup = 2;  // timed steps follow the warm-up steps
    int threads = 0;                           // intra-op CPU threads (0 = LibTorch's default)
    std::string device = "cpu", dtype = "f32"; // dtype: f32, bf16 or f16 (mixed precision)
    bool tf32 = false;                         // CUDA matmuls in TensorFloat-32
    int64_t voxels = 15724, tokens = 256, width = 1024, hidden = 1024, depth = 6, heads = 16, dimHead = 96;
};

struct TrainBenchmarkReport {
    std::string compute; // "cpu f32", "cpu bf16 (autocast, f32 weights)"
    int threads = 0;
    int64_t parameters = 0;
    double buildSeconds = 0; // encoder initialisation
    double meanStepSeconds = 0, bestStepSeconds = 0;
    double samplesPerSecond = 0;        // batch / mean timed step
    double firstLoss = 0, lastLoss = 0; // the loss falls on fixed random data: the steps do train
};

// Throws Error for sizes below 1 or a dtype the device cannot autocast to.
TrainBenchmarkReport benchmarkTraining(const TrainBenchmarkRequest &request);

} // namespace vindex::train
