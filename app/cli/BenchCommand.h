#pragma once
// `vindex bench decode --mllm DIR [--prompt-tokens N] [--new-tokens N] [--batch N] [--repeats N]`: prefill and
// decode throughput of a model's language model (random prompts, greedy, EOS ignored).
// `vindex bench load --root DIR [--subject S] [--fetches N]`: opening a subject and fetching random trials.
// `vindex bench eval --candidates C.json --references R.json [--repeats N]`: scoring a caption file with every
// implemented caption metric on one core (tokenize + BLEU + ROUGE-L + CIDEr).
// `vindex bench capture [--parser DIR | --spiece FILE] [--encoder DIR] [--pairs N] [--sentences N]`: CAPTURE's
// parsing and matching time per description (random Flan-T5-base / MPNet-base weights without folders).
// `vindex bench train [--batch 8] [--steps 5] [--warmup 2] [--threads N] [--device D] [--dtype f32|bf16]`: training
// samples/s of the full-size BrainXS (forward + backward + AdamW) on random targets of the cached targets' shape.
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
    int runTrain() const;
    int runCapture() const;

    const CommandContext &m_context;
    CLI::App *m_command = nullptr;
    CLI::App *m_decode = nullptr;
    CLI::App *m_load = nullptr;
    CLI::App *m_eval = nullptr;
    CLI::App *m_train = nullptr;
    CLI::App *m_capture = nullptr;
    std::string m_parser, m_spiece, m_encoder, m_wordNet, m_scratch;
    int64_t m_pairs = 4, m_sentences = 5;
    std::string m_candidates, m_references;
    std::string m_model, m_randomModel, m_root;
    int m_subject = 0;
    int64_t m_fetches = 1000;
    int64_t m_promptTokens = 128, m_newTokens = 64, m_batch = 1;
    int m_repeats = 3;
    int64_t m_trainBatch = 8, m_steps = 5, m_warmup = 2;
    int64_t m_voxels = 15724, m_tokens = 256, m_width = 1024, m_hidden = 1024, m_depth = 6, m_heads = 16,
            m_dimHead = 96;
    int m_threads = 0;
    bool m_tf32 = false;
};
