#pragma once
// `vindex bench decode --mllm DIR [--prompt-tokens N] [--new-tokens N] [--batch N] [--repeats N]`: prefill and
// decode throughput of a model's language model (random prompts, greedy, EOS ignored).
// `vindex bench load --root DIR [--subject S] [--fetches N]`: opening a subject and fetching random trials.
// `vindex bench eval --candidates C.json --references R.json [--repeats N]`: scoring a caption file with every
// implemented caption metric on one core (tokenize + BLEU + ROUGE-L + CIDEr).
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
    int runDecode() const;
    int runLoad() const;
    int runEval() const;

    const CommandContext &m_context;
    CLI::App *m_command = nullptr;
    CLI::App *m_decode = nullptr;
    CLI::App *m_load = nullptr;
    CLI::App *m_eval = nullptr;
    std::string m_candidates, m_references;
    std::string m_model, m_root;
    int m_subject = 0;
    int64_t m_fetches = 1000;
    int64_t m_promptTokens = 128, m_newTokens = 64, m_batch = 1;
    int m_repeats = 3;
};
