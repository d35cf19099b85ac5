#pragma once
// `vindex verify DIR`: runs a reference fixture folder and prints the max error of every output.
#include <CLI/CLI.hpp>

#include <string>

struct CommandContext;

class VerifyCommand {
public:
    VerifyCommand(CLI::App &parent, const CommandContext &context);
    bool selected() const { return m_command->parsed(); }
    int run() const; // 0 when every output is within tolerance, 3 when one is not

private:
    const CommandContext &m_context;
    CLI::App *m_command = nullptr;
    std::string m_folder;
};
