#pragma once
// `vindex nsd info --root DIR`: which NSD layouts and subjects a folder holds, voxel counts, trials per split, and one
// line for everything missing or inconsistent.
#include <CLI/CLI.hpp>

#include <string>

struct CommandContext;

class NsdCommand {
public:
    NsdCommand(CLI::App &parent, const CommandContext &context);
    bool selected() const { return m_command->parsed(); }
    int run() const;

private:
    const CommandContext &m_context;
    CLI::App *m_command = nullptr;
    CLI::App *m_info = nullptr;
    std::string m_root;
};
