#pragma once
// `vindex features --vision DIR --image IMG [--layer -2] [--size N] [--keep-cls] [--pad auto|none|mean|white]
// --out F.safetensors`: a vision tower's features of one image. The work happens in core
// (models/FeatureExtraction.h).
#include <CLI/CLI.hpp>

#include <string>

struct CommandContext;

class FeaturesCommand {
public:
    FeaturesCommand(CLI::App &parent, const CommandContext &context);
    bool selected() const { return m_command->parsed(); }
    int run() const;

private:
    const CommandContext &m_context;
    CLI::App *m_command = nullptr;
    std::string m_vision, m_image, m_out, m_pad = "auto";
    int m_layer = -2;
    int m_size = 0;
    bool m_keepCls = false;
};
