#pragma once
// `vindex bench decode --mllm DIR [--prompt-tokens N] [--new-tokens N] [--batch N] [--repeats N]`: prefill and
// decode throughput of a model's language model (random prompts, greedy, EOS ignored).
#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

struct CommandContext;

class BenchCommand {
public:
    BenchCommand(CLI::App &parent, const CommandContext &context);
    bool selected() const { return m_command->parsed(); }
    int run() const;

private:
    const CommandContext &m_context;
    CLI::App *m_command = nullptr;
    CLI::App *m_decode = nullptr;
    std::string m_model;
    int64_t m_promptTokens = 128, m_newTokens = 64, m_batch = 1;
    int m_repeats = 3;
};
