#pragma once
// `vindex demo --out DIR`: writes the built-in demo world (procedural scenes seen by a simulated subject) in every NSD
// layout with BrainHub-style captions and boxes; --world closed-form writes the closed-form dataset instead (tests,
// and real size with --voxels 15724 --trials 30000 for `vindex bench load`).
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
    std::string m_world = "shapes";
    std::vector<int> m_subjects;
    int64_t m_voxels = 0, m_trials = 0; // 0: the world's default
    uint64_t m_seed = 17;
    int m_imageSize = 64;
    std::vector<std::string> m_layouts = {"webdataset", "mindeye2", "native"};
};
