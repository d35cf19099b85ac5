#include "FeaturesCommand.h"

#include "CommandContext.h"

#include "vindex/models/FeatureExtraction.h"

FeaturesCommand::FeaturesCommand(CLI::App &parent, const CommandContext &context) : m_context(context)
{
    m_command = parent.add_subcommand(
        "features", "Run a vision tower (CLIP, DINOv2, SigLIP; or the tower of a LLaVA / Shikra / llava-hf folder) "
                    "on an image and write one hidden layer as the tensor 'features' [1, tokens, width]");
    m_command->add_option("--vision", m_vision, "Vision tower or multimodal model folder")->required();
    m_command->add_option("--image", m_image, "PNG or JPEG image")->required()->check(CLI::ExistingFile);
    m_command->add_option("--layer", m_layer, "Hidden state: negative counts from the end, 0 = embeddings")
        ->capture_default_str();
    m_command->add_option("--size", m_size, "Input side in pixels (default: the tower's preprocessing)")
        ->check(CLI::PositiveNumber);
    m_command->add_flag("--keep-cls", m_keepCls, "Keep the CLS token (CLIP, DINOv2)");
    m_command
        ->add_option("--pad", m_pad,
                     "Expand to square first: auto (from a LLaVA/Shikra folder), none, mean (LLaVA), "
                     "white (Shikra)")
        ->check(CLI::IsMember({"auto", "none", "mean", "white"}))
        ->capture_default_str();
    m_command->add_option("--out", m_out, "Output .safetensors")->required();
}

int FeaturesCommand::run() const
{
    vindex::models::FeatureExtractionRequest request;
    request.visionPath = m_vision;
    request.imagePath = m_image;
    request.outputPath = m_out;
    request.layer = m_layer;
    request.size = m_size;
    request.keepCls = m_keepCls;
    request.pad = m_pad;
    request.device = m_context.device;
    request.dtype = m_context.dtype;
    const auto result = vindex::models::extractImageFeatures(request);

    nlohmann::ordered_json document = {{"vision", result.towerPath}, {"family", result.family},
                                       {"layer", result.layer},      {"layers", result.numLayers},
                                       {"pad", result.pad},          {"input_size", result.inputSize},
                                       {"tokens", result.tokens},    {"width", result.width},
                                       {"out", result.outputPath},   {"tensor", result.tensorName}};
    const std::string text = result.family + " tower (" + std::to_string(result.numLayers) + " layers), layer " +
                             std::to_string(result.layer) + ", " + std::to_string(result.inputSize) + " px, pad " +
                             result.pad + " → '" + result.tensorName + "' [1, " + std::to_string(result.tokens) + ", " +
                             std::to_string(result.width) + "] in " + result.outputPath + "\n";
    m_context.emit(document, text);
    return 0;
}
