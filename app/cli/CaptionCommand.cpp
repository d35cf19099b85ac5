#include "CaptionCommand.h"

#include "CommandContext.h"

#include "vindex/core/Error.h"
#include "vindex/decode/CaptionRun.h"

#include <cstdio>
#include <iostream>
#include <sstream>
#include <unistd.h>

CaptionCommand::CaptionCommand(CLI::App &parent, const CommandContext &context) : m_context(context)
{
    m_command = parent.add_subcommand(
        "caption", "Caption images, visual features, or NSD trials through a brain encoder, with a LLaVA-family or "
                   "Shikra model in one feature space (greedy by default). With --out, captions go to a BrainHub-style "
                   "{\"idx\": caption} file plus RESULTS.manifest.json, saved after every batch; re-running the same "
                   "command continues where it stopped.");
    m_command->add_option("--mllm", m_mllm, "LLaVA (original or llava-hf layout; MMVP, Dense Connector, M3) or Shikra")
        ->required()
        ->check(CLI::ExistingDirectory);
    m_command->add_option("--space", m_space,
                          "Feature space: se, me (MMVP), af (Dense Connector), nf (M3), shikra (default: se for "
                          "LLaVA models, shikra for Shikra)")
        ->check(CLI::IsMember({"se", "me", "af", "nf", "shikra", "grounding"}));
    m_command->add_option("--scale", m_scale, "nf: visual tokens after pooling (1, 9, 36, 144, 576)");
    m_command->add_option("--image", m_images, "PNG or JPEG image, the upper bound (repeat for several)")
        ->check(CLI::ExistingFile);
    m_command->add_option("--features", m_features, ".safetensors with 'features' [trials, tokens, width]")
        ->check(CLI::ExistingFile);
    m_command->add_option("--root", m_root, "NSD folder (any layout): decode trials of --subject")
        ->check(CLI::ExistingDirectory);
    m_command->add_option("--subject", m_subject, "NSD subject (with --root)")->check(CLI::Range(1, 8));
    m_command->add_option("--split", m_split, "Split of the trials")
        ->check(CLI::IsMember({"train", "val", "test"}))
        ->capture_default_str();
    m_command->add_option("--trials", m_trials, "Trials of the split: 0:982 (end exclusive), 3,5,10:20; default all");
    m_command->add_option("--brain", m_brain, "Brain encoder checkpoint: decode the trials' voxels (mean of the "
                                              "repeats); without it, the trials' stimulus images (upper bound)")
        ->check(CLI::ExistingPath);
    m_command->add_option("--heads", m_heads, "Brain perceiver attention heads (not stored in checkpoints)")
        ->capture_default_str();
    m_command->add_option("--dim-head", m_dimHead, "Brain perceiver width per head")->capture_default_str();
    m_command->add_option("--prompt", m_prompt,
                          "The question (default: \"Describe this image in detail.\"; Shikra: \"Describe this image "
                          "<image> as simply as possible.\"). Shikra prompts must contain <image>, LLaVA ones must not");
    m_command->add_option("--max-new-tokens", m_maxNewTokens, "Most tokens to generate")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    m_command->add_option("--batch", m_batch, "Prompts generated together")->check(CLI::PositiveNumber)->capture_default_str();
    m_command->add_option("--temperature", m_temperature, "0 = greedy; > 0 samples")->check(CLI::NonNegativeNumber);
    m_command->add_option("--top-p", m_topP, "Nucleus sampling mass")->check(CLI::Range(0.0, 1.0));
    m_command->add_option("--seed", m_seed, "Seed for sampling");
    m_command->add_option("--stop", m_stop, "Stop string (repeatable)");
    m_command->add_flag("--stream", m_stream, "Print text as it is generated (first input)");
    m_command->add_option("--out", m_out, "Results file {\"idx\": caption} (+ .manifest.json); resumes if present");
}

int CaptionCommand::run() const
{
    vindex::decode::CaptionRunRequest request;
    request.modelFolder = m_mllm;
    request.space = m_space;
    request.scale = m_scale;
    request.images = m_images;
    request.featuresPath = m_features;
    request.root = m_root;
    request.subject = m_subject;
    request.split = m_split;
    request.trials = m_trials;
    request.brainCheckpoint = m_brain;
    request.heads = m_heads;
    request.dimHead = m_dimHead;
    request.prompt = m_prompt;
    request.maxNewTokens = m_maxNewTokens;
    request.batchSize = m_batch;
    request.temperature = m_temperature;
    request.topP = m_topP;
    request.seed = m_seed;
    request.stopStrings = m_stop;
    request.device = m_context.device;
    request.dtype = m_context.dtype;
    request.resultsPath = m_out;

    std::size_t printed = 0;
    std::string streamKey;
    if (m_stream && !m_context.json)
        request.onText = [&](const std::string &key, const std::string &text) {
            if (streamKey.empty())
                streamKey = key;
            if (key == streamKey && text.size() > printed) {
                std::cout << text.substr(printed) << std::flush;
                printed = text.size();
            }
        };
    const bool terminal = isatty(STDERR_FILENO) != 0;
    request.progress = [terminal](std::size_t done, std::size_t total) {
        if (terminal)
            std::fprintf(stderr, "\r%zu / %zu captions", done, total);
    };
    const auto result = vindex::decode::CaptionRun::run(request);
    if (terminal && !result.captions.empty())
        std::fprintf(stderr, "\n");

    nlohmann::ordered_json document{
        {"model", result.model}, {"mllm", m_mllm}, {"space", result.space}, {"prompt", result.promptText}};
    nlohmann::ordered_json captions = nlohmann::ordered_json::array();
    std::ostringstream text;
    if (printed > 0)
        text << '\n';
    for (const auto &c : result.captions) {
        captions.push_back(
            {{"key", c.key}, {"source", c.source}, {"ids", c.ids}, {"text", c.text}, {"resumed", c.resumed}});
        text << c.source << ": " << c.text << (c.resumed ? "  (from the earlier run)" : "") << '\n';
    }
    document["captions"] = std::move(captions);
    document["resumed"] = result.resumed;
    if (!m_out.empty()) {
        document["results"] = result.resultsPath;
        document["manifest"] = result.manifestPath;
        text << "results: " << result.resultsPath << " (" << result.captions.size() << " captions, " << result.resumed
             << " from an earlier run); manifest: " << result.manifestPath << '\n';
    }
    document["timing"] = {{"seconds", result.seconds},
                          {"prompt_tokens", result.promptTokens},
                          {"generated_tokens", result.generatedTokens},
                          {"prefill_tokens_per_second", result.prefillTokensPerSecond},
                          {"decode_tokens_per_second", result.decodeTokensPerSecond}};
    m_context.emit(document, text.str());
    return 0;
}
