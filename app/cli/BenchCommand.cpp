#include "BenchCommand.h"

#include "CommandContext.h"

#include "vindex/core/Error.h"
#include "vindex/data/LoadBenchmark.h"
#include "vindex/eval/EvalBenchmark.h"
#include "vindex/models/Benchmarks.h"
#include "vindex/models/CaptureBenchmark.h"
#include "vindex/models/RandomWeights.h"
#include "vindex/train/TrainBenchmark.h"

#include <cstdio>

BenchCommand::BenchCommand(CLI::App &parent, const CommandContext &context) : m_context(context)
{
    m_command = parent.add_subcommand("bench", "Measure speed (throughput numbers; nothing is checked)");
    m_command->require_subcommand(1);
    m_decode = m_command->add_subcommand(
        "decode", "Prefill and decode tokens/s of a model's language model, and whole trials (prompt + new tokens) per "
                  "second at --batch and at batch 1");
    auto *folder = m_decode->add_option("--mllm,--model", m_model, "LLaVA, Shikra or LLaMA model folder")
                       ->check(CLI::ExistingDirectory);
    auto *random = m_decode
                       ->add_option("--random", m_randomModel,
                                    "Instead of a folder: a real architecture with random weights (llama-7b = "
                                    "LLaVA-1.5-7B's language model, llama-13b), made in memory")
                       ->check(CLI::IsMember(vindex::models::RandomWeights::llamaNames()));
    folder->excludes(random);
    m_decode->add_option("--prompt-tokens", m_promptTokens, "Prompt length")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    m_decode->add_option("--new-tokens", m_newTokens, "Tokens generated")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    m_decode->add_option("--batch", m_batch, "Sequences decoded together")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    m_decode->add_option("--repeats", m_repeats, "Timed runs (the best is reported)")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    m_load = m_command->add_subcommand("load", "Time to open an NSD subject and to fetch random trials, per layout");
    m_load->add_option("--root", m_root, "NSD folder")->required()->check(CLI::ExistingDirectory);
    m_load->add_option("--subject", m_subject, "Only this subject");
    m_load->add_option("--fetches", m_fetches, "Random trials fetched")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    m_eval = m_command->add_subcommand(
        "eval", "Time to score a caption file with every implemented caption metric (METEOR without paraphrase)");
    m_eval->add_option("--candidates", m_candidates, "Decoded captions (e.g. BrainHub's subXX_decoded_caption.json)")
        ->required()
        ->check(CLI::ExistingFile);
    m_eval->add_option("--references", m_references, "Reference captions (e.g. BrainHub's fmri_cococap.json)")
        ->required()
        ->check(CLI::ExistingFile);
    m_eval->add_option("--repeats", m_repeats, "Timed runs (the best is reported)")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    m_capture = m_command->add_subcommand(
        "capture", "CAPTURE's time per description once its models are loaded: FACTUAL scene-graph parsing (T5, beam "
                   "search 5, at most 128 tokens) and element matching (exact, WordNet synonyms, sentence-embedding "
                   "soft matching) of made-up detailed descriptions; without folders the models are Flan-T5-base and "
                   "MPNet-base (all-mpnet-base-v2) shapes with random weights, which tend to decode to the 128-token "
                   "limit (the generated tokens and the time per decoder step are reported)");
    auto *parser = m_capture->add_option("--parser", m_parser, "A T5 parser folder (default: random Flan-T5-base)")
                       ->check(CLI::ExistingDirectory);
    auto *spiece = m_capture
                       ->add_option("--spiece", m_spiece,
                                    "Sentencepiece unigram model for the random parser (spiece.model: a Flan-T5 "
                                    "folder's, or tests/fixtures/t5-tiny/spiece.model)")
                       ->check(CLI::ExistingFile);
    parser->excludes(spiece);
    m_capture->add_option("--encoder", m_encoder, "A sentence-transformers folder (default: random MPNet-base)")
        ->check(CLI::ExistingDirectory);
    m_capture->add_option("--pairs", m_pairs, "Candidate-reference pairs (twice as many descriptions are parsed)")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    m_capture->add_option("--sentences", m_sentences, "Sentences per description")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    m_capture->add_option("--wordnet", m_wordNet, "WordNet 3.0 database folder (default: as eval captions)");
    m_capture->add_option("--scratch", m_scratch,
                          "Folder for the random models (kept; default: a temporary folder, removed after)");
    m_train = m_command->add_subcommand(
        "train",
        "Training samples/s of the full-size BrainXS (UMBRAE's subject-1 encoder): forward + MSE + backward + "
        "AdamW + OneCycleLR on random targets of the cached targets' shape; --dtype bf16 / f16 is the trainer's "
        "mixed precision (autocast, f32 weights and optimizer; f16 with loss scaling, CUDA only); --device "
        "chooses where");
    m_train->add_option("--batch", m_trainBatch, "Samples per step")->check(CLI::PositiveNumber)->capture_default_str();
    m_train->add_option("--steps", m_steps, "Timed steps (their mean is reported)")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    m_train->add_option("--warmup", m_warmup, "Untimed steps first")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    m_train->add_option("--threads", m_threads, "CPU threads (0 = LibTorch's default)")->capture_default_str();
    m_train->add_flag("--tf32", m_tf32, "CUDA: matmuls in TensorFloat-32 (as vindex train --tf32)");
    m_train->add_option("--voxels", m_voxels, "Encoder input voxels")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    m_train->add_option("--tokens", m_tokens, "Output tokens (latents)")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    m_train->add_option("--width", m_width, "Output width (the targets')")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    m_train->add_option("--hidden", m_hidden, "Encoder width h")->check(CLI::PositiveNumber)->capture_default_str();
    m_train->add_option("--depth", m_depth, "Perceiver layers")->check(CLI::PositiveNumber)->capture_default_str();
    m_train->add_option("--heads", m_heads, "Perceiver heads")->check(CLI::PositiveNumber)->capture_default_str();
    m_train->add_option("--dim-head", m_dimHead, "Perceiver width per head")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
}

int BenchCommand::run() const
{
    if (m_eval->parsed())
        return runEval();
    if (m_train->parsed())
        return runTrain();
    if (m_capture->parsed())
        return runCapture();
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

int BenchCommand::runCapture() const
{
    vindex::models::CaptureBenchmarkRequest request;
    request.parserFolder = m_parser;
    request.parserSpiece = m_spiece;
    request.encoderFolder = m_encoder;
    request.wordNetDirectory = m_wordNet;
    request.scratchFolder = m_scratch;
    request.pairs = m_pairs;
    request.sentences = m_sentences;
    request.device = m_context.device;
    const auto r = vindex::models::benchmarkCapture(request);
    const double sentences = static_cast<double>(r.descriptions * r.sentences);
    nlohmann::ordered_json document{
        {"benchmark", "capture"},
        {"parser", r.parser},
        {"encoder", r.encoder},
        {"compute", r.compute},
        {"threads", r.threads},
        {"beam_size", 5},
        {"max_output_tokens", r.maxOutputTokens},
        {"pairs", r.pairs},
        {"descriptions", r.descriptions},
        {"sentences_per_description", r.sentences},
        {"write_seconds", r.writeSeconds},
        {"load_seconds", r.loadSeconds},
        {"wordnet_seconds", r.wordNetSeconds},
        {"parse_seconds", r.parseSeconds},
        {"parse_seconds_per_description", r.parseSecondsPerDescription()},
        {"batches", r.batches},
        {"input_tokens_per_sentence", static_cast<double>(r.inputTokens) / sentences},
        {"generated_tokens_per_sentence", static_cast<double>(r.generatedTokens) / sentences},
        {"sentences_at_limit", r.sentencesAtLimit},
        {"decoder_steps", r.decoderSteps},
        {"seconds_per_decoder_step", r.secondsPerDecoderStep()},
        {"match_seconds", r.matchSeconds},
        {"match_seconds_per_pair", r.matchSecondsPerPair()},
        {"embed_seconds", r.embedSeconds},
        {"embedded_phrases", r.embeddedPhrases},
        {"mean_capture", r.meanCapture}};
    char text[2048];
    std::snprintf(
        text, sizeof text,
        "CAPTURE on %s, %d threads: %lld pairs (%lld descriptions of %lld sentences)\n"
        "  parser   %s, beam 5, at most %lld new tokens\n  encoder  %s\n"
        "  setup    write %.2f s, load %.2f s, WordNet %.2f s (once per process)\n\n"
        "  %-28s %10s %14s\n"
        "  %-28s %10.3f %14.3f\n"
        "  %-28s %10.3f %14.3f\n"
        "  %-28s %10.3f %14s\n\n"
        "  parsing: %.1f input tokens and %.1f generated tokens per sentence (%lld of %lld sentences ran to the "
        "limit), %lld batches, %lld decoder steps, %.1f ms per step\n"
        "  matching: %lld phrases embedded in %.3f s; mean CAPTURE %.4f\n",
        r.compute.c_str(), r.threads, static_cast<long long>(r.pairs), static_cast<long long>(r.descriptions),
        static_cast<long long>(r.sentences), r.parser.c_str(), static_cast<long long>(r.maxOutputTokens),
        r.encoder.c_str(), r.writeSeconds, r.loadSeconds, r.wordNetSeconds, "stage", "total s", "s per unit",
        "parse (per description)", r.parseSeconds, r.parseSecondsPerDescription(), "match (per pair)", r.matchSeconds,
        r.matchSecondsPerPair(), "  of which embedding", r.embedSeconds, "",
        static_cast<double>(r.inputTokens) / sentences, static_cast<double>(r.generatedTokens) / sentences,
        static_cast<long long>(r.sentencesAtLimit), static_cast<long long>(r.descriptions * r.sentences),
        static_cast<long long>(r.batches), static_cast<long long>(r.decoderSteps), r.secondsPerDecoderStep() * 1e3,
        static_cast<long long>(r.embeddedPhrases), r.embedSeconds, r.meanCapture);
    m_context.emit(document, text);
    return 0;
}

int BenchCommand::runTrain() const
{
    // UMBRAE's train.py on one H200 (fp16 autocast, batch 128, cached targets): the Python reference's speed.
    constexpr double kReferenceSamplesPerSecond = 686.0;
    vindex::train::TrainBenchmarkRequest request;
    request.batch = m_trainBatch;
    request.steps = m_steps;
    request.warmup = m_warmup;
    request.threads = m_threads;
    request.device = m_context.device;
    request.dtype = m_context.dtype;
    request.tf32 = m_tf32;
    request.voxels = m_voxels;
    request.tokens = m_tokens;
    request.width = m_width;
    request.hidden = m_hidden;
    request.depth = m_depth;
    request.heads = m_heads;
    request.dimHead = m_dimHead;
    const auto r = vindex::train::benchmarkTraining(request);
    const bool gpu = m_context.device.rfind("cuda", 0) == 0;
    nlohmann::ordered_json document{{"benchmark", "train"},
                                    {"encoder", "BrainXS"},
                                    {"voxels", m_voxels},
                                    {"tokens", m_tokens},
                                    {"width", m_width},
                                    {"hidden", m_hidden},
                                    {"depth", m_depth},
                                    {"heads", m_heads},
                                    {"dim_head", m_dimHead},
                                    {"parameters", r.parameters},
                                    {"compute", r.compute},
                                    {"threads", r.threads},
                                    {"batch", m_trainBatch},
                                    {"steps", m_steps},
                                    {"warmup", m_warmup},
                                    {"targets", "random, the shape of cached targets"},
                                    {"build_seconds", r.buildSeconds},
                                    {"mean_step_seconds", r.meanStepSeconds},
                                    {"best_step_seconds", r.bestStepSeconds},
                                    {"samples_per_second", r.samplesPerSecond},
                                    {"first_loss", r.firstLoss},
                                    {"last_loss", r.lastLoss},
                                    {"reference_samples_per_second", kReferenceSamplesPerSecond},
                                    {"reference", "UMBRAE train.py, one H200, fp16, batch 128"}};
    if (gpu)
        document["ratio_to_reference"] = r.samplesPerSecond / kReferenceSamplesPerSecond;
    char text[1024];
    std::snprintf(text, sizeof text,
                  "BrainXS %lld voxels -> %lld x %lld (hidden %lld, depth %lld, %lld x %lld heads; %.1fM parameters), "
                  "%s, %d threads\n"
                  "  batch %lld, %lld timed steps after %lld warm-up: forward + MSE + backward + AdamW + OneCycleLR on "
                  "random targets of the cached targets' shape (no data reading)\n"
                  "  step     %.3f s mean, %.3f s best (loss %.4g -> %.4g)\n"
                  "  train    %.2f samples/s\n",
                  static_cast<long long>(m_voxels), static_cast<long long>(m_tokens), static_cast<long long>(m_width),
                  static_cast<long long>(m_hidden), static_cast<long long>(m_depth), static_cast<long long>(m_heads),
                  static_cast<long long>(m_dimHead), static_cast<double>(r.parameters) / 1e6, r.compute.c_str(),
                  r.threads, static_cast<long long>(m_trainBatch), static_cast<long long>(m_steps),
                  static_cast<long long>(m_warmup), r.meanStepSeconds, r.bestStepSeconds, r.firstLoss, r.lastLoss,
                  r.samplesPerSecond);
    std::string summary = text;
    if (gpu)
        std::snprintf(text, sizeof text,
                      "  reference: UMBRAE's train.py %.0f samples/s (one H200, fp16, batch 128): %.2fx (compare on "
                      "the same kind of card)\n",
                      kReferenceSamplesPerSecond, r.samplesPerSecond / kReferenceSamplesPerSecond);
    else
        std::snprintf(text, sizeof text,
                      "  reference: UMBRAE's train.py %.0f samples/s on one H200 GPU (fp16, batch 128) — a GPU "
                      "number, context only for a CPU run\n",
                      kReferenceSamplesPerSecond);
    summary += text;
    m_context.emit(document, summary);
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
            rows.back()["cache"] = {
                {"kind", r.cache}, {"prepare_seconds", r.cacheSeconds}, {"sessions_decoded", r.sessionsDecoded}};
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
    if (m_model.empty() && m_randomModel.empty())
        throw vindex::Error("bench decode: give a model folder (--mllm DIR) or a random architecture (--random "
                            "llama-7b)");
    vindex::models::DecodeBenchmarkRequest request;
    request.modelFolder = m_model;
    request.randomModel = m_randomModel;
    request.promptLength = m_promptTokens;
    request.newTokens = m_newTokens;
    request.batch = m_batch;
    request.repeats = m_repeats;
    request.device = m_context.device;
    request.dtype = m_context.dtype;
    const auto r = vindex::models::benchmarkDecode(request);
    nlohmann::ordered_json document{
        {"benchmark", "decode"},
        {"model", r.model},
        {"folder", m_model.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(m_model)},
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
    std::snprintf(
        text, sizeof text,
        "%s (%s), %s\n  batch %lld, prompt %lld tokens, %lld new tokens, best of %d\n"
        "  load     %.3f s\n  prefill  %.1f tokens/s (%.2f ms)\n  decode   %.1f tokens/s (%.2f ms per step)\n",
        r.model.c_str(), m_model.c_str(), r.compute.c_str(), static_cast<long long>(r.batch),
        static_cast<long long>(r.promptLength), static_cast<long long>(r.newTokens), m_repeats, r.loadSeconds,
        r.prefillTokensPerSecond, r.prefillSeconds * 1e3, r.decodeTokensPerSecond,
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
