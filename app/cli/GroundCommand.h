#pragma once
// `vindex ground --mllm SHIKRA (--image IMG... | --features F.safetensors | --root DIR --subject S [--trials ...]
// [--brain CKPT]) (--expr TEXT... | --categories coco (--truth FILE | --brainhub DIR)) [--prompt P] [--out
// BOXES.json]`: Shikra's boxes for each input and expression; the work happens in core (decode/GroundRun.h).
#include "vindex/decode/GroundRun.h"

#include <CLI/CLI.hpp>

struct CommandContext;

class GroundCommand {
public:
    GroundCommand(CLI::App &parent, const CommandContext &context);
    bool selected() const { return m_command->parsed(); }
    int run() const;

private:
    const CommandContext &m_context;
    CLI::App *m_command = nullptr;
    vindex::decode::GroundRunRequest m_request; // options bind to its fields (inputs, decoding: RunArguments)
};
