#pragma once
// `vindex train --root DIR --subject S --space SPACE (--mllm DIR | --vision DIR) --out RUN_DIR [--epochs N]
// [--batch N] [--resume CKPT]`: trains a brain encoder (core/train/Trainer.h) with a live progress line on stderr
// (epoch, step, loss, lr, samples/s, ETA) and RUN_DIR/train_log.jsonl. Ctrl-C saves the step reached and stops.
// Several processes (data-parallel) when torchrun's RANK / WORLD_SIZE / MASTER_ADDR / MASTER_PORT are set.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

struct CommandContext;

class TrainCommand {
public:
    TrainCommand(CLI::App &parent, const CommandContext &context);
    bool selected() const { return m_command->parsed(); }
    int run() const;

private:
    const CommandContext &m_context;
    CLI::App *m_command = nullptr;
    std::string m_root, m_subjects, m_space = "se", m_mllm, m_vision, m_out, m_resume, m_init, m_cache, m_loss;
    int64_t m_scale = 0, m_epochs = 0, m_batch = 0, m_valBatch = 0, m_hidden = 0, m_depth = 0, m_heads = 0,
            m_dimHead = 0;
    int64_t m_checkpointEvery = 0, m_targetBatch = 8;
    int m_visionLayer = -2, m_imageSize = 0, m_threads = 0, m_joinTimeout = 300;
    double m_lr = 0, m_gradClip = 0, m_denoiserWeight = 1.0;
    int64_t m_denoiserWidth = 1024;
    std::string m_objective = "umbrae", m_recipe = "clean";
    uint64_t m_seed = 42;
    bool m_exportPth = false;
    std::string m_adaptFrom, m_precision = "f32";
    bool m_freezePerceiver = false, m_augment = false, m_tf32 = false;
    double m_dataRatio = 1.0;
    CLI::Option *m_dataRatioOption = nullptr, *m_precisionOption = nullptr, *m_augmentOption = nullptr,
                *m_valBatchOption = nullptr, *m_recipeOption = nullptr;
    CLI::Option *m_epochsOption = nullptr, *m_batchOption = nullptr, *m_lrOption = nullptr, *m_lossOption = nullptr,
                *m_seedOption = nullptr, *m_clipOption = nullptr, *m_hiddenOption = nullptr, *m_depthOption = nullptr,
                *m_headsOption = nullptr, *m_dimHeadOption = nullptr, *m_denoiserWeightOption = nullptr,
                *m_denoiserWidthOption = nullptr, *m_objectiveOption = nullptr;
};
