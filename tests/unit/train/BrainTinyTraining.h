#pragma once
// brain-tiny's reference run as the train tests need it: the architecture and recipe of its config.json, the
// initial encoder, and its six training batches.
#include "vindex/models/BrainEncoder.h"
#include "vindex/train/TrainingRecipe.h"
#include "vindex/train/TrainingSession.h"

#include <memory>

namespace testsupport {

vindex::models::BrainEncoderOptions brainTinyArchitecture(const char *model = "brainxs");
// max_lr 3e-4, 3 epochs (pct_start = 2/3), final_div_factor 1000, MSE — 6 steps of batch 4.
vindex::train::TrainingRecipe brainTinyRecipe();
int64_t brainTinySteps();
// The same with the VINDEX objective: denoiser weight 1, width 32, time embedding 16.
vindex::train::TrainingRecipe brainTinyVindexRecipe();
std::unique_ptr<vindex::models::BrainEncoder> brainTinyInitialEncoder();
vindex::train::TrainingBatch brainTinyBatch(int64_t step);
// BrainX(use_norm=True) over brain-tiny's BrainX weights: subject 1 LayerNorm → GELU, subject 2 act_first (GELU →
// LayerNorm); dropout active while training.
std::unique_ptr<vindex::models::BrainEncoder> useNormBrainX(const c10::Device &device = c10::kCPU);
// A session over the initial weights, stepped `steps` times through the fixture's batches.
std::unique_ptr<vindex::train::TrainingSession> brainTinySession(int64_t steps = 0);
// The VINDEX objective's session (brainTinyVindexRecipe) over the initial weights loaded onto device, not stepped:
// the denoiser is made fresh, as in a new `--objective vindex` run.
std::unique_ptr<vindex::train::TrainingSession> brainTinyDenoiserSession(const c10::Device &device);
// "name (device)" for each of the session's tensors (parameters, AdamW moments, the encoder's state dict) that is
// not on device; empty when all are.
std::vector<std::string> tensorsOffDevice(const vindex::train::TrainingSession &session, const c10::Device &device);

} // namespace testsupport
