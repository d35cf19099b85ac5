#include "vindex/models/Dinov2Model.h"

#include "models/VisionOps.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>

namespace vindex::models {

using namespace visionops;

struct Dinov2Model::Weights {
    at::Tensor clsToken, patchWeight, patchBias, positions, normWeight, normBias;
    Encoder encoder;
    bool legacyInterpolation = false;
};

namespace {

Block loadDinov2Block(const WeightLoader &layer, int64_t width, int64_t mlpHidden, bool qkvBias, bool swiglu)
{
    Block b;
    b.norm1Weight = layer.get("norm1.weight", {width});
    b.norm1Bias = layer.get("norm1.bias", {width});
    const auto attention = layer.scoped("attention.attention.");
    b.qkvWeight = at::cat({attention.get("query.weight", {width, width}), attention.get("key.weight", {width, width}),
                           attention.get("value.weight", {width, width})},
                          0);
    if (qkvBias)
        b.qkvBias = at::cat({attention.get("query.bias", {width}), attention.get("key.bias", {width}),
                             attention.get("value.bias", {width})},
                            0);
    b.outWeight = layer.get("attention.output.dense.weight", {width, width});
    b.outBias = layer.get("attention.output.dense.bias", {width});
    b.layerScale1 = layer.get("layer_scale1.lambda1", {width});
    b.norm2Weight = layer.get("norm2.weight", {width});
    b.norm2Bias = layer.get("norm2.bias", {width});
    if (swiglu) {
        // Dinov2SwiGLUFFN: weights_in gives both halves (silu(x1) * x2), rounded up to a multiple of 8.
        const int64_t hidden = (static_cast<int64_t>(mlpHidden * 2 / 3) + 7) / 8 * 8;
        b.swiglu = true;
        b.fc1Weight = layer.get("mlp.weights_in.weight", {2 * hidden, width});
        b.fc1Bias = layer.get("mlp.weights_in.bias", {2 * hidden});
        b.fc2Weight = layer.get("mlp.weights_out.weight", {width, hidden});
        b.fc2Bias = layer.get("mlp.weights_out.bias", {width});
    } else {
        b.fc1Weight = layer.get("mlp.fc1.weight", {mlpHidden, width});
        b.fc1Bias = layer.get("mlp.fc1.bias", {mlpHidden});
        b.fc2Weight = layer.get("mlp.fc2.weight", {width, mlpHidden});
        b.fc2Bias = layer.get("mlp.fc2.bias", {width});
    }
    b.layerScale2 = layer.get("layer_scale2.lambda1", {width});
    return b;
}

} // namespace

Dinov2Model::Dinov2Model(const nlohmann::json &config, const WeightLoader &weights, const Options &options)
{
    // ImageNet normalization (BitImageProcessor of facebook/dinov2-*); Dinov2Config defaults for absent fields.
    readSharedConfig(config, weights, options,
                     {"dinov2", true, {0.485f, 0.456f, 0.406f}, {0.229f, 0.224f, 0.225f}, 14});
    const int64_t channels = configInt(config, "num_channels", 3);
    const double mlpRatio = configDouble(config, "mlp_ratio", 4.0);
    const int64_t mlpHidden = static_cast<int64_t>(static_cast<double>(m_hiddenSize) * mlpRatio);
    const bool qkvBias = configBool(config, "qkv_bias", true);
    const bool swiglu = configBool(config, "use_swiglu_ffn", false);

    auto w = std::make_unique<Weights>();
    w->legacyInterpolation = options.legacyInterpolation;
    w->encoder = readEncoder(config, 1e-6, "gelu", m_source);
    const int64_t C = m_hiddenSize, grid = m_imageSize / m_patchSize;
    w->clsToken = weights.get("embeddings.cls_token", {1, 1, C}).view({C});
    w->patchWeight =
        weights.get("embeddings.patch_embeddings.projection.weight", {C, channels, m_patchSize, m_patchSize});
    w->patchBias = weights.get("embeddings.patch_embeddings.projection.bias", {C});
    w->positions = weights.get("embeddings.position_embeddings", {1, grid * grid + 1, C}).view({grid * grid + 1, C});
    w->normWeight = weights.get("layernorm.weight", {C});
    w->normBias = weights.get("layernorm.bias", {C});
    for (int i = 0; i < m_numLayers; ++i)
        w->encoder.blocks.push_back(
            loadDinov2Block(weights.scoped("encoder.layer." + std::to_string(i) + "."), C, mlpHidden, qkvBias, swiglu));
    m_weights = std::move(w);
}

Dinov2Model::~Dinov2Model() = default;

VisionTower::VisionOutput Dinov2Model::forward(const at::Tensor &pixelValues, bool withHiddenStates) const
{
    const auto &w = *m_weights;
    const auto pixels = pixelValues.to(m_compute.device, m_compute.dtype);
    const auto patches = embedPatches(pixels, w.patchWeight, w.patchBias, m_patchSize, m_source);
    const int64_t batch = patches.size(0);
    const auto cls = w.clsToken.view({1, 1, -1}).expand({batch, 1, m_hiddenSize});
    const auto positions = interpolatePositions(w.positions, 1, pixels.size(2) / m_patchSize,
                                                pixels.size(3) / m_patchSize, w.legacyInterpolation);
    auto x = at::cat({cls, patches}, 1) + positions.unsqueeze(0);

    VisionOutput out;
    x = w.encoder.forward(x, withHiddenStates ? &out.hiddenStates : nullptr);
    out.lastHiddenState = at::layer_norm(x, {m_hiddenSize}, w.normWeight, w.normBias, w.encoder.eps);
    out.pooled = out.lastHiddenState.select(1, 0);
    return out;
}

} // namespace vindex::models
