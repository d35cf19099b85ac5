#pragma once
// `vindex encode --brain CKPT (--voxels F.npy | --root DIR --subject S --split test) --out F.safetensors`:
// a brain encoder's features for trials of voxels. The work happens in core (models/BrainEncoding.h).
#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

struct CommandContext;

class EncodeCommand {
public:
    EncodeCommand(CLI::App &parent, const CommandContext &context);
    bool selected() const { return m_command->parsed(); }
    int run() const;

private:
    const CommandContext &m_context;
    CLI::App *m_command = nullptr;
    std::string m_brain, m_voxels, m_root, m_split = "test", m_trials, m_out;
    int m_subject = 0;
    int64_t m_heads = 0, m_dimHead = 0, m_batch = 16;
};
