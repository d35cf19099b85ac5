#include "vindex/models/ClipVisionModel.h"

#include "models/VisionOps.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>

namespace vindex::models {

using namespace visionops;

struct ClipVisionModel::Weights {
    at::Tensor classEmbedding, patchWeight, positions;
    at::Tensor preNormWeight, preNormBias, postNormWeight, postNormBias;
    std::vector<Block> blocks;
    int64_t heads = 0;
    double eps = 1e-5;
    bool legacyInterpolation = false;
    Activation activation = Activation::QuickGelu;
};

ClipVisionModel::ClipVisionModel(const nlohmann::json &config, const WeightLoader &weights, const Options &options)
{
    m_compute = weights.compute();
    m_source = weights.source();
    m_family = "clip";
    m_hasClsToken = true;
    m_imageMean = {0.48145466f, 0.4578275f, 0.40821073f};
    m_imageStd = {0.26862954f, 0.26130258f, 0.27577711f};
    // CLIPVisionConfig defaults (ViT-B/32) for fields a config leaves out.
    m_hiddenSize = configInt(config, "hidden_size", 768);
    m_patchSize = configInt(config, "patch_size", 32);
    m_imageSize = configInt(config, "image_size", 224);
    const int64_t intermediate = configInt(config, "intermediate_size", 3072);
    const int64_t channels = configInt(config, "num_channels", 3);
    const int configLayers = static_cast<int>(configInt(config, "num_hidden_layers", 12));
    m_numLayers = std::max(0, configLayers - options.dropLastLayers);

    auto w = std::make_unique<Weights>();
    w->legacyInterpolation = options.legacyInterpolation;
    w->heads = configInt(config, "num_attention_heads", 12);
    w->eps = configDouble(config, "layer_norm_eps", 1e-5);
    w->activation = activationFromName(configString(config, "hidden_act", "quick_gelu"), m_source);
    const int64_t C = m_hiddenSize, grid = m_imageSize / m_patchSize;
    w->classEmbedding = weights.get("embeddings.class_embedding", {C});
    w->patchWeight = weights.get("embeddings.patch_embedding.weight", {C, channels, m_patchSize, m_patchSize});
    w->positions = weights.get("embeddings.position_embedding.weight", {grid * grid + 1, C});
    w->preNormWeight = weights.get("pre_layrnorm.weight", {C});
    w->preNormBias = weights.get("pre_layrnorm.bias", {C});
    w->postNormWeight = weights.get("post_layernorm.weight", {C});
    w->postNormBias = weights.get("post_layernorm.bias", {C});
    for (int i = 0; i < m_numLayers; ++i)
        w->blocks.push_back(
            loadClipStyleBlock(weights.scoped("encoder.layers." + std::to_string(i) + "."), C, intermediate));
    m_weights = std::move(w);
}

ClipVisionModel::~ClipVisionModel() = default;

VisionTower::VisionOutput ClipVisionModel::forward(const at::Tensor &pixelValues, bool withHiddenStates) const
{
    const auto &w = *m_weights;
    const auto pixels = pixelValues.to(m_compute.device, m_compute.dtype);
    const auto patches = embedPatches(pixels, w.patchWeight, at::Tensor(), m_patchSize, m_source);
    const int64_t batch = patches.size(0);
    const auto cls = w.classEmbedding.view({1, 1, -1}).expand({batch, 1, m_hiddenSize});
    // Other input sizes: interpolate as CLIP's interpolate_pos_encoding=True does (plain HF would refuse).
    const auto positions = interpolatePositions(w.positions, 1, pixels.size(2) / m_patchSize,
                                                pixels.size(3) / m_patchSize, w.legacyInterpolation);
    auto x = at::cat({cls, patches}, 1) + positions.unsqueeze(0);
    x = at::layer_norm(x, {m_hiddenSize}, w.preNormWeight, w.preNormBias, w.eps);

    VisionOutput out;
    if (withHiddenStates)
        out.hiddenStates.push_back(x);
    for (const auto &block : w.blocks) {
        x = block.forward(x, w.heads, w.eps, w.activation);
        if (withHiddenStates)
            out.hiddenStates.push_back(x);
    }
    out.lastHiddenState = x;
    out.pooled = at::layer_norm(x.select(1, 0), {m_hiddenSize}, w.postNormWeight, w.postNormBias, w.eps);
    return out;
}

} // namespace vindex::models
