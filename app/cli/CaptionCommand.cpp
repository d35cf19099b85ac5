#include "CaptionCommand.h"

#include "CommandContext.h"

#include "vindex/core/Error.h"
#include "vindex/io/AtomicFile.h"
#include "vindex/models/Captioning.h"

#include <iostream>
#include <sstream>

CaptionCommand::CaptionCommand(CLI::App &parent, const CommandContext &context) : m_context(context)
{
    m_command = parent.add_subcommand("caption", "Caption images, or visual features such as a brain encoder's "
                                                 "output, with a LLaVA or Shikra model (greedy by default)");
    m_command->add_option("--mllm", m_mllm, "LLaVA (original or llava-hf layout) or Shikra model folder")
        ->required()
        ->check(CLI::ExistingDirectory);
    m_command->add_option("--image", m_images, "PNG or JPEG image (repeat for several)")->check(CLI::ExistingFile);
    m_command->add_option("--features", m_features, ".safetensors with 'features' [trials, tokens, width]")
        ->check(CLI::ExistingFile);
    m_command->add_option("--brain", m_brain, "Brain encoder checkpoint (with --root/--subject; not yet available)");
    m_command->add_option("--root", m_root, "NSD data folder (not yet available)");
    m_command->add_option("--subject", m_subject, "NSD subject");
    m_command->add_option("--trials", m_trials, "Trial range, e.g. 0:982");
    m_command->add_option("--space", m_space, "Feature space: se (single encoder); me, af, nf, shikra come later")
        ->capture_default_str();
    m_command->add_option("--scale", m_scale, "M3 token scale (1, 9, 36, 144, 576; comes with the nf space)");
    m_command->add_option("--prompt", m_prompt, "The question; '<image>' marks where the visual tokens go")
        ->capture_default_str();
    m_command->add_option("--max-new-tokens", m_maxNewTokens, "Most tokens to generate")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    m_command->add_option("--batch", m_batch, "Prompts generated together")->check(CLI::PositiveNumber)->capture_default_str();
    m_command->add_option("--temperature", m_temperature, "0 = greedy; > 0 samples")->check(CLI::NonNegativeNumber);
    m_command->add_option("--top-p", m_topP, "Nucleus sampling mass")->check(CLI::Range(0.0, 1.0));
    m_command->add_option("--seed", m_seed, "Seed for sampling");
    m_command->add_option("--stop", m_stop, "Stop string (repeatable)");
    m_command->add_flag("--stream", m_stream, "Print text as it is generated (one prompt)");
    m_command->add_option("--out", m_out, "Write the results as JSON to this file");
}

int CaptionCommand::run() const
{
    if (!m_brain.empty() || !m_root.empty())
        throw vindex::DataError("caption --brain/--root: not available yet: NSD sessions arrive with a later issue; "
                                "encode voxels with `vindex encode` and pass --features instead");
    if (m_space != "se")
        throw vindex::Error("caption --space " + m_space + ": only 'se' is available so far");
    if (m_scale != 0)
        throw vindex::Error("caption --scale: token scales come with the nf (M3) feature space");
    if (m_images.empty() && m_features.empty())
        throw vindex::Error("caption: give --image or --features");

    vindex::models::CaptionRequest request;
    request.modelFolder = m_mllm;
    request.images = m_images;
    request.featuresPath = m_features;
    request.prompt = m_prompt;
    request.maxNewTokens = m_maxNewTokens;
    request.batchSize = m_batch;
    request.temperature = m_temperature;
    request.topP = m_topP;
    request.seed = m_seed;
    request.stopStrings = m_stop;
    request.device = m_context.device;
    request.dtype = m_context.dtype;
    std::size_t printed = 0;
    if (m_stream && !m_context.json)
        request.onText = [&printed](std::size_t index, const std::string &text) {
            if (index == 0 && text.size() > printed) {
                std::cout << text.substr(printed) << std::flush;
                printed = text.size();
            }
        };
    const auto result = vindex::models::caption(request);

    nlohmann::ordered_json document{{"model", result.model}, {"mllm", m_mllm}, {"prompt", result.promptText}};
    nlohmann::ordered_json captions = nlohmann::ordered_json::array();
    std::ostringstream text;
    if (printed > 0)
        text << '\n';
    for (const auto &c : result.captions) {
        captions.push_back({{"source", c.source}, {"ids", c.ids}, {"text", c.text}});
        text << c.source << ": " << c.text << '\n';
    }
    document["captions"] = std::move(captions);
    document["timing"] = {{"seconds", result.seconds},
                          {"prompt_tokens", result.promptTokens},
                          {"generated_tokens", result.generatedTokens},
                          {"prefill_tokens_per_second", result.prefillTokensPerSecond},
                          {"decode_tokens_per_second", result.decodeTokensPerSecond}};
    if (!m_out.empty()) {
        vindex::io::AtomicFile file(m_out);
        file.write(document.dump(2) + "\n");
        file.commit();
    }
    m_context.emit(document, text.str());
    return 0;
}
