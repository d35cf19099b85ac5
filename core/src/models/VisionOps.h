#pragma once
// Building blocks shared by the vision towers (private to core): activations by their config name, eager
// multi-head attention as transformers computes it, and position-embedding interpolation.
#include <ATen/core/Tensor.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vindex::models {
class WeightLoader;
}

namespace vindex::models::visionops {

// hidden_act spellings of transformers' ACT2FN that vision towers use: quick_gelu, gelu, gelu_pytorch_tanh,
// gelu_new, gelu_fast, relu. Throws ModelError naming the value and where it came from.
enum class Activation { QuickGelu, Gelu, GeluTanh, Relu };
Activation activationFromName(const std::string &name, const std::string &where);
at::Tensor activate(const at::Tensor &x, Activation activation);

// Scaled dot-product attention over [B, H, S, D] tensors with scale D^-0.5 and the softmax in fp32 (as the eager
// path of transformers does); fused kernel on LibTorch 2.x where it exists. causal: position i sees keys <= i
// (CLIP's text tower).
at::Tensor attention(const at::Tensor &query, const at::Tensor &key, const at::Tensor &value, bool causal = false);

// [B, S, heads*D] → [B, heads, S, D] and back.
at::Tensor splitHeads(const at::Tensor &x, int64_t heads);
at::Tensor mergeHeads(const at::Tensor &x);

// Position embeddings of a square grid (gridSide² patch rows, after `prefixTokens` leading rows such as CLS)
// resized to newHeight × newWidth patches: bicubic (a = -0.75), align_corners=False, in fp32. Default as
// transformers 5 does for CLIP, DINOv2 and SigLIP (F.interpolate(size=...)); legacy: scale_factor (n + 0.1) / N
// as torch.hub DINOv2 (the kernel then samples with 1 / scale_factor). positions: [N, C]; returns
// [prefix + h*w, C].
at::Tensor interpolatePositions(const at::Tensor &positions, int64_t prefixTokens, int64_t newHeight, int64_t newWidth,
                                bool legacy = false);

// Config fields with transformers' defaults when absent (real configs omit fields equal to the default).
int64_t configInt(const nlohmann::json &config, const char *key, int64_t fallback);
double configDouble(const nlohmann::json &config, const char *key, double fallback);
std::string configString(const nlohmann::json &config, const char *key, const std::string &fallback);
bool configBool(const nlohmann::json &config, const char *key, bool fallback);

// One pre-norm transformer block: x + ls1·attn(norm1 x), then x + ls2·mlp(norm2 x). q/k/v are fused into one
// linear at load time. ls1/ls2 (DINOv2 layerscale) are undefined for CLIP and SigLIP.
struct Block {
    at::Tensor norm1Weight, norm1Bias, qkvWeight, qkvBias, outWeight, outBias;
    at::Tensor norm2Weight, norm2Bias, fc1Weight, fc1Bias, fc2Weight, fc2Bias;
    at::Tensor layerScale1, layerScale2;
    bool swiglu = false; // DINOv2 giant: fc1 = weights_in (2 halves), fc2 = weights_out

    at::Tensor forward(const at::Tensor &x, int64_t heads, double eps, Activation activation,
                       bool causal = false) const;
};

// CLIP/SigLIP block names under `layer` (scoped at "encoder.layers.<i>."): layer_norm{1,2},
// self_attn.{q,k,v,out}_proj, mlp.fc{1,2}; shapes checked.
Block loadClipStyleBlock(const WeightLoader &layer, int64_t width, int64_t intermediate);
// Blocks 0..count-1 of a CLIP-style encoder ("encoder.layers.<i>." under `weights`).
std::vector<Block> loadClipStyleBlocks(const WeightLoader &weights, int64_t count, int64_t width, int64_t intermediate);

// A tower's stack of blocks and how they run: num_attention_heads, layer_norm_eps and hidden_act from the config
// (transformers' defaults when absent: 12 heads, the family's eps and activation); the family loads the blocks.
struct Encoder {
    std::vector<Block> blocks;
    int64_t heads = 0;
    double eps = 1e-6;
    Activation activation = Activation::Gelu;

    // x through every block; with hiddenStates, x and each block's output are appended to it.
    at::Tensor forward(at::Tensor x, std::vector<at::Tensor> *hiddenStates) const;
};
Encoder readEncoder(const nlohmann::json &config, double defaultEps, const std::string &defaultActivation,
                    const std::string &source);

// Patch embedding: conv with stride = kernel, then [B, C, h, w] → [B, h*w, C].
at::Tensor embedPatches(const at::Tensor &pixels, const at::Tensor &weight, const at::Tensor &bias, int64_t patch,
                        const std::string &source);

} // namespace vindex::models::visionops
