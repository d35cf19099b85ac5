#include "vindex/models/Dinov2HubCheckpoint.h"

#include "vindex/core/Error.h"
#include "vindex/io/TorchCheckpoint.h"
#include "vindex/models/Dinov2Model.h"
#include "vindex/models/WeightLoader.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>

namespace vindex::models {

namespace fs = std::filesystem;

namespace {

constexpr int64_t kHeadWidth = 64; // every released DINOv2 (s/b/l/g: 384/6, 768/12, 1024/16, 1536/24)

// The HF name of a hub name outside the blocks ("" = not used by the forward).
std::string topLevelName(const std::string &hub)
{
    static const std::map<std::string, std::string> names = {
        {"cls_token", "embeddings.cls_token"},
        {"pos_embed", "embeddings.position_embeddings"},
        {"mask_token", "embeddings.mask_token"},
        {"patch_embed.proj.weight", "embeddings.patch_embeddings.projection.weight"},
        {"patch_embed.proj.bias", "embeddings.patch_embeddings.projection.bias"},
        {"norm.weight", "layernorm.weight"},
        {"norm.bias", "layernorm.bias"}};
    const auto it = names.find(hub);
    return it == names.end() ? std::string() : it->second;
}

// blocks.{i}.<rest> → encoder.layer.{i}.<HF rest>; qkv is split into query/key/value.
void addBlockTensor(std::map<std::string, io::HostTensor> &out, const std::string &layer, const std::string &rest,
                    const io::HostTensor &tensor)
{
    static const std::map<std::string, std::string> names = {{"attn.proj.weight", "attention.output.dense.weight"},
                                                             {"attn.proj.bias", "attention.output.dense.bias"},
                                                             {"ls1.gamma", "layer_scale1.lambda1"},
                                                             {"ls2.gamma", "layer_scale2.lambda1"}};
    if (rest == "attn.qkv.weight" || rest == "attn.qkv.bias") {
        const std::string suffix = rest.substr(rest.rfind('.'));
        const char *parts[] = {"query", "key", "value"};
        for (int part = 0; part < 3; ++part)
            out.emplace(layer + "attention.attention." + parts[part] + suffix, tensor.rowBlock(part, 3));
        return;
    }
    const auto it = names.find(rest);
    out.emplace(layer + (it == names.end() ? rest : it->second), tensor); // norm1/2, mlp.fc1/2 keep their names
}

} // namespace

std::unique_ptr<VisionTower> Dinov2HubCheckpoint::load(const std::string &file, const Compute &compute,
                                                       const VisionTower::Options &options)
{
    const io::TorchCheckpoint checkpoint = io::TorchCheckpoint::load(file);
    std::map<std::string, io::HostTensor> tensors;
    int64_t depth = 0;
    for (auto &[name, tensor] : checkpoint.stateDict()) {
        if (name == "register_tokens")
            throw ModelError(file + ": a DINOv2 with register tokens (dinov2_*_reg); MMVP uses the plain "
                                    "dinov2_vitl14");
        if (name.rfind("blocks.", 0) == 0) {
            const std::size_t dot = name.find('.', 7);
            const std::string index = name.substr(7, dot - 7);
            const std::string rest = name.substr(dot + 1);
            if (index.empty() || index.find_first_not_of("0123456789") != std::string::npos ||
                rest.find_first_of("0123456789") == 0)
                throw ModelError(file + ": tensor '" + name +
                                 "' is in a chunked block layout (block_chunks > 0); "
                                 "expected blocks.{i}.* as torch.hub's released DINOv2 files");
            if (rest.rfind("mlp.w12", 0) == 0 || rest.rfind("mlp.w3", 0) == 0)
                throw ModelError(file + ": DINOv2 giant (SwiGLU feed-forward, '" + name +
                                 "') is not supported from torch.hub weights; use ViT-S/B/L/14");
            depth = std::max<int64_t>(depth, std::stoll(index) + 1);
            addBlockTensor(tensors, "encoder.layer." + index + ".", rest, tensor);
            continue;
        }
        if (const std::string hf = topLevelName(name); !hf.empty())
            tensors.emplace(hf, std::move(tensor));
    }
    const auto position = tensors.find("embeddings.position_embeddings");
    const auto patch = tensors.find("embeddings.patch_embeddings.projection.weight");
    const auto fc1 = tensors.find("encoder.layer.0.mlp.fc1.weight");
    if (position == tensors.end() || patch == tensors.end() || fc1 == tensors.end() || depth == 0)
        throw ModelError(file + ": not a torch.hub DINOv2 state dict (expected pos_embed, patch_embed.proj.weight and "
                                "blocks.{i}.* as in dinov2_vitl14_pretrain.pth)");
    const auto &positionShape = position->second.shape();
    if (positionShape.size() != 3)
        throw ModelError(file + ": pos_embed has shape " + position->second.shapeString() + ", expected [1, 1 + N, C]");
    const int64_t width = positionShape[2];
    const int64_t patchSize = patch->second.shape().back();
    const auto side = static_cast<int64_t>(std::llround(std::sqrt(static_cast<double>(positionShape[1] - 1))));
    if (width % kHeadWidth != 0)
        throw ModelError(file + ": width " + std::to_string(width) + " is not a multiple of DINOv2's 64-wide heads");

    nlohmann::json config = {{"model_type", "dinov2"},
                             {"hidden_size", width},
                             {"num_hidden_layers", depth},
                             {"num_attention_heads", width / kHeadWidth},
                             {"patch_size", patchSize},
                             {"image_size", side * patchSize},
                             {"mlp_ratio", static_cast<double>(fc1->second.shape()[0]) / static_cast<double>(width)},
                             {"layer_norm_eps", 1e-6},
                             {"hidden_act", "gelu"},
                             {"qkv_bias", true},
                             {"use_swiglu_ffn", false}};
    const WeightLoader weights(std::move(tensors), file, compute);
    return std::make_unique<Dinov2Model>(config, weights, options);
}

std::string Dinov2HubCheckpoint::cachedFile(const std::string &name)
{
    // torch.hub: os.path.expanduser(os.getenv("TORCH_HOME", os.path.join(os.getenv("XDG_CACHE_HOME", "~/.cache"),
    // "torch"))) + "/hub/checkpoints".
    const auto variable = [](const char *key) {
        const char *value = std::getenv(key);
        return value ? std::string(value) : std::string();
    };
    std::string torchHome = variable("TORCH_HOME");
    if (torchHome.empty())
        torchHome =
            (fs::path(variable("XDG_CACHE_HOME").empty() ? "~/.cache" : variable("XDG_CACHE_HOME")) / "torch").string();
    if (const std::string home = variable("HOME"); !home.empty() && (torchHome == "~" || torchHome.rfind("~/", 0) == 0))
        torchHome = home + torchHome.substr(1);
    return (fs::path(torchHome) / "hub" / "checkpoints" / (name + "_pretrain.pth")).string();
}

} // namespace vindex::models
