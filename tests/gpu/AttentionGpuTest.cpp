// The fused attention kernels (scaled_dot_product_attention) that the perceiver and LLaMA use on a GPU, against the
// explicit formula they use on the CPU (softmax(q·kᵀ/√d)·v, the reference's), at the sizes of the real models with
// random weights: UMBRAE's perceiver (width 1024, 16 heads × 64, 256 latents over 256 brain tokens) and one
// LLaMA-7B layer (4096 wide, 32 heads × 128, MLP 11008) over 600 tokens with left padding.
#include "models/ParitySupport.h"

#include "vindex/models/Compute.h"
#include "vindex/models/LlamaModel.h"
#include "vindex/models/PerceiverResampler.h"
#include "vindex/models/TorchTensors.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

using namespace vindex;

namespace {

using Shapes = std::vector<std::pair<std::string, std::vector<int64_t>>>;

// Random weights N(0, 0.02²) (norm weights 1 ± 0.1), the same on every device.
std::map<std::string, io::HostTensor> randomWeights(const Shapes &shapes)
{
    at::manual_seed(2025);
    std::map<std::string, io::HostTensor> weights;
    for (const auto &[name, shape] : shapes) {
        const bool norm = name.find("norm") != std::string::npos;
        at::Tensor t = norm ? 1.0 + 0.1 * at::randn(shape) : 0.02 * at::randn(shape);
        weights.emplace(name, models::fromTorch(t.contiguous()));
    }
    return weights;
}

models::WeightLoader loaderOn(const Shapes &shapes, const char *device, const char *dtype)
{
    return models::WeightLoader(randomWeights(shapes), "random weights", models::Compute::parse(device, dtype));
}

Shapes perceiverShapes()
{
    const int64_t d = 1024, inner = 16 * 64;
    return {{"latents", {256, d}},
            {"media_pos_emb", {1, 1, d}},
            {"norm.weight", {d}},
            {"norm.bias", {d}},
            {"layers.0.0.norm_media.weight", {d}},
            {"layers.0.0.norm_media.bias", {d}},
            {"layers.0.0.norm_latents.weight", {d}},
            {"layers.0.0.norm_latents.bias", {d}},
            {"layers.0.0.to_q.weight", {inner, d}},
            {"layers.0.0.to_kv.weight", {2 * inner, d}},
            {"layers.0.0.to_out.weight", {d, inner}},
            {"layers.0.1.0.weight", {d}},
            {"layers.0.1.0.bias", {d}},
            {"layers.0.1.1.weight", {4 * d, d}},
            {"layers.0.1.3.weight", {d, 4 * d}}};
}

} // namespace

TEST(AttentionOnCuda, PerceiverMatchesTheExplicitFormula)
{
    at::NoGradGuard noGrad;
    const auto cpu = models::PerceiverResampler::load(loaderOn(perceiverShapes(), "cpu", "f32"), 16, 64);
    const auto cuda = models::PerceiverResampler::load(loaderOn(perceiverShapes(), "cuda", "f32"), 16, 64);
    at::manual_seed(7);
    const at::Tensor media = at::randn({2, 256, 1024});
    const at::Tensor expected = cpu.forward(media);
    const at::Tensor actual = cuda.forward(media.cuda());
    // Reductions on the way: LayerNorms (2·1024 each, five), q/k/v and output projections (1024), scores (64),
    // softmax and weighted sum over 256 + 256 keys, feed-forward (1024 and 4096).
    const double tolerance = testsupport::float32Tolerance({5 * 2 * 1024, 1024, 1024, 64, 512, 512, 1024, 1024, 4096},
                                                           testsupport::magnitude(expected));
    EXPECT_LE(testsupport::maxAbsError(actual, expected), tolerance);

    // float16 (the fused flash kernel): 64 unit roundoffs of f16 relative to the output (FixtureVerifier's rule).
    const auto half = models::PerceiverResampler::load(loaderOn(perceiverShapes(), "cuda", "f16"), 16, 64);
    const at::Tensor halfOut = half.forward(media.cuda().to(at::kHalf));
    EXPECT_LE(testsupport::maxAbsError(halfOut, expected), 64.0 / 2048.0 * testsupport::magnitude(expected));
}

TEST(AttentionOnCuda, LlamaLayerMatchesTheExplicitFormulaWithLeftPadding)
{
    at::NoGradGuard noGrad;
    models::LlamaConfig config;
    config.vocabSize = 64;
    config.numLayers = 1;
    const int64_t h = config.hiddenSize, f = config.intermediateSize;
    const Shapes shapes{{"model.embed_tokens.weight", {config.vocabSize, h}},
                        {"model.layers.0.input_layernorm.weight", {h}},
                        {"model.layers.0.post_attention_layernorm.weight", {h}},
                        {"model.layers.0.self_attn.q_proj.weight", {h, h}},
                        {"model.layers.0.self_attn.k_proj.weight", {h, h}},
                        {"model.layers.0.self_attn.v_proj.weight", {h, h}},
                        {"model.layers.0.self_attn.o_proj.weight", {h, h}},
                        {"model.layers.0.mlp.gate_proj.weight", {f, h}},
                        {"model.layers.0.mlp.up_proj.weight", {f, h}},
                        {"model.layers.0.mlp.down_proj.weight", {h, f}},
                        {"model.norm.weight", {h}},
                        {"lm_head.weight", {config.vocabSize, h}}};
    const models::LlamaModel cpu(config, loaderOn(shapes, "cpu", "f32"), {});
    const models::LlamaModel cuda(config, loaderOn(shapes, "cuda", "f32"), {});

    // Two prompts of 600 and 560 tokens, the shorter padded on the left (as batched decoding pads).
    const int64_t T = 600, pad = 40;
    at::manual_seed(11);
    const at::Tensor embeds = at::randn({2, T, h});
    at::Tensor mask = at::ones({2, T}, at::kLong);
    mask[1].narrow(0, 0, pad).zero_();
    at::Tensor positions = at::arange(T, at::kLong).unsqueeze(0).repeat({2, 1});
    positions[1] = (positions[1] - pad).clamp_min(0);
    const at::Tensor expected = cpu.forward(embeds, positions, mask, nullptr);
    const at::Tensor actual = cuda.forward(embeds.cuda(), positions.cuda(), mask.cuda(), nullptr);
    // Only the real tokens: padded positions' logits are never read.
    const at::Tensor real = mask.to(at::kBool).unsqueeze(-1).expand_as(expected);
    const double tolerance =
        testsupport::float32Tolerance({h, h, 128, T, T, h, h, h, f, h, h}, testsupport::magnitude(expected));
    EXPECT_LE(testsupport::maxAbsError(actual.cpu().masked_select(real), expected.masked_select(real)), tolerance);
}
