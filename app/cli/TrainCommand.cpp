#include "TrainCommand.h"

#include "CommandContext.h"
#include "InterruptScope.h"

#include "vindex/core/Error.h"
#include "vindex/train/Trainer.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace {

std::string duration(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return "?";
    const auto s = static_cast<long long>(seconds + 0.5);
    char text[32];
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
    return text;
}

// "train + val"
std::string join(const std::vector<std::string> &splits)
{
    std::string text;
    for (const std::string &split : splits)
        text += (text.empty() ? "" : " + ") + split;
    return text;
}

std::vector<int> parseSubjects(const std::string &text)
{
    std::vector<int> subjects;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, ',')) {
        try {
            std::size_t used = 0;
            const int s = std::stoi(part, &used);
            if (used != part.size() || s < 1 || s > 8)
                throw std::invalid_argument(part);
            subjects.push_back(s);
        } catch (const std::exception &) {
            throw vindex::Error("train --subject '" + text + "': expected subject numbers 1..8, comma-separated");
        }
    }
    return subjects;
}

} // namespace

TrainCommand::TrainCommand(CLI::App &parent, const CommandContext &context) : m_context(context)
{
    m_command = parent.add_subcommand(
        "train", "Train a brain encoder with UMBRAE's recipe on NSD trials, targets from a feature space's vision "
                 "tower: one subject (BrainXS), several (--subject 1,2,5,7: cross-subject BrainX, two subjects per "
                 "epoch, summed losses) or a new subject adapted to a cross-subject model (--adapt-from: BrainXC). "
                 "Resumable (RUN_DIR/last.safetensors), with best.safetensors by validation loss and "
                 "RUN_DIR/train_log.jsonl. --recipe clean (default) fits the train split and keeps the best "
                 "checkpoint on val; --recipe umbrae does what UMBRAE's train.py does: fits train + val, keeps the "
                 "best on the test split, with augmentation");
    m_command->add_option("--root", m_root, "NSD data folder (any layout)")->required();
    m_command
        ->add_option("--subject", m_subjects, "Subject, or a comma-separated list for cross-subject training (BrainX)")
        ->required();
    m_command->add_option("--space", m_space, "Feature space of the targets: se, me, af, nf, shikra")
        ->capture_default_str();
    m_command->add_option("--scale", m_scale, "nf: visual tokens after pooling (0 = the model's default)");
    auto *mllm = m_command->add_option("--mllm", m_mllm, "Multimodal LLM folder whose vision side gives the targets");
    auto *vision = m_command->add_option("--vision", m_vision, "Vision tower folder giving the targets directly");
    mllm->excludes(vision);
    m_command->add_option("--vision-layer", m_visionLayer, "--vision: hidden state used (CLS dropped)")
        ->capture_default_str();
    m_command
        ->add_option("--img-size", m_imageSize,
                     "--vision: the stimulus side the tower sees (the method's --img_size, e.g. 224 for clip_224 and "
                     "dino_224 targets; default: the tower's own)")
        ->check(CLI::PositiveNumber)
        ->excludes(mllm);
    m_command->add_option("--out", m_out, "Run folder (checkpoints, feature cache, log)")->required();
    m_epochsOption = m_command->add_option("--epochs", m_epochs, "Epochs (UMBRAE: 240)")->check(CLI::PositiveNumber);
    m_recipeOption =
        m_command
            ->add_option(
                "--recipe", m_recipe,
                "Which splits are fitted and which choose best.safetensors: clean = fit train, select on val, no "
                "augmentation; umbrae = UMBRAE's train.py: fit train + val (8,859 images), select on test (982; "
                "whole batches of --val-batch, as its loader drops a partial one), augmented targets. Default "
                "clean, or on --resume the run's")
            ->check(CLI::IsMember(vindex::train::DataRecipe::names()));
    m_batchOption =
        m_command->add_option("--batch", m_batch, "Trials per step (UMBRAE: 128)")->check(CLI::PositiveNumber);
    m_valBatchOption = m_command->add_option("--val-batch", m_valBatch, "Trials per validation batch (UMBRAE: 300)")
                           ->check(CLI::PositiveNumber);
    m_lrOption = m_command->add_option("--lr", m_lr, "OneCycleLR max_lr (UMBRAE: 3e-4)")->check(CLI::PositiveNumber);
    m_lossOption = m_command->add_option("--loss", m_loss, "mse (default), l1, huber or quantile")
                       ->check(CLI::IsMember({"mse", "l1", "huber", "quantile"}));
    m_seedOption = m_command->add_option("--seed", m_seed, "Seed of initialisation, shuffling and dropout (42)");
    m_clipOption =
        m_command->add_option("--grad-clip", m_gradClip, "Clip the gradients' L2 norm to this (default: off)");
    m_objectiveOption =
        m_command
            ->add_option("--objective", m_objective,
                         "umbrae: the regression loss alone; vindex: + β·denoiser loss (β --denoiser-weight, "
                         "default 1; a 2-layer MLP denoiser, DDPM linear schedule 1e-4→0.02 over 1000 steps)")
            ->check(CLI::IsMember({"umbrae", "vindex"}));
    m_denoiserWeightOption =
        m_command->add_option("--denoiser-weight", m_denoiserWeight, "β of the VINDEX objective (0 = off)");
    m_denoiserWidthOption =
        m_command->add_option("--denoiser-width", m_denoiserWidth, "The denoiser MLP's width (1024)");
    m_command->add_option("--resume", m_resume,
                          "Continue a run: its folder or checkpoint (.safetensors), or a UMBRAE train.py .pth");
    m_command->add_option("--init", m_init, "Start from these encoder weights (fresh optimizer)");
    m_command->add_option("--adapt-from", m_adaptFrom,
                          "BrainXC: put a new tokenizer for --subject in front of this checkpoint's perceiver "
                          "(a cross-subject BrainX)");
    m_command->add_flag("--freeze-perceiver", m_freezePerceiver,
                        "With --adapt-from: train the new tokenizer only (train_adaptation.py's --freeze_encoder)");
    m_dataRatioOption =
        m_command
            ->add_option("--data-ratio", m_dataRatio, "Use this fraction of the training trials, a fixed subset (0, 1]")
            ->check(CLI::Range(0.0, 1.0));
    m_augmentOption = m_command->add_flag(
        "--augment,!--no-augment", m_augment,
        "Compute each training batch's targets from augmented stimuli (UMBRAE's random resized crop, flip, colour "
        "jitter, grayscale) instead of the cached ones; slower (default: the recipe's — umbrae on, clean off)");
    m_precisionOption =
        m_command
            ->add_option("--precision", m_precision,
                         "f32; bf16 (autocast, CPU or CUDA) or f16 (CUDA, with loss scaling): mixed precision "
                         "with fp32 weights and optimizer")
            ->check(CLI::IsMember({"f32", "bf16", "f16"}));
    m_command->add_flag("--tf32", m_tf32, "Let CUDA matmuls use TensorFloat-32");
    m_command->add_option("--targets-cache", m_cache, "HDF5 feature cache (default RUN_DIR/targets.h5)");
    m_hiddenOption = m_command->add_option("--hidden", m_hidden, "Encoder width h (UMBRAE: 1024)");
    m_depthOption = m_command->add_option("--depth", m_depth, "Perceiver layers (UMBRAE: 6)");
    m_headsOption = m_command->add_option("--heads", m_heads, "Perceiver heads (UMBRAE: 16)");
    m_dimHeadOption = m_command->add_option("--dim-head", m_dimHead, "Perceiver width per head (UMBRAE: 96)");
    m_command->add_option("--checkpoint-every", m_checkpointEvery,
                          "Also save last.safetensors every N steps (default: at each epoch's end)");
    m_command->add_flag("--export-pth", m_exportPth, "Also write last.pth / best.pth in UMBRAE's train.py format");
    m_command->add_option("--threads", m_threads, "CPU threads (0 = LibTorch's default)");
    m_command->add_option("--target-batch", m_targetBatch, "Images per vision-tower pass while caching targets")
        ->capture_default_str();
    m_command
        ->add_option("--join-timeout", m_joinTimeout,
                     "Several processes: seconds to wait for the others to start (rank 0) or for rank 0 (the others)")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    m_command->footer(
        "Several processes (data-parallel, CPU with Gloo, GPUs with NCCL where LibTorch has it): start the same "
        "command once per process with torchrun's environment variables\n"
        "  WORLD_SIZE   number of processes        RANK        this process, 0 .. WORLD_SIZE-1\n"
        "  MASTER_ADDR  rank 0's host              MASTER_PORT a free TCP port there (rank 0 listens)\n"
        "  LOCAL_RANK   the process's number on its machine (--device cuda uses cuda:LOCAL_RANK)\n"
        "e.g. on one machine:\n"
        "  for r in 0 1; do WORLD_SIZE=2 RANK=$r MASTER_ADDR=127.0.0.1 MASTER_PORT=29500 vindex train ... --out RUN "
        "& done; wait\n"
        "Every rank needs the same arguments and --out on a filesystem they all see: rank 0 builds the feature "
        "cache and writes checkpoints and the log, the others read them. --batch is the whole batch of a step: each "
        "rank takes a contiguous shard (sizes differ by one at most when it does not divide) and the gradients are "
        "combined weighted by shard size, so N processes take the steps one process takes (to rounding; the loss "
        "'quantile', dropout masks and --augment's augmentations are per shard, so those runs differ from one "
        "process). Resume with the same command and --resume RUN.");
}

int TrainCommand::run() const
{
    vindex::train::TrainRequest request;
    request.root = m_root;
    request.subjects = parseSubjects(m_subjects);
    request.mllm = m_mllm;
    request.vision = m_vision;
    request.space = m_space;
    request.scale = m_scale;
    request.visionLayer = m_visionLayer;
    request.imageSize = m_imageSize;
    request.outDir = m_out;
    request.resume = m_resume;
    request.init = m_init;
    request.targetsCache = m_cache;
    if (m_epochsOption->count())
        request.epochs = m_epochs;
    if (m_recipeOption->count())
        request.recipe = m_recipe;
    if (m_batchOption->count())
        request.batchSize = m_batch;
    if (m_valBatchOption->count())
        request.valBatchSize = m_valBatch;
    if (m_lrOption->count())
        request.maxLr = m_lr;
    if (m_lossOption->count())
        request.loss = m_loss;
    if (m_seedOption->count())
        request.seed = m_seed;
    if (m_clipOption->count())
        request.gradClip = m_gradClip;
    // --objective vindex switches the denoiser on with β = 1 unless --denoiser-weight says otherwise.
    if (m_denoiserWeightOption->count())
        request.denoiserWeight = m_denoiserWeight;
    else if (m_objectiveOption->count())
        request.denoiserWeight = m_objective == "vindex" ? 1.0 : 0.0;
    if (m_denoiserWidthOption->count())
        request.denoiserWidth = m_denoiserWidth;
    if (m_hiddenOption->count())
        request.hidden = m_hidden;
    if (m_depthOption->count())
        request.depth = m_depth;
    if (m_headsOption->count())
        request.heads = m_heads;
    if (m_dimHeadOption->count())
        request.dimHead = m_dimHead;
    request.adaptFrom = m_adaptFrom;
    request.freezePerceiver = m_freezePerceiver;
    if (m_dataRatioOption->count())
        request.dataRatio = m_dataRatio;
    if (m_augmentOption->count())
        request.augment = m_augment;
    if (m_precisionOption->count())
        request.precision = m_precision;
    request.tf32 = m_tf32;
    request.checkpointEvery = m_checkpointEvery;
    request.exportPth = m_exportPth;
    request.threads = m_threads;
    request.targetBatch = m_targetBatch;
    request.device = m_context.device;
    request.dtype = m_context.dtype;
    request.launch = vindex::train::DistributedLaunch::fromEnvironment();
    request.launch.joinTimeoutSeconds = m_joinTimeout;

    vindex::train::Trainer trainer(request);
    vindex::JobControl job; // Ctrl-C / SIGTERM cancel it: the run saves the step reached
    InterruptScope interrupt(job);
    // The live line: rewritten in place on a terminal (~10 times a second); elsewhere one line per epoch.
    // With several processes only rank 0 draws it.
    const bool terminal = ::isatty(STDERR_FILENO) == 1;
    const bool quiet = request.launch.rank != 0;
    auto lastDraw = std::chrono::steady_clock::now() - std::chrono::seconds(1);
    bool open = false;
    int64_t lastEpochPrinted = -1;
    trainer.setProgressCallback([&](const vindex::train::TrainProgress &p) {
        if (quiet)
            return;
        char line[256];
        if (p.phase == "targets") {
            std::snprintf(line, sizeof line, "computing training targets %5.1f%%", 100.0 * p.fraction);
        } else if (p.phase == "validate") {
            std::snprintf(line, sizeof line, "epoch %lld/%lld validating", static_cast<long long>(p.epoch + 1),
                          static_cast<long long>(p.epochs));
        } else if (p.phase == "train") {
            std::snprintf(
                line, sizeof line, "epoch %lld/%lld step %lld/%lld  loss %.5g  lr %.3g  %.1f samples/s  ETA %s%s",
                static_cast<long long>(p.epoch + 1), static_cast<long long>(p.epochs), static_cast<long long>(p.step),
                static_cast<long long>(p.stepsPerEpoch), p.loss, p.lr, p.samplesPerSecond,
                duration(p.etaSeconds).c_str(), p.valLoss > 0 ? ("  val " + std::to_string(p.valLoss)).c_str() : "");
        } else {
            return;
        }
        if (terminal) {
            const auto now = std::chrono::steady_clock::now();
            if (now - lastDraw < std::chrono::milliseconds(100) && p.phase == "train" && p.step != p.stepsPerEpoch)
                return;
            lastDraw = now;
            std::cerr << "\r\033[K" << line << std::flush;
            open = true;
        } else if (p.phase == "train" && p.step == p.stepsPerEpoch && p.epoch != lastEpochPrinted) {
            lastEpochPrinted = p.epoch;
            std::cerr << line << '\n' << std::flush;
        }
    });
    vindex::train::TrainResult result;
    try {
        result = trainer.run(job);
    } catch (const vindex::Cancelled &) {
        if (open)
            std::cerr << "\r\033[K";
        std::cerr << "vindex train: stopped; the step reached is saved — continue with --resume " << m_out << '\n';
        throw;
    }
    if (open)
        std::cerr << "\r\033[K" << std::flush;

    nlohmann::ordered_json document{{"out", result.outDir},
                                    {"last", result.lastCheckpoint},
                                    {"best", result.bestCheckpoint},
                                    {"log", result.logPath},
                                    {"targets_cache", result.targetsCache},
                                    {"resumed", result.resumed},
                                    {"resume_note", result.resumeNote},
                                    {"recipe", result.recipe},
                                    {"fit_splits", result.fitSplits},
                                    {"select_split", result.selectSplit},
                                    {"augment", result.augmented},
                                    {"train_trials", result.trainTrials},
                                    {"val_trials", result.valTrials},
                                    {"steps_per_epoch", result.stepsPerEpoch},
                                    {"global_step", result.globalStep},
                                    {"epochs", result.epochs},
                                    {"initial_val_loss", result.initialValLoss},
                                    {"epoch_val_losses", result.epochValLosses},
                                    {"best_val_loss", result.bestValLoss},
                                    {"last_train_loss", result.lastTrainLoss},
                                    {"samples_per_second", result.samplesPerSecond},
                                    {"seconds", result.seconds},
                                    {"rank", result.rank},
                                    {"world_size", result.worldSize}};
    std::ostringstream text;
    if (result.worldSize > 1)
        text << "rank " << result.rank << " of " << result.worldSize << ": ";
    text << "trained " << result.globalStep << " steps (" << result.epochs << " epochs × " << result.stepsPerEpoch
         << " steps, " << result.trainTrials << " trials of " << join(result.fitSplits) << "; recipe " << result.recipe
         << ", best on " << result.selectSplit << ")";
    if (!result.resumeNote.empty())
        text << "; " << result.resumeNote;
    text << "\n";
    if (!result.epochValLosses.empty())
        text << "validation loss " << (result.initialValLoss > 0 ? std::to_string(result.initialValLoss) + " → " : "")
             << result.epochValLosses.back() << " (best " << result.bestValLoss << ")\n";
    text << "last: " << result.lastCheckpoint << "\n";
    if (!result.bestCheckpoint.empty())
        text << "best: " << result.bestCheckpoint << "\n";
    text << "log:  " << result.logPath << "\n";
    m_context.emit(document, text.str());
    return 0;
}
