#include "vindex/models/OpenAiClipCheckpoint.h"

#include "vindex/core/Error.h"
#include "vindex/io/TorchCheckpoint.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>

namespace vindex::models {

namespace fs = std::filesystem;

namespace {

constexpr int64_t kHeadWidth = 64; // build_model: heads = width // 64 for both towers

// OpenAI's projections are parameters used as x @ P ([in, out]); HF's are Linear weights ([out, in]).
io::HostTensor transposed(const io::HostTensor &matrix)
{
    const io::HostTensor whole = matrix.contiguous();
    const auto owner = std::make_shared<io::HostTensor>(whole);
    const int64_t rows = whole.shape()[0], columns = whole.shape()[1];
    return io::HostTensor(whole.dtype(), {columns, rows}, {1, columns}, 0, owner->data(), owner);
}

// resblocks.{i}.<rest> of one tower → <hfLayers>{i}.<HF rest>; returns the block index.
int64_t addBlockTensor(std::map<std::string, io::HostTensor> &out, const std::string &hfLayers, const std::string &name,
                       std::size_t indexAt, const io::HostTensor &tensor, const std::string &source)
{
    static const std::map<std::string, std::string> names = {{"ln_1.weight", "layer_norm1.weight"},
                                                             {"ln_1.bias", "layer_norm1.bias"},
                                                             {"ln_2.weight", "layer_norm2.weight"},
                                                             {"ln_2.bias", "layer_norm2.bias"},
                                                             {"attn.out_proj.weight", "self_attn.out_proj.weight"},
                                                             {"attn.out_proj.bias", "self_attn.out_proj.bias"},
                                                             {"mlp.c_fc.weight", "mlp.fc1.weight"},
                                                             {"mlp.c_fc.bias", "mlp.fc1.bias"},
                                                             {"mlp.c_proj.weight", "mlp.fc2.weight"},
                                                             {"mlp.c_proj.bias", "mlp.fc2.bias"}};
    const std::size_t dot = name.find('.', indexAt);
    const std::string index = dot == std::string::npos ? std::string() : name.substr(indexAt, dot - indexAt);
    if (index.empty() || index.find_first_not_of("0123456789") != std::string::npos)
        throw ModelError(source + ": tensor '" + name + "' is not resblocks.{i}.* of OpenAI's CLIP layout");
    const std::string rest = name.substr(dot + 1);
    const std::string layer = hfLayers + index + ".";
    if (rest == "attn.in_proj_weight" || rest == "attn.in_proj_bias") {
        if (tensor.shape().empty() || tensor.shape()[0] % 3 != 0)
            throw ModelError(source + ": tensor '" + name + "' has shape " + tensor.shapeString() +
                             ", expected [3·width, …] (query, key and value stacked)");
        const std::string suffix = rest == "attn.in_proj_weight" ? "weight" : "bias";
        const char *parts[] = {"q_proj.", "k_proj.", "v_proj."};
        for (int part = 0; part < 3; ++part)
            out.insert_or_assign(layer + "self_attn." + parts[part] + suffix, tensor.rowBlock(part, 3));
    } else {
        const auto it = names.find(rest);
        if (it == names.end())
            throw ModelError(source + ": tensor '" + name + "' is not part of an OpenAI CLIP residual block");
        out.insert_or_assign(layer + it->second, tensor);
    }
    return std::stoll(index);
}

const io::HostTensor &required(const std::map<std::string, io::HostTensor> &tensors, const std::string &hfName,
                               const std::string &openAiName, std::size_t rank, const std::string &source)
{
    const auto it = tensors.find(hfName);
    if (it == tensors.end())
        throw ModelError(source + ": tensor '" + openAiName + "' is missing (not a CLIP in OpenAI's layout)");
    if (it->second.shape().size() != rank)
        throw ModelError(source + ": tensor '" + openAiName + "' has shape " + it->second.shapeString() +
                         ", expected " + std::to_string(rank) + " dimensions");
    return it->second;
}

int64_t headsOf(int64_t width, const std::string &tower, const std::string &source)
{
    const int64_t heads = width / kHeadWidth;
    if (heads < 1 || width % heads != 0)
        throw ModelError(source + ": the " + tower + " width " + std::to_string(width) +
                         " does not give OpenAI CLIP's heads (width // 64, at least one, dividing the width)");
    return heads;
}

} // namespace

OpenAiClipCheckpoint::Converted OpenAiClipCheckpoint::load(const std::string &file)
{
    const io::TorchCheckpoint checkpoint = io::TorchCheckpoint::load(file);
    // pacscore: torch.load(path)['state_dict']; a bare state dict is taken as it is.
    const bool wrapped = checkpoint.root().isDict() && checkpoint.root().find("state_dict") &&
                         checkpoint.root().find("state_dict")->isDict();
    return convert(checkpoint.stateDict(wrapped ? "state_dict" : ""), file);
}

OpenAiClipCheckpoint::Converted
OpenAiClipCheckpoint::convert(std::vector<std::pair<std::string, io::HostTensor>> stateDict, const std::string &source)
{
    static const std::map<std::string, std::string> topLevel = {
        {"token_embedding.weight", "text_model.embeddings.token_embedding.weight"},
        {"positional_embedding", "text_model.embeddings.position_embedding.weight"},
        {"ln_final.weight", "text_model.final_layer_norm.weight"},
        {"ln_final.bias", "text_model.final_layer_norm.bias"},
        {"visual.conv1.weight", "vision_model.embeddings.patch_embedding.weight"},
        {"visual.class_embedding", "vision_model.embeddings.class_embedding"},
        {"visual.positional_embedding", "vision_model.embeddings.position_embedding.weight"},
        {"visual.ln_pre.weight", "vision_model.pre_layrnorm.weight"},
        {"visual.ln_pre.bias", "vision_model.pre_layrnorm.bias"},
        {"visual.ln_post.weight", "vision_model.post_layernorm.weight"},
        {"visual.ln_post.bias", "vision_model.post_layernorm.bias"},
        {"logit_scale", "logit_scale"}};
    const std::string textBlocks = "transformer.resblocks.", visionBlocks = "visual.transformer.resblocks.";

    Converted out;
    int64_t textDepth = 0, visionDepth = 0;
    for (auto &[stored, tensor] : stateDict) {
        const std::string name = stored.rfind("module.", 0) == 0 ? stored.substr(7) : stored;
        if (name.rfind("visual.layer1.", 0) == 0 || name.rfind("visual.attnpool.", 0) == 0)
            throw ModelError(source + ": a ResNet CLIP ('" + name +
                             "'); only the ViT CLIPs (PAC-S's ViT-B/32) are supported");
        if (name.rfind(visionBlocks, 0) == 0) {
            visionDepth = std::max(visionDepth, 1 + addBlockTensor(out.tensors, "vision_model.encoder.layers.", name,
                                                                   visionBlocks.size(), tensor, source));
        } else if (name.rfind(textBlocks, 0) == 0) {
            textDepth = std::max(textDepth, 1 + addBlockTensor(out.tensors, "text_model.encoder.layers.", name,
                                                               textBlocks.size(), tensor, source));
        } else if (name == "text_projection" || name == "visual.proj") {
            if (tensor.shape().size() != 2)
                throw ModelError(source + ": tensor '" + name + "' has shape " + tensor.shapeString() +
                                 ", expected [width, embed]");
            out.tensors.insert_or_assign(name == "visual.proj" ? "visual_projection.weight" : "text_projection.weight",
                                         transposed(tensor));
        } else if (const auto it = topLevel.find(name); it != topLevel.end()) {
            out.tensors.insert_or_assign(it->second, std::move(tensor));
        }
        // Anything else (input_resolution, context_length, vocab_size of OpenAI's JIT dicts) is not used.
    }

    const auto &tokens =
        required(out.tensors, "text_model.embeddings.token_embedding.weight", "token_embedding.weight", 2, source);
    const auto &positions =
        required(out.tensors, "text_model.embeddings.position_embedding.weight", "positional_embedding", 2, source);
    const auto &textProjection = required(out.tensors, "text_projection.weight", "text_projection", 2, source);
    const auto &patches =
        required(out.tensors, "vision_model.embeddings.patch_embedding.weight", "visual.conv1.weight", 4, source);
    const auto &visionPositions = required(out.tensors, "vision_model.embeddings.position_embedding.weight",
                                           "visual.positional_embedding", 2, source);
    required(out.tensors, "visual_projection.weight", "visual.proj", 2, source);
    if (textDepth == 0 || visionDepth == 0)
        throw ModelError(source + ": no " + (textDepth == 0 ? textBlocks : visionBlocks) +
                         "{i}.* tensors (not a CLIP in OpenAI's layout)");
    const auto &textFc = required(out.tensors, "text_model.encoder.layers.0.mlp.fc1.weight",
                                  "transformer.resblocks.0.mlp.c_fc.weight", 2, source);
    const auto &visionFc = required(out.tensors, "vision_model.encoder.layers.0.mlp.fc1.weight",
                                    "visual.transformer.resblocks.0.mlp.c_fc.weight", 2, source);

    const int64_t textWidth = tokens.shape()[1], visionWidth = patches.shape()[0], patch = patches.shape()[3];
    const auto grid =
        static_cast<int64_t>(std::llround(std::sqrt(static_cast<double>(visionPositions.shape()[0] - 1))));
    if (grid * grid + 1 != visionPositions.shape()[0])
        throw ModelError(source + ": visual.positional_embedding has " + std::to_string(visionPositions.shape()[0]) +
                         " rows, expected 1 + a square number of patches");
    // OpenAI's CLIP: QuickGELU, LayerNorm eps 1e-5 (torch's default), the text pooled at argmax(ids) — HF's legacy
    // configs say that with eos_token_id 2.
    out.config = {{"model_type", "clip"},
                  {"projection_dim", textProjection.shape()[0]},
                  {"text_config",
                   {{"model_type", "clip_text_model"},
                    {"hidden_size", textWidth},
                    {"intermediate_size", textFc.shape()[0]},
                    {"num_hidden_layers", textDepth},
                    {"num_attention_heads", headsOf(textWidth, "text", source)},
                    {"vocab_size", tokens.shape()[0]},
                    {"max_position_embeddings", positions.shape()[0]},
                    {"hidden_act", "quick_gelu"},
                    {"layer_norm_eps", 1e-5},
                    {"eos_token_id", 2}}},
                  {"vision_config",
                   {{"model_type", "clip_vision_model"},
                    {"hidden_size", visionWidth},
                    {"intermediate_size", visionFc.shape()[0]},
                    {"num_hidden_layers", visionDepth},
                    {"num_attention_heads", headsOf(visionWidth, "vision", source)},
                    {"num_channels", patches.shape()[1]},
                    {"patch_size", patch},
                    {"image_size", grid * patch},
                    {"hidden_act", "quick_gelu"},
                    {"layer_norm_eps", 1e-5}}}};
    return out;
}

std::string OpenAiClipCheckpoint::defaultVocabPath(const std::string &checkpointFile)
{
    return (fs::path(checkpointFile).parent_path() / kVocabFileName).string();
}

} // namespace vindex::models
