#pragma once
// `vindex caption --mllm DIR (--image IMG... | --features F.safetensors) [--prompt P] [--max-new-tokens N]
// [--batch N] [--out RESULTS.json]`: captions from a LLaVA or Shikra model. The work happens in core
// (models/Captioning.h).
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
    std::string m_mllm, m_features, m_brain, m_root, m_trials, m_out, m_space = "se";
    std::string m_prompt = "Describe this image in detail.";
    std::vector<std::string> m_images, m_stop;
    int m_subject = 0, m_scale = 0;
    int64_t m_maxNewTokens = 128, m_batch = 8;
    double m_temperature = 0.0, m_topP = 1.0;
    uint64_t m_seed = 0;
    bool m_stream = false;
};
