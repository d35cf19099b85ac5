#include "EncodeCommand.h"

#include "CommandContext.h"

#include "vindex/core/Error.h"
#include "vindex/decode/BrainEncoding.h"

EncodeCommand::EncodeCommand(CLI::App &parent, const CommandContext &context) : m_context(context)
{
    m_command = parent.add_subcommand(
        "encode", "Turn fMRI voxels into visual features with a UMBRAE brain encoder (BrainXS / BrainX checkpoint: "
                  ".pth training checkpoint, state dict or .safetensors); writes the tensor 'features' "
                  "[trials, tokens, width]");
    m_command->add_option("--brain", m_brain, "Brain encoder checkpoint")->required();
    auto *voxels = m_command->add_option(
        "--voxels", m_voxels, ".npy of voxels: [voxels], [trials, voxels] or [trials, repeats, voxels] (averaged)");
    auto *root = m_command->add_option("--root", m_root, "NSD data folder (instead of --voxels)");
    voxels->excludes(root);
    m_command->add_option("--subject", m_subject, "Subject (selects a BrainX tokenizer; NSD subject with --root)");
    m_command->add_option("--split", m_split, "NSD split with --root: train, val or test")->capture_default_str();
    m_command->add_option("--trials", m_trials, "With --root: trials of the split (\"0:982\", \"3,5,10:20\"; all)");
    m_command->add_option("--out", m_out, "Output .safetensors")->required();
    m_command->add_option("--heads", m_heads,
                          "Perceiver attention heads (default: as our training checkpoints record it, else 16; "
                          "UMBRAE's files do not store it)");
    m_command->add_option("--dim-head", m_dimHead, "Perceiver width per head (default: as recorded, else 96)");
    m_command->add_option("--batch", m_batch, "Trials per forward pass")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
}

int EncodeCommand::run() const
{
    if (m_voxels.empty() == m_root.empty())
        throw vindex::Error("encode: give the voxels with --voxels F.npy (or --root DIR --subject S --split test)");

    vindex::decode::BrainEncodingRequest request;
    request.checkpointPath = m_brain;
    request.voxelsPath = m_voxels;
    request.root = m_root;
    request.split = m_split;
    request.trials = m_trials;
    request.outputPath = m_out;
    request.subject = m_subject;
    request.batchSize = m_batch;
    request.heads = m_heads;
    request.dimHead = m_dimHead;
    request.device = m_context.device;
    request.dtype = m_context.dtype;
    const auto result = vindex::decode::encodeVoxelFile(request);

    nlohmann::ordered_json document = {{"encoder", result.encoderKind}, {"checkpoint", m_brain},
                                       {"subject", result.subject},     {"trials", result.trials},
                                       {"voxels", result.voxels},       {"repeats_averaged", result.repeatsAveraged},
                                       {"tokens", result.tokens},       {"width", result.width},
                                       {"out", result.outputPath},      {"tensor", result.tensorName}};
    const std::string text = result.encoderKind + (result.subject ? " subject " + std::to_string(result.subject) : "") +
                             ": " + std::to_string(result.trials) + " trials × " + std::to_string(result.voxels) +
                             " voxels → '" + result.tensorName + "' [" + std::to_string(result.trials) + ", " +
                             std::to_string(result.tokens) + ", " + std::to_string(result.width) + "] in " +
                             result.outputPath + "\n";
    m_context.emit(document, text);
    return 0;
}
