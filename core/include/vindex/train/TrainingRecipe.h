#pragma once
// How a brain encoder is trained: UMBRAE's train.py defaults (AdamW, OneCycleLR with pct_start = 2 / epochs and
// final_div_factor 1000, MSE, batch 128, 240 epochs, seed 42) as options. Saved in every checkpoint. No LibTorch
// here: the CLI and the GUI fill it in.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace vindex::train {

struct TrainingRecipe {
    int64_t epochs = 240;
    int64_t batchSize = 128;
    int64_t valBatchSize = 300; // train.py's val_batch_size
    double maxLr = 3e-4;
    double weightDecay = 1e-2; // for parameters whose name has no "bias"
    double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
    double pctStart = 0.0; // 0 = UMBRAE's 2 / epochs (torch's default 0.3 below 3 epochs, where 2 / epochs ≥ 1)
    double divFactor = 25.0, finalDivFactor = 1000.0;
    std::string annealStrategy = "cos";
    bool cycleMomentum = true; // torch's default: OneCycleLR cycles Adam's β1 between 0.95 and 0.85
    double baseMomentum = 0.85, maxMomentum = 0.95;
    std::string loss = "mse"; // mse | l1 | huber | quantile
    double gradClip = 0.0;    // max L2 norm of all gradients; 0 = off (UMBRAE does not clip)
    uint64_t seed = 42;
    // BrainXC adaptation: the perceiver (loaded from a cross-subject model) gets no gradients — train_adaptation.py's
    // --freeze_encoder; only the new subject tokenizer learns.
    bool freezePerceiver = false;
    // Arithmetic: "f32"; mixed precision with fp32 master weights and optimizer — "bf16" (autocast; CPU and CUDA)
    // or "f16" (CUDA autocast with dynamic loss scaling, torch.cuda.amp's GradScaler defaults). tf32: let CUDA
    // matmuls use TensorFloat-32 (torch.backends.cuda.matmul.allow_tf32).
    std::string precision = "f32";
    bool tf32 = false;
    // VINDEX's objective L = L_R + β·L_D (Denoiser.h); β = 0 is UMBRAE's plain regression. Defaults when switched on:
    // β = 1, a 2-layer MLP of width 1024 with a 128-wide time embedding, DDPM linear β_t 1e-4 → 0.02 over 1000 steps.
    double denoiserWeight = 0.0;
    int64_t denoiserWidth = 1024, denoiserTimeEmbedding = 128, denoiserSteps = 1000;
    double denoiserBetaStart = 1e-4, denoiserBetaEnd = 0.02;

    double effectivePctStart() const
    {
        if (pctStart > 0)
            return pctStart;
        const double umbrae = 2.0 / static_cast<double>(epochs);
        return umbrae < 1.0 ? umbrae : 0.3;
    }
    // Throws Error naming the first bad value.
    void validate() const;

    nlohmann::ordered_json toJson() const;
    // Missing keys keep their defaults; throws Error on a wrongly typed value.
    static TrainingRecipe fromJson(const nlohmann::json &json);
};

} // namespace vindex::train
