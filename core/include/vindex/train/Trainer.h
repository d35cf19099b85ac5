#pragma once
// Training a brain encoder as a job: the engine side of `vindex train` and of the GUI's training panel, on NSD trials
// of any layout with UMBRAE's recipe (TrainingRecipe.h), fitting and selecting on the splits of the data recipe
// (DataRecipe.h: clean = fit train, select on val; umbrae = fit train + val, select on test, augmented) with a
// validation after every epoch:
//  - one subject: BrainXS (train.py);
//  - several subjects: BrainX (train_brainx.py) — one tokenizer per subject and a shared perceiver; each epoch
//    draws two of the subjects and every step optimizes the sum of their losses, over as many steps as the
//    smallest subject's training set gives (the same number every epoch); validation: the mean over the subjects;
//  - adaptFrom: BrainXC (train_adaptation.py) — a new tokenizer for one subject, the perceiver of a cross-subject
//    model, frozen or not, optionally on a fraction of the training trials.
// Targets come from a feature space's vision tower (or a vision tower folder), computed once into an HDF5 feature
// cache, or — with augment — computed for every training batch from augmented stimuli (ImageAugmentation.h; the
// cache then holds the validation targets only). RUN_DIR receives last.safetensors (+ last.json) after every epoch and
// every `checkpointEvery` steps, best.safetensors when the validation loss improves, optionally the same as UMBRAE .pth
// files, the feature cache, and train_log.jsonl. Everything is written atomically; a run killed at any point
// continues from its last checkpoint and ends with the weights an uninterrupted run has (CPU, same thread count).
// Job control through the JobControl given to run(), from any thread: cancel (the step reached is saved, then run()
// throws Cancelled), pause / resume at the next step; every TrainProgress is also reported to it (stage = phase,
// done / total = global step / total steps). The engine is TrainingRun (private).
// Data-parallel over several processes (request.launch, e.g. from torchrun's variables): every rank runs this with
// the same request and RUN_DIR on a filesystem they share; each step's batch of --batch trials is split into one
// contiguous shard per rank (sizes differ by at most one), gradients are summed weighted by the shards' sizes, so
// the run takes the steps one process takes on the whole batches. Rank 0 builds the feature cache, writes the
// checkpoints and the log; the others read them. Validation batches are spread over the ranks.
// No LibTorch here: the CLI and the GUI include this.
#include "vindex/core/JobControl.h"
#include "vindex/train/DataRecipe.h"
#include "vindex/train/DistributedLaunch.h"
#include "vindex/train/TrainingRecipe.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace vindex::train {

struct TrainRequest {
    std::string root;          // NSD folder (any layout)
    std::vector<int> subjects; // one (BrainXS, BrainXC) or several (BrainX)
    // Targets: a multimodal LLM and a feature space, or a vision tower folder.
    std::string mllm, vision;
    std::string space = "se";
    int64_t scale = 0;
    int visionLayer = -2;
    int imageSize = 0; // vision: the stimulus side the tower sees (the method's --img_size); 0 = the tower's own
    std::string outDir;
    // Continue: our checkpoint, or a run folder (its last.safetensors), or a UMBRAE train.py .pth. Our checkpoints
    // carry their recipe and architecture; values given here must agree with them.
    std::string resume;
    std::string init; // start from these encoder weights (any encoder checkpoint) with a fresh optimizer
    // BrainXC: a cross-subject (or any) checkpoint whose perceiver the new subject's tokenizer is put in front of.
    std::string adaptFrom;
    bool freezePerceiver = false;    // with adaptFrom: train the tokenizer only
    std::optional<double> dataRatio; // fraction of the training trials used (train_adaptation.py's --data_ratio)
    // DataRecipe::names(): which splits are fitted and selected on; unset = clean, or on resume the checkpoint's.
    std::optional<std::string> recipe;
    // On-the-fly targets from augmented stimuli; unset = the recipe's, or on resume the checkpoint's.
    std::optional<bool> augment;
    std::optional<std::string> precision; // f32 (default), bf16, f16 (CUDA): TrainingRecipe::precision
    bool tf32 = false;
    std::string targetsCache; // "" = RUN_DIR/targets.h5
    // Recipe and architecture: unset = UMBRAE's defaults (or, on resume, the checkpoint's).
    std::optional<int64_t> epochs, batchSize, valBatchSize;
    std::optional<double> maxLr, gradClip;
    std::optional<std::string> loss;
    std::optional<uint64_t> seed;
    // VINDEX's objective L_R + β·L_D: β (0 = UMBRAE's regression only) and the denoiser MLP's width.
    std::optional<double> denoiserWeight;
    std::optional<int64_t> denoiserWidth;
    std::optional<int64_t> hidden, depth, heads, dimHead; // latents and output width follow the targets
    int64_t checkpointEvery = 0;                          // steps between last-checkpoints; 0 = each epoch's end
    bool exportPth = false;                               // also last.pth / best.pth in UMBRAE's format
    int threads = 0;                                      // intra-op CPU threads (0 = LibTorch's default)
    int64_t targetBatch = 8;                              // images per vision-tower pass while caching targets
    std::string device = "cpu";
    std::string dtype = "f32"; // of the vision side computing the targets
    DistributedLaunch launch;  // one process unless launch.worldSize > 1
};

struct TrainProgress {
    std::string phase; // "targets", "train", "validate", "paused", "done"
    int64_t epoch = 0, epochs = 0;
    int64_t step = 0, stepsPerEpoch = 0; // steps done in the epoch
    int64_t globalStep = 0, totalSteps = 0;
    double loss = 0, lr = 0;                     // loss: what is optimised (L_R + β·L_D with the denoiser)
    double regressionLoss = 0, denoiserLoss = 0; // L_R, and L_D (0 without the denoiser)
    double samplesPerSecond = 0, etaSeconds = 0;
    double valLoss = 0;  // the last validation loss (0 before the first)
    double fraction = 0; // of the whole run (targets: of the cache)
};

struct TrainResult {
    std::string outDir, lastCheckpoint, bestCheckpoint, logPath, targetsCache;
    std::string resumeNote; // what a resume took from its checkpoint
    bool resumed = false;
    // The data recipe's name and the splits it fitted and selected on; trainTrials: the fitted trials, valTrials: the
    // trials the best checkpoint is chosen on (those of selectSplit).
    std::string recipe;
    std::vector<std::string> fitSplits;
    std::string selectSplit;
    bool augmented = false;
    int64_t trainTrials = 0, valTrials = 0, stepsPerEpoch = 0, globalStep = 0, epochs = 0;
    double initialValLoss = 0; // the untrained (or initial) encoder's validation loss; 0 when not measured here
    double bestValLoss = 0, lastTrainLoss = 0;
    std::vector<double> epochValLosses;
    double seconds = 0, samplesPerSecond = 0; // samples: of the whole batches, all ranks together
    int rank = 0, worldSize = 1;
};

class Trainer {
public:
    explicit Trainer(TrainRequest request);
    ~Trainer();

    // The training's stream of partial results (each step's loss, each epoch's validation loss), called on the
    // training thread.
    void setProgressCallback(std::function<void(const TrainProgress &)> callback);

    // Blocking. Throws Error / DataError / ModelError / FormatError for bad input, Cancelled once job is cancelled
    // (the last checkpoint then holds the step reached). Pauses at the next step while job is paused.
    TrainResult run(const JobControl &job = JobControl::none());

private:
    TrainRequest m_request;
    std::function<void(const TrainProgress &)> m_callback;
};

} // namespace vindex::train
