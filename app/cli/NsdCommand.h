#pragma once
// `vindex nsd info --root DIR`: which NSD layouts and subjects a folder holds, voxel counts, trials per split, and one
// line for everything missing or inconsistent.
// `vindex nsd cache --root DIR [--subject S] [--cache-dir DIR]`: converts native NSD betas sessions into the
// persistent ROI cache (data::NativeBetasCache), with a progress line on stderr; reports sessions converted, bytes and
// seconds per subject.
#include <CLI/CLI.hpp>

#include <string>

struct CommandContext;

class NsdCommand {
public:
    NsdCommand(CLI::App &parent, const CommandContext &context);
    bool selected() const { return m_command->parsed(); }
    int run() const;

private:
    int runInfo() const;
    int runCache() const;

    const CommandContext &m_context;
    CLI::App *m_command = nullptr;
    CLI::App *m_info = nullptr;
    CLI::App *m_cache = nullptr;
    std::string m_root;
    int m_subject = 0;
    std::string m_cacheDir;
};
