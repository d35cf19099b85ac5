#pragma once
// `vindex caption --mllm DIR [--space se|me|af|nf|shikra] [--scale S] (--image IMG... | --features F.safetensors |
// --root DIR --subject S [--split test] [--trials 0:982] [--brain CKPT]) [--prompt P] [--max-new-tokens N]
// [--batch N] [--out RESULTS.json]`: captions in one feature space; the work happens in core (decode/CaptionRun.h).
#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

struct CommandContext;

class CaptionCommand {
public:
    CaptionCommand(CLI::App &parent, const CommandContext &context);
    bool selected() const { return m_command->parsed(); }
    int run() const;

private:
    const CommandContext &m_context;
    CLI::App *m_command = nullptr;
    std::string m_mllm, m_features, m_brain, m_root, m_split = "test", m_trials, m_out, m_space, m_prompt;
    std::vector<std::string> m_images, m_stop;
    int m_subject = 0;
    int64_t m_scale = 0, m_heads = 16, m_dimHead = 96;
    int64_t m_maxNewTokens = 128, m_batch = 8;
    double m_temperature = 0.0, m_topP = 1.0;
    uint64_t m_seed = 0;
    bool m_stream = false;
};
