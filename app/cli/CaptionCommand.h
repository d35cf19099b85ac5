#pragma once
// `vindex caption --mllm DIR [--space se|me|af|nf|shikra] [--scale S] (--image IMG... | --features F.safetensors |
// --root DIR --subject S [--split test] [--trials 0:982] [--brain CKPT]) [--prompt P] [--max-new-tokens N]
// [--batch N] [--out RESULTS.json]`: captions in one feature space; the work happens in core (decode/CaptionRun.h).
#include "vindex/decode/CaptionRun.h"

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
    vindex::decode::CaptionRunRequest m_request; // options bind to its fields (inputs, decoding: RunArguments)
    std::string m_preset;                        // --preset: the method's prompt by name (PromptPreset.h)
    bool m_stream = false;
};
