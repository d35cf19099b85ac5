#pragma once
// `vindex demo --out DIR`: writes the built-in synthetic NSD dataset (every layout, BrainHub-style captions and boxes)
// — small by default, real size with --voxels 15724 --trials 30000 for `vindex bench load`.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

struct CommandContext;

class DemoCommand {
public:
    DemoCommand(CLI::App &parent, const CommandContext &context);
    bool selected() const { return m_command->parsed(); }
    int run() const;

private:
    const CommandContext &m_context;
    CLI::App *m_command = nullptr;
    std::string m_out;
    std::vector<int> m_subjects = {1, 2};
    int64_t m_voxels = 217, m_trials = 300;
    int m_imageSize = 64;
    std::vector<std::string> m_layouts = {"webdataset", "mindeye2", "native"};
};
