#include "vindex/models/ClipVisionModel.h"

#include "models/VisionOps.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>

namespace vindex::models {

using namespace visionops;

struct ClipVisionModel::Weights {
    at::Tensor classEmbedding, patchWeight, positions;
    at::Tensor preNormWeight, preNormBias, postNormWeight, postNormBias;
    Encoder encoder;
    bool legacyInterpolation = false;
};

ClipVisionModel::ClipVisionModel(const nlohmann::json &config, const WeightLoader &weights, const Options &options)
{
    // OpenAI CLIP's normalization; CLIPVisionConfig defaults (ViT-B/32) for fields a config leaves out.
    readSharedConfig(
        config, weights, options,
        {"clip", true, {0.48145466f, 0.4578275f, 0.40821073f}, {0.26862954f, 0.26130258f, 0.27577711f}, 32});
    const int64_t intermediate = configInt(config, "intermediate_size", 3072);
    const int64_t channels = configInt(config, "num_channels", 3);

    auto w = std::make_unique<Weights>();
    w->legacyInterpolation = options.legacyInterpolation;
    w->encoder = readEncoder(config, 1e-5, "quick_gelu", m_source);
    const int64_t C = m_hiddenSize, grid = m_imageSize / m_patchSize;
    w->classEmbedding = weights.get("embeddings.class_embedding", {C});
    w->patchWeight = weights.get("embeddings.patch_embedding.weight", {C, channels, m_patchSize, m_patchSize});
    w->positions = weights.get("embeddings.position_embedding.weight", {grid * grid + 1, C});
    w->preNormWeight = weights.get("pre_layrnorm.weight", {C});
    w->preNormBias = weights.get("pre_layrnorm.bias", {C});
    w->postNormWeight = weights.get("post_layernorm.weight", {C});
    w->postNormBias = weights.get("post_layernorm.bias", {C});
    w->encoder.blocks = loadClipStyleBlocks(weights, m_numLayers, C, intermediate);
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
    x = at::layer_norm(x, {m_hiddenSize}, w.preNormWeight, w.preNormBias, w.encoder.eps);

    VisionOutput out;
    out.lastHiddenState = w.encoder.forward(x, withHiddenStates ? &out.hiddenStates : nullptr);
    out.pooled = at::layer_norm(out.lastHiddenState.select(1, 0), {m_hiddenSize}, w.postNormWeight, w.postNormBias,
                                w.encoder.eps);
    return out;
}

} // namespace vindex::models
