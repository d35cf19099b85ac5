#include "models/VisionOps.h"

#include "vindex/core/Error.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>
#include <torch/csrc/api/include/torch/version.h>

#include <cmath>
#include <limits>

namespace vindex::models::visionops {

Activation activationFromName(const std::string &name, const std::string &where)
{
    if (name == "quick_gelu")
        return Activation::QuickGelu;
    if (name == "gelu")
        return Activation::Gelu;
    if (name == "gelu_pytorch_tanh" || name == "gelu_new" || name == "gelu_fast")
        return Activation::GeluTanh;
    if (name == "relu")
        return Activation::Relu;
    throw ModelError(where + ": hidden_act '" + name +
                     "' is not supported (supported: quick_gelu, gelu, gelu_pytorch_tanh, gelu_new, relu)");
}

at::Tensor activate(const at::Tensor &x, Activation activation)
{
    switch (activation) {
    case Activation::QuickGelu: return x * at::sigmoid(x * 1.702);
    case Activation::Gelu: return at::gelu(x);
    case Activation::GeluTanh: return at::gelu(x, "tanh");
    case Activation::Relu: return at::relu(x);
    }
    return x;
}

at::Tensor attention(const at::Tensor &query, const at::Tensor &key, const at::Tensor &value, bool causal)
{
#if TORCH_VERSION_MAJOR >= 2
    // Same math; the fused kernels (flash / memory-efficient) matter for 577-token towers on a GPU.
    if (query.is_cuda())
        return at::scaled_dot_product_attention(query, key, value, {}, 0.0, causal);
#endif
    const double scale = 1.0 / std::sqrt(static_cast<double>(query.size(-1)));
    auto scores = at::matmul(query, key.transpose(-1, -2)) * scale;
    if (causal) {
        // transformers adds the dtype's minimum above the diagonal: exp() of it is 0, as with -inf.
        const auto future = at::ones({query.size(-2), key.size(-2)}, query.options().dtype(at::kBool)).triu(1);
        scores = scores.masked_fill(future, -std::numeric_limits<double>::infinity());
    }
    const auto weights = at::softmax(scores, -1, at::kFloat).to(query.scalar_type());
    return at::matmul(weights, value);
}

at::Tensor splitHeads(const at::Tensor &x, int64_t heads)
{
    return x.view({x.size(0), x.size(1), heads, x.size(2) / heads}).transpose(1, 2);
}

at::Tensor mergeHeads(const at::Tensor &x)
{
    return x.transpose(1, 2).contiguous().view({x.size(0), x.size(2), x.size(1) * x.size(3)});
}

at::Tensor interpolatePositions(const at::Tensor &positions, int64_t prefixTokens, int64_t newHeight, int64_t newWidth,
                                bool legacy)
{
    const int64_t gridPositions = positions.size(0) - prefixTokens;
    const auto side = static_cast<int64_t>(std::llround(std::sqrt(static_cast<double>(gridPositions))));
    if (side * side == gridPositions && side == newHeight && side == newWidth)
        return positions;
    if (side * side != gridPositions)
        throw ModelError("position embeddings: " + std::to_string(gridPositions) +
                         " patch positions do not form a square grid, cannot resize them");
    const int64_t channels = positions.size(1);
    const auto dtype = positions.scalar_type();
    auto grid = positions.slice(0, prefixTokens)
                    .reshape({1, side, side, channels})
                    .permute({0, 3, 1, 2})
                    .to(at::kFloat)
                    .contiguous();
    // size=(h, w) without scale factors: the kernel uses in/out as the scale, as F.interpolate(size=...) does.
    if (legacy) {
        // F.interpolate(scale_factor=s) without recompute: output floor(N * s), the kernel samples with 1 / s.
        const double scaleH = (static_cast<double>(newHeight) + 0.1) / static_cast<double>(side);
        const double scaleW = (static_cast<double>(newWidth) + 0.1) / static_cast<double>(side);
        const auto outH = static_cast<int64_t>(std::floor(static_cast<double>(side) * scaleH));
        const auto outW = static_cast<int64_t>(std::floor(static_cast<double>(side) * scaleW));
        if (outH != newHeight || outW != newWidth)
            throw ModelError("position embeddings: legacy interpolation of a " + std::to_string(side) +
                             "² grid gives " + std::to_string(outH) + "x" + std::to_string(outW) + ", not " +
                             std::to_string(newHeight) + "x" + std::to_string(newWidth));
        grid = at::upsample_bicubic2d(grid, {newHeight, newWidth}, false, scaleH, scaleW).to(dtype);
    } else {
        grid = at::upsample_bicubic2d(grid, {newHeight, newWidth}, false).to(dtype);
    }
    grid = grid.permute({0, 2, 3, 1}).reshape({newHeight * newWidth, channels});
    return at::cat({positions.slice(0, 0, prefixTokens), grid}, 0);
}

int64_t configInt(const nlohmann::json &config, const char *key, int64_t fallback)
{
    const auto it = config.find(key);
    return it != config.end() && it->is_number() ? it->get<int64_t>() : fallback;
}

double configDouble(const nlohmann::json &config, const char *key, double fallback)
{
    const auto it = config.find(key);
    return it != config.end() && it->is_number() ? it->get<double>() : fallback;
}

std::string configString(const nlohmann::json &config, const char *key, const std::string &fallback)
{
    const auto it = config.find(key);
    return it != config.end() && it->is_string() ? it->get<std::string>() : fallback;
}

bool configBool(const nlohmann::json &config, const char *key, bool fallback)
{
    const auto it = config.find(key);
    return it != config.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

at::Tensor Block::forward(const at::Tensor &x, int64_t heads, double eps, Activation activation, bool causal) const
{
    const int64_t width = x.size(-1);
    auto h = at::layer_norm(x, {width}, norm1Weight, norm1Bias, eps);
    const auto qkv = at::linear(h, qkvWeight, qkvBias).chunk(3, -1);
    h = mergeHeads(attention(splitHeads(qkv[0], heads), splitHeads(qkv[1], heads), splitHeads(qkv[2], heads), causal));
    h = at::linear(h, outWeight, outBias);
    if (layerScale1.defined())
        h = h * layerScale1;
    auto y = x + h;

    h = at::layer_norm(y, {width}, norm2Weight, norm2Bias, eps);
    h = at::linear(h, fc1Weight, fc1Bias);
    if (swiglu) {
        const auto halves = h.chunk(2, -1);
        h = at::silu(halves[0]) * halves[1];
    } else {
        h = activate(h, activation);
    }
    h = at::linear(h, fc2Weight, fc2Bias);
    if (layerScale2.defined())
        h = h * layerScale2;
    return y + h;
}

Block loadClipStyleBlock(const WeightLoader &layer, int64_t width, int64_t intermediate)
{
    Block b;
    b.norm1Weight = layer.get("layer_norm1.weight", {width});
    b.norm1Bias = layer.get("layer_norm1.bias", {width});
    b.qkvWeight = at::cat({layer.get("self_attn.q_proj.weight", {width, width}),
                           layer.get("self_attn.k_proj.weight", {width, width}),
                           layer.get("self_attn.v_proj.weight", {width, width})},
                          0);
    b.qkvBias = at::cat({layer.get("self_attn.q_proj.bias", {width}), layer.get("self_attn.k_proj.bias", {width}),
                         layer.get("self_attn.v_proj.bias", {width})},
                        0);
    b.outWeight = layer.get("self_attn.out_proj.weight", {width, width});
    b.outBias = layer.get("self_attn.out_proj.bias", {width});
    b.norm2Weight = layer.get("layer_norm2.weight", {width});
    b.norm2Bias = layer.get("layer_norm2.bias", {width});
    b.fc1Weight = layer.get("mlp.fc1.weight", {intermediate, width});
    b.fc1Bias = layer.get("mlp.fc1.bias", {intermediate});
    b.fc2Weight = layer.get("mlp.fc2.weight", {width, intermediate});
    b.fc2Bias = layer.get("mlp.fc2.bias", {width});
    return b;
}

std::vector<Block> loadClipStyleBlocks(const WeightLoader &weights, int64_t count, int64_t width, int64_t intermediate)
{
    std::vector<Block> blocks;
    for (int64_t i = 0; i < count; ++i)
        blocks.push_back(
            loadClipStyleBlock(weights.scoped("encoder.layers." + std::to_string(i) + "."), width, intermediate));
    return blocks;
}

at::Tensor Encoder::forward(at::Tensor x, std::vector<at::Tensor> *hiddenStates) const
{
    if (hiddenStates)
        hiddenStates->push_back(x);
    for (const auto &block : blocks) {
        x = block.forward(x, heads, eps, activation);
        if (hiddenStates)
            hiddenStates->push_back(x);
    }
    return x;
}

Encoder readEncoder(const nlohmann::json &config, double defaultEps, const std::string &defaultActivation,
                    const std::string &source)
{
    Encoder encoder;
    encoder.heads = configInt(config, "num_attention_heads", 12);
    encoder.eps = configDouble(config, "layer_norm_eps", defaultEps);
    encoder.activation = activationFromName(configString(config, "hidden_act", defaultActivation), source);
    return encoder;
}

at::Tensor embedPatches(const at::Tensor &pixels, const at::Tensor &weight, const at::Tensor &bias, int64_t patch,
                        const std::string &source)
{
    if (pixels.dim() != 4 || pixels.size(1) != weight.size(1) || pixels.size(2) % patch != 0 ||
        pixels.size(3) % patch != 0 || pixels.size(2) == 0 || pixels.size(3) == 0) {
        std::string shape;
        for (const auto extent : pixels.sizes())
            shape += (shape.empty() ? "" : ", ") + std::to_string(extent);
        throw ModelError(source + ": pixel values have shape [" + shape + "], expected [B, " +
                         std::to_string(weight.size(1)) + ", H, W] with H and W multiples of " + std::to_string(patch));
    }
    const auto patches = at::conv2d(pixels, weight, bias, {patch, patch});
    return patches.flatten(2).transpose(1, 2);
}

} // namespace vindex::models::visionops
