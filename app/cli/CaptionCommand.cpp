#include "CaptionCommand.h"

#include "CommandContext.h"
#include "RunArguments.h"

#include "vindex/core/Error.h"
#include "vindex/decode/PromptPreset.h"

#include <iostream>
#include <sstream>

CaptionCommand::CaptionCommand(CLI::App &parent, const CommandContext &context) : m_context(context)
{
    m_command = parent.add_subcommand(
        "caption", "Caption images, visual features, or NSD trials through a brain encoder, with a LLaVA-family or "
                   "Shikra model in one feature space (greedy by default). With --out, captions go to a BrainHub-style "
                   "{\"idx\": caption} file plus RESULTS.manifest.json, saved after every batch; re-running the same "
                   "command continues where it stopped.");
    m_command
        ->add_option("--mllm", m_request.modelFolder,
                     "LLaVA (original or llava-hf layout; MMVP, Dense Connector, M3) or Shikra")
        ->required()
        ->check(CLI::ExistingDirectory);
    m_command
        ->add_option("--space", m_request.space,
                     "Feature space: se, me (MMVP), af (Dense Connector), nf (M3), shikra (default: se for "
                     "LLaVA models, shikra for Shikra)")
        ->check(CLI::IsMember({"se", "me", "af", "nf", "shikra", "grounding"}));
    m_command->add_option("--scale", m_request.scale, "nf: visual tokens after pooling (1, 9, 36, 144, 576)");
    m_command
        ->add_option("--dino", m_request.dinoTower,
                     "me: DINOv2 when the MMVP folder's config.json names no mm_dino_tower: torch.hub weights "
                     "(dinov2_vitl14_pretrain.pth) or an HF DINOv2 folder (default: torch.hub's cache, "
                     "$TORCH_HOME/hub/checkpoints)")
        ->check(CLI::ExistingPath);
    RunArguments::addInputs(*m_command, m_request);
    auto *prompt = m_command->add_option(
        "--prompt", m_request.prompt,
        "The question (default: the method's, see --preset). Shikra prompts must contain <image>, LLaVA ones "
        "must not");
    std::string presets;
    for (const auto &preset : vindex::decode::promptPresets())
        presets += "\n  " + preset.name + ": \"" + preset.prompt + "\" (" + preset.usedBy + ")";
    m_command
        ->add_option("--preset", m_preset,
                     "The method's prompt by name (default: simple for Shikra, detail otherwise):" + presets)
        ->excludes(prompt);
    RunArguments::addDecoding(*m_command, m_request);
    m_command->add_flag("--stream", m_stream, "Print text as it is generated (first input)");
    m_command->add_option("--out", m_request.resultsPath,
                          "Results file {\"idx\": caption} (+ .manifest.json); resumes if present");
}

int CaptionCommand::run() const
{
    vindex::decode::CaptionRunRequest request = m_request;
    if (!m_preset.empty())
        request.prompt = vindex::decode::promptPreset(m_preset).prompt;
    request.device = m_context.device;
    request.dtype = m_context.dtype;

    std::size_t printed = 0;
    std::string streamKey;
    vindex::JobControl job([](const vindex::JobProgress &p) {
        RunArguments::progress(static_cast<std::size_t>(p.done), static_cast<std::size_t>(p.total), "captions");
    });
    request.job = &job;
    if (m_stream && !m_context.json)
        job.setPartialHandler([&](const std::string &key, const std::string &text) {
            if (streamKey.empty())
                streamKey = key;
            if (key == streamKey && text.size() > printed) {
                std::cout << text.substr(printed) << std::flush;
                printed = text.size();
            }
        });
    const auto result = vindex::decode::CaptionRun::run(request);
    RunArguments::endProgress();

    nlohmann::ordered_json document{{"model", result.model},
                                    {"mllm", m_request.modelFolder},
                                    {"space", result.space},
                                    {"prompt", result.promptText}};
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
    if (!m_request.resultsPath.empty()) {
        document["results"] = result.resultsPath;
        document["manifest"] = result.manifestPath;
        text << "results: " << result.resultsPath << " (" << result.captions.size() << " captions, " << result.resumed
             << " from an earlier run); manifest: " << result.manifestPath << '\n';
    }
    document["timing"] = RunArguments::timingJson(result);
    m_context.emit(document, text.str());
    return 0;
}
