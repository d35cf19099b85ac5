#pragma once
// A brain encoder in training: the encoder, its AdamW and OneCycleLR, the objective and the history, and one
// optimizer step at a time — train.py's loop body (zero_grad, forward, loss, backward, [clip], step, record loss and
// lr, scheduler step). It saves and resumes exactly (our checkpoint, TrainingCheckpoint.h), starts from UMBRAE's
// torch.save checkpoints and exports to them (UmbraeCheckpoint.h). Data, epochs and job control are the Trainer's.
#include "vindex/models/BrainEncoder.h"
#include "vindex/train/AdamW.h"
#include "vindex/train/Denoiser.h"
#include "vindex/train/LossScaler.h"
#include "vindex/train/Objective.h"
#include "vindex/train/OneCycleLR.h"
#include "vindex/train/TrainingHistory.h"
#include "vindex/train/TrainingRecipe.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vindex::train {

struct TrainingBatch {
    at::Tensor voxels;  // [B, V]
    at::Tensor targets; // [B, tokens, width]
    int subject = 0;    // BrainX's tokenizer; 0 for BrainXS
    // Data-parallel runs: this is one rank's shard, samples [offset, offset + B) of a batch of wholeSize samples
    // spread over the ranks (0: the batch is whole).
    int64_t wholeSize = 0, offset = 0;
};

class DataParallelGroup;

class TrainingSession {
public:
    // A new run over the given weights (made trainable here): fresh AdamW in UMBRAE's two groups and a OneCycleLR
    // over totalSteps. architecture: what the weights do not record (heads, dim_head, eps), saved for resume. With
    // recipe.denoiserWeight > 0 the VINDEX denoiser joins the optimizer (its parameters after the encoder's in each
    // group): new (drawn from ATen's generator) or denoiserWeights ("denoiser.*").
    TrainingSession(std::unique_ptr<models::BrainEncoder> encoder, const models::BrainEncoderOptions &architecture,
                    TrainingRecipe recipe, int64_t totalSteps,
                    const std::map<std::string, at::Tensor> *denoiserWeights = nullptr);
    ~TrainingSession();

    // Continues a run saved by save(): weights, optimizer, schedule, history and the generators (the CPU's and, on a
    // GPU, the device's), exactly.
    // Throws FormatError / ModelError naming the file.
    static std::unique_ptr<TrainingSession> resume(const std::string &checkpointPath, const models::Compute &compute);
    // Starts from a UMBRAE training checkpoint (train.py's dict) or a bare state dict. Weights always; AdamW's moments
    // and step counts when the file has an optimizer state for the same parameters; the schedule's position when its
    // lr_scheduler has the same total_steps and is not finished (an interrupted run), else a fresh schedule over
    // totalSteps. note (optional) says what was taken.
    static std::unique_ptr<TrainingSession> fromUmbrae(const std::string &path, const models::Compute &compute,
                                                       const models::BrainEncoderOptions &architecture,
                                                       TrainingRecipe recipe, int64_t totalSteps,
                                                       std::string *note = nullptr);

    // One optimizer step on the sum of the batches' losses (several batches: BrainX's subjects, as
    // train_brainx.py sums two subjects' losses). Returns the summed loss; records it and the lr used; advances the
    // history's step counters and the schedule.
    double step(const std::vector<TrainingBatch> &batches);
    double step(const TrainingBatch &batch) { return step(std::vector<TrainingBatch>{batch}); }
    // Data-parallel training (not owned; nullptr: one process). Each rank then steps on its shards of the same
    // batches: a shard's loss is weighted by its share of the batch (B / wholeSize, the losses being means over
    // samples), the gradients (unscaled) and losses are summed over the ranks — giving exactly the gradient one
    // process gets on the whole batch — then clipped, and every rank takes the same optimizer step (or, after an
    // fp16 overflow on any rank, every rank skips it). The denoiser draws its noise for the whole batch on every rank
    // and uses its shard's rows, so the generators stay in step.
    void setDataParallel(DataParallelGroup *group) { m_group = group; }
    // Makes every rank's weights rank 0's (a new run's initialisation, or a resume).
    void broadcastWeights();
    // The fp16 loss scaler (precision "f16"), else nullptr.
    const LossScaler *lossScaler() const { return m_scaler ? &*m_scaler : nullptr; }
    // The regression loss (L_R) without gradients and with dropout off (validation).
    double evaluate(const TrainingBatch &batch);
    // The last step's parts: L_R and, with the denoiser, L_D (the step's loss is L_R + β·L_D).
    double lastRegressionLoss() const { return m_lastRegression; }
    std::optional<double> lastDenoiserLoss() const { return m_lastDenoiser; }

    // Our checkpoint (atomic); run: a free description of data and targets stored with it.
    void save(const std::string &path) const;
    // train.py's torch.save dict (atomic), loadable by torch.load.
    void exportUmbrae(const std::string &path) const;

    models::BrainEncoder &encoder() { return *m_encoder; }
    Denoiser *denoiser() { return m_denoiser ? &*m_denoiser : nullptr; }
    AdamW &optimizer() { return *m_optimizer; }
    const AdamW &optimizer() const { return *m_optimizer; }
    OneCycleLR &scheduler() { return *m_scheduler; }
    const OneCycleLR &scheduler() const { return *m_scheduler; }
    TrainingHistory &history() { return m_history; }
    const TrainingHistory &history() const { return m_history; }
    const TrainingRecipe &recipe() const { return m_recipe; }
    int64_t totalSteps() const { return m_totalSteps; }
    const models::BrainEncoderOptions &architecture() const { return m_architecture; }
    // Where the run trains (the encoder's parameters).
    at::Device deviceOfParameters() const;
    // Every tensor a step touches, named: the optimized parameters (denoiser included), AdamW's moments once made,
    // and the encoder's state dict (parameters and buffers) — for checks that they all live on one device.
    std::vector<std::pair<std::string, at::Tensor>> tensors() const;
    // Saved with every checkpoint and given back on resume (the Trainer keeps its data settings here).
    nlohmann::json &run() { return m_run; }
    const nlohmann::json &run() const { return m_run; }

private:
    std::unique_ptr<models::BrainEncoder> m_encoder;
    models::BrainEncoderOptions m_architecture;
    TrainingRecipe m_recipe;
    int64_t m_totalSteps = 0;
    std::unique_ptr<AdamW> m_optimizer;
    std::unique_ptr<OneCycleLR> m_scheduler;
    Objective m_objective;
    std::optional<Denoiser> m_denoiser;
    TrainingHistory m_history;
    double m_lastRegression = 0;
    std::optional<double> m_lastDenoiser;
    c10::DeviceType m_device = c10::DeviceType::CPU;
    std::optional<LossScaler> m_scaler;
    nlohmann::json m_run = nlohmann::json::object();
    DataParallelGroup *m_group = nullptr;
};

} // namespace vindex::train
