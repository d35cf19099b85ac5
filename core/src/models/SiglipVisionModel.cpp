#include "vindex/models/SiglipVisionModel.h"

#include "models/VisionOps.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>

namespace vindex::models {

using namespace visionops;

struct SiglipVisionModel::Weights {
    at::Tensor patchWeight, patchBias, positions, postNormWeight, postNormBias;
    Encoder encoder;
    bool head = false;
    at::Tensor probe, inProjWeight, inProjBias, outProjWeight, outProjBias;
    at::Tensor headNormWeight, headNormBias, fc1Weight, fc1Bias, fc2Weight, fc2Bias;
    bool legacyInterpolation = false;
};

SiglipVisionModel::SiglipVisionModel(const nlohmann::json &config, const WeightLoader &weights, const Options &options)
{
    // No CLS token; SigLIP's normalization to [-1, 1]; SiglipVisionConfig defaults for absent fields.
    readSharedConfig(config, weights, options, {"siglip", false, {0.5f, 0.5f, 0.5f}, {0.5f, 0.5f, 0.5f}, 16});
    const int64_t intermediate = configInt(config, "intermediate_size", 3072);
    const int64_t channels = configInt(config, "num_channels", 3);

    auto w = std::make_unique<Weights>();
    w->legacyInterpolation = options.legacyInterpolation;
    w->encoder = readEncoder(config, 1e-6, "gelu_pytorch_tanh", m_source);
    const int64_t C = m_hiddenSize, grid = m_imageSize / m_patchSize;
    w->patchWeight = weights.get("embeddings.patch_embedding.weight", {C, channels, m_patchSize, m_patchSize});
    w->patchBias = weights.get("embeddings.patch_embedding.bias", {C});
    w->positions = weights.get("embeddings.position_embedding.weight", {grid * grid, C});
    w->postNormWeight = weights.get("post_layernorm.weight", {C});
    w->postNormBias = weights.get("post_layernorm.bias", {C});
    w->encoder.blocks = loadClipStyleBlocks(weights, m_numLayers, C, intermediate);

    w->head = options.withHead && configBool(config, "vision_use_head", true);
    if (w->head) {
        const auto head = weights.scoped("head.");
        w->probe = head.get("probe", {1, 1, C});
        w->inProjWeight = head.get("attention.in_proj_weight", {3 * C, C});
        w->inProjBias = head.get("attention.in_proj_bias", {3 * C});
        w->outProjWeight = head.get("attention.out_proj.weight", {C, C});
        w->outProjBias = head.get("attention.out_proj.bias", {C});
        w->headNormWeight = head.get("layernorm.weight", {C});
        w->headNormBias = head.get("layernorm.bias", {C});
        w->fc1Weight = head.get("mlp.fc1.weight", {intermediate, C});
        w->fc1Bias = head.get("mlp.fc1.bias", {intermediate});
        w->fc2Weight = head.get("mlp.fc2.weight", {C, intermediate});
        w->fc2Bias = head.get("mlp.fc2.bias", {C});
    }
    m_weights = std::move(w);
}

SiglipVisionModel::~SiglipVisionModel() = default;

VisionTower::VisionOutput SiglipVisionModel::forward(const at::Tensor &pixelValues, bool withHiddenStates) const
{
    const auto &w = *m_weights;
    const auto pixels = pixelValues.to(m_compute.device, m_compute.dtype);
    auto x = embedPatches(pixels, w.patchWeight, w.patchBias, m_patchSize, m_source);
    x = x + interpolatePositions(w.positions, 0, pixels.size(2) / m_patchSize, pixels.size(3) / m_patchSize,
                                 w.legacyInterpolation)
                .unsqueeze(0);

    const auto &encoder = w.encoder;
    VisionOutput out;
    x = encoder.forward(x, withHiddenStates ? &out.hiddenStates : nullptr);
    out.lastHiddenState = at::layer_norm(x, {m_hiddenSize}, w.postNormWeight, w.postNormBias, encoder.eps);
    if (!w.head)
        return out;

    // SiglipMultiheadAttentionPoolingHead: the probe attends over all tokens (nn.MultiheadAttention, in_proj packed
    // q|k|v), then x + mlp(layernorm(x)); the pooled vector is the single query's row.
    const auto &tokens = out.lastHiddenState;
    const int64_t batch = tokens.size(0), C = m_hiddenSize;
    const auto weights = w.inProjWeight.chunk(3, 0);
    const auto biases = w.inProjBias.chunk(3, 0);
    const auto probe = w.probe.expand({batch, 1, C});
    const auto q = splitHeads(at::linear(probe, weights[0], biases[0]), encoder.heads);
    const auto k = splitHeads(at::linear(tokens, weights[1], biases[1]), encoder.heads);
    const auto v = splitHeads(at::linear(tokens, weights[2], biases[2]), encoder.heads);
    auto h = at::linear(mergeHeads(attention(q, k, v)), w.outProjWeight, w.outProjBias);
    auto m = at::layer_norm(h, {C}, w.headNormWeight, w.headNormBias, encoder.eps);
    m = at::linear(activate(at::linear(m, w.fc1Weight, w.fc1Bias), encoder.activation), w.fc2Weight, w.fc2Bias);
    out.pooled = (h + m).select(1, 0);
    return out;
}

} // namespace vindex::models
