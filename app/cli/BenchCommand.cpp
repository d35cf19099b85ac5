#include "BenchCommand.h"

#include "CommandContext.h"

#include "vindex/models/Benchmarks.h"

#include <cstdio>

BenchCommand::BenchCommand(CLI::App &parent, const CommandContext &context) : m_context(context)
{
    m_command = parent.add_subcommand("bench", "Measure speed (throughput numbers; nothing is checked)");
    m_command->require_subcommand(1);
    m_decode = m_command->add_subcommand("decode", "Prefill and decode tokens/s of a model's language model");
    m_decode->add_option("--mllm,--model", m_model, "LLaVA, Shikra or LLaMA model folder")
        ->required()
        ->check(CLI::ExistingDirectory);
    m_decode->add_option("--prompt-tokens", m_promptTokens, "Prompt length")->check(CLI::PositiveNumber)->capture_default_str();
    m_decode->add_option("--new-tokens", m_newTokens, "Tokens generated")->check(CLI::PositiveNumber)->capture_default_str();
    m_decode->add_option("--batch", m_batch, "Sequences decoded together")->check(CLI::PositiveNumber)->capture_default_str();
    m_decode->add_option("--repeats", m_repeats, "Timed runs (the best is reported)")->check(CLI::PositiveNumber)->capture_default_str();
}

int BenchCommand::run() const
{
    vindex::models::DecodeBenchmarkRequest request;
    request.modelFolder = m_model;
    request.promptLength = m_promptTokens;
    request.newTokens = m_newTokens;
    request.batch = m_batch;
    request.repeats = m_repeats;
    request.device = m_context.device;
    request.dtype = m_context.dtype;
    const auto r = vindex::models::benchmarkDecode(request);
    nlohmann::ordered_json document{{"benchmark", "decode"},
                                    {"model", r.model},
                                    {"folder", m_model},
                                    {"compute", r.compute},
                                    {"batch", r.batch},
                                    {"prompt_tokens", r.promptLength},
                                    {"new_tokens", r.newTokens},
                                    {"load_seconds", r.loadSeconds},
                                    {"prefill_tokens_per_second", r.prefillTokensPerSecond},
                                    {"decode_tokens_per_second", r.decodeTokensPerSecond},
                                    {"prefill_seconds", r.prefillSeconds},
                                    {"decode_seconds", r.decodeSeconds}};
    char text[512];
    std::snprintf(text, sizeof text,
                  "%s (%s), %s\n  batch %lld, prompt %lld tokens, %lld new tokens, best of %d\n"
                  "  load     %.3f s\n  prefill  %.1f tokens/s (%.2f ms)\n  decode   %.1f tokens/s (%.2f ms per step)\n",
                  r.model.c_str(), m_model.c_str(), r.compute.c_str(), static_cast<long long>(r.batch),
                  static_cast<long long>(r.promptLength), static_cast<long long>(r.newTokens), m_repeats,
                  r.loadSeconds, r.prefillTokensPerSecond, r.prefillSeconds * 1e3, r.decodeTokensPerSecond,
                  r.newTokens > 1 ? r.decodeSeconds * 1e3 / static_cast<double>(r.newTokens - 1) : 0.0);
    m_context.emit(document, text);
    return 0;
}
