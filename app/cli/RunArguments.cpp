#include "RunArguments.h"

#include "vindex/data/Trial.h"

#include <cstdio>
#include <unistd.h>

namespace {

bool g_progressShown = false; // a progress line is open on stderr

std::vector<std::string> splitNames()
{
    std::vector<std::string> names;
    for (const vindex::data::Split split : vindex::data::kSplits)
        names.emplace_back(vindex::data::splitName(split));
    return names;
}

} // namespace

void RunArguments::addInputs(CLI::App &command, vindex::decode::RunInputOptions &inputs)
{
    command.add_option("--image", inputs.images, "PNG or JPEG image, the upper bound (repeat for several)")
        ->check(CLI::ExistingFile);
    command.add_option("--features", inputs.featuresPath, ".safetensors with 'features' [trials, tokens, width]")
        ->check(CLI::ExistingFile);
    command.add_option("--root", inputs.root, "NSD folder (any layout): decode trials of --subject")
        ->check(CLI::ExistingDirectory);
    command.add_option("--subject", inputs.subject, "NSD subject (with --root)")->check(CLI::Range(1, 8));
    command.add_option("--split", inputs.split, "Split of the trials")
        ->check(CLI::IsMember(splitNames()))
        ->capture_default_str();
    command.add_option("--trials", inputs.trials, "Trials of the split: 0:982 (end exclusive), 3,5,10:20; default all");
    command
        .add_option("--brain", inputs.brainCheckpoint,
                    "Brain encoder checkpoint: decode the trials' voxels (mean of "
                    "the repeats); without it, the trials' stimulus images "
                    "(upper bound)")
        ->check(CLI::ExistingPath);
    command.add_option("--heads", inputs.heads,
                       "Brain perceiver attention heads (default: as our training checkpoints record it, else 16; "
                       "UMBRAE's files do not store it)");
    command.add_option("--dim-head", inputs.dimHead, "Brain perceiver width per head (default: as recorded, else 96)");
}

void RunArguments::addDecoding(CLI::App &command, vindex::decode::DecodingOptions &decoding)
{
    command.add_option("--max-new-tokens", decoding.maxNewTokens, "Most tokens to generate")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    command.add_option("--batch", decoding.batchSize, "Prompts generated together")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    command.add_option("--temperature", decoding.temperature, "0 = greedy; > 0 samples")->check(CLI::NonNegativeNumber);
    command.add_option("--top-p", decoding.topP, "Nucleus sampling mass")->check(CLI::Range(0.0, 1.0));
    command.add_option("--seed", decoding.seed, "Seed for sampling");
    command.add_option("--stop", decoding.stopStrings, "Stop string (repeatable)");
}

void RunArguments::progress(std::size_t done, std::size_t total, const char *what)
{
    if (isatty(STDERR_FILENO) == 0)
        return;
    std::fprintf(stderr, "\r%zu / %zu %s", done, total, what);
    g_progressShown = true;
}

void RunArguments::endProgress()
{
    if (g_progressShown)
        std::fprintf(stderr, "\n");
    g_progressShown = false;
}

nlohmann::ordered_json RunArguments::timingJson(const vindex::decode::RunTimings &timings)
{
    return {{"seconds", timings.seconds},
            {"prompt_tokens", timings.promptTokens},
            {"generated_tokens", timings.generatedTokens},
            {"prefill_tokens_per_second", timings.prefillTokensPerSecond},
            {"decode_tokens_per_second", timings.decodeTokensPerSecond}};
}
