#include "BenchCommand.h"

#include "CommandContext.h"

#include "vindex/data/LoadBenchmark.h"
#include "vindex/eval/EvalBenchmark.h"
#include "vindex/models/Benchmarks.h"

#include <cstdio>

BenchCommand::BenchCommand(CLI::App &parent, const CommandContext &context) : m_context(context)
{
    m_command = parent.add_subcommand("bench", "Measure speed (throughput numbers; nothing is checked)");
    m_command->require_subcommand(1);
    m_decode = m_command->add_subcommand(
        "decode", "Prefill and decode tokens/s of a model's language model, and whole trials (prompt + new tokens) per "
                  "second at --batch and at batch 1");
    m_decode->add_option("--mllm,--model", m_model, "LLaVA, Shikra or LLaMA model folder")
        ->required()
        ->check(CLI::ExistingDirectory);
    m_decode->add_option("--prompt-tokens", m_promptTokens, "Prompt length")->check(CLI::PositiveNumber)->capture_default_str();
    m_decode->add_option("--new-tokens", m_newTokens, "Tokens generated")->check(CLI::PositiveNumber)->capture_default_str();
    m_decode->add_option("--batch", m_batch, "Sequences decoded together")->check(CLI::PositiveNumber)->capture_default_str();
    m_decode->add_option("--repeats", m_repeats, "Timed runs (the best is reported)")->check(CLI::PositiveNumber)->capture_default_str();
    m_load = m_command->add_subcommand("load", "Time to open an NSD subject and to fetch random trials, per layout");
    m_load->add_option("--root", m_root, "NSD folder")->required()->check(CLI::ExistingDirectory);
    m_load->add_option("--subject", m_subject, "Only this subject");
    m_load->add_option("--fetches", m_fetches, "Random trials fetched")->check(CLI::PositiveNumber)->capture_default_str();
    m_eval = m_command->add_subcommand(
        "eval", "Time to score a caption file with every implemented caption metric (METEOR without paraphrase)");
    m_eval->add_option("--candidates", m_candidates, "Decoded captions (e.g. BrainHub's subXX_decoded_caption.json)")
        ->required()
        ->check(CLI::ExistingFile);
    m_eval->add_option("--references", m_references, "Reference captions (e.g. BrainHub's fmri_cococap.json)")
        ->required()
        ->check(CLI::ExistingFile);
    m_eval->add_option("--repeats", m_repeats, "Timed runs (the best is reported)")->check(CLI::PositiveNumber)->capture_default_str();
}

int BenchCommand::run() const
{
    if (m_eval->parsed())
        return runEval();
    return m_load->parsed() ? runLoad() : runDecode();
}

int BenchCommand::runEval() const
{
    vindex::eval::EvalBenchmarkRequest request;
    request.candidatesPath = m_candidates;
    request.referencesPath = m_references;
    request.repeats = m_repeats;
    const auto r = vindex::eval::benchmarkCaptionEvaluation(request);
    nlohmann::ordered_json document{{"benchmark", "eval"},
                                    {"candidates", m_candidates},
                                    {"references", m_references},
                                    {"metrics", {"BLEU-1..4", "ROUGE-L", "CIDEr", "METEOR (no paraphrase)"}},
                                    {"threads", 1},
                                    {"trials", r.trials},
                                    {"reference_captions", r.references},
                                    {"read_seconds", r.readSeconds},
                                    {"tokenize_seconds", r.tokenizeSeconds},
                                    {"score_seconds", r.scoreSeconds},
                                    {"total_seconds", r.totalSeconds},
                                    {"wordnet_seconds", r.wordNetSeconds},
                                    {"cider", r.cider},
                                    {"meteor_noparaphrase", r.meteor}};
    char text[640];
    std::snprintf(text, sizeof text,
                  "%s\n  %zu trials, %zu reference captions, BLEU-1..4 + ROUGE-L + CIDEr + METEOR (no paraphrase) on "
                  "one core, best of %d\n"
                  "  read JSON  %.3f s\n  WordNet    %.3f s (read once per process)\n  tokenize   %.3f s\n"
                  "  score      %.3f s\n  total      %.3f s (files and WordNet read)\n",
                  m_candidates.c_str(), r.trials, r.references, m_repeats, r.readSeconds, r.wordNetSeconds,
                  r.tokenizeSeconds, r.scoreSeconds, r.totalSeconds);
    m_context.emit(document, text);
    return 0;
}

int BenchCommand::runLoad() const
{
    const auto results = vindex::data::LoadBenchmark::run(m_root, m_subject, m_fetches);
    nlohmann::ordered_json document{{"benchmark", "load"}, {"root", m_root}};
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    std::string text = m_root + "\n";
    for (const auto &r : results) {
        rows.push_back({{"layout", r.layout},
                        {"subject", r.subject},
                        {"voxels", r.voxels},
                        {"trials", r.trials},
                        {"fetched", r.fetched},
                        {"open_seconds", r.openSeconds},
                        {"mean_fetch_ms", r.meanFetchMilliseconds},
                        {"worst_fetch_ms", r.worstFetchMilliseconds},
                        {"resident_mb", r.residentMegabytes}});
        if (!r.cache.empty())
            rows.back()["cache"] = {{"kind", r.cache},
                                    {"prepare_seconds", r.cacheSeconds},
                                    {"sessions_decoded", r.sessionsDecoded}};
        char line[320];
        std::snprintf(line, sizeof line,
                      "  %-10s subject %d: %lld voxels, %lld trials; open %.3f s; %lld random trials: mean %.3f ms, "
                      "worst %.3f ms; resident %.0f MB\n",
                      r.layout.c_str(), r.subject, static_cast<long long>(r.voxels), static_cast<long long>(r.trials),
                      r.openSeconds, static_cast<long long>(r.fetched), r.meanFetchMilliseconds,
                      r.worstFetchMilliseconds, r.residentMegabytes);
        text += line;
        if (!r.cache.empty()) {
            std::snprintf(line, sizeof line,
                          "             betas from the %s cache (prepared in %.2f s, %lld sessions decompressed)\n",
                          r.cache == "disk" ? "memory-mapped ROI" : "in-memory", r.cacheSeconds,
                          static_cast<long long>(r.sessionsDecoded));
            text += line;
        }
    }
    document["results"] = std::move(rows);
    m_context.emit(document, text);
    return 0;
}

int BenchCommand::runDecode() const
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
                                    {"decode_seconds", r.decodeSeconds},
                                    {"trials_per_second", r.trialsPerSecond},
                                    {"batch1_trials_per_second", r.batchOneTrialsPerSecond}};
    char text[512];
    std::snprintf(text, sizeof text,
                  "%s (%s), %s\n  batch %lld, prompt %lld tokens, %lld new tokens, best of %d\n"
                  "  load     %.3f s\n  prefill  %.1f tokens/s (%.2f ms)\n  decode   %.1f tokens/s (%.2f ms per step)\n",
                  r.model.c_str(), m_model.c_str(), r.compute.c_str(), static_cast<long long>(r.batch),
                  static_cast<long long>(r.promptLength), static_cast<long long>(r.newTokens), m_repeats,
                  r.loadSeconds, r.prefillTokensPerSecond, r.prefillSeconds * 1e3, r.decodeTokensPerSecond,
                  r.newTokens > 1 ? r.decodeSeconds * 1e3 / static_cast<double>(r.newTokens - 1) : 0.0);
    std::string summary = text;
    char trials[256];
    std::snprintf(trials, sizeof trials, "  trials   %.2f /s at batch %lld", r.trialsPerSecond,
                  static_cast<long long>(r.batch));
    summary += trials;
    if (r.batch > 1) {
        std::snprintf(trials, sizeof trials, ", %.2f /s at batch 1 (%.1fx)", r.batchOneTrialsPerSecond,
                      r.batchOneTrialsPerSecond > 0 ? r.trialsPerSecond / r.batchOneTrialsPerSecond : 0.0);
        summary += trials;
    }
    summary += "\n";
    m_context.emit(document, summary);
    return 0;
}
