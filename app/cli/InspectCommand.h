#pragma once
// `vindex inspect PATH`: tensors, shapes, dtypes and metadata of a weights or data file.
#include <CLI/CLI.hpp>

#include <memory>
#include <string>

struct CommandContext;

class InspectCommand {
public:
    InspectCommand(CLI::App &parent, const CommandContext &context);
    bool selected() const { return m_command->parsed(); }
    int run() const;

private:
    const CommandContext &m_context;
    CLI::App *m_command = nullptr;
    std::string m_path;
};
