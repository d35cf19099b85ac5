// The encoders' training forward: gradients of every tokenizer layout equal those of UMBRAE's module written out
// with plain differentiable operations (GELU as x·Φ(x) through erf, lin1 on [B, V, 1] then lin2 on the transpose).
#include "BrainTinyTraining.h"
#include "models/ParitySupport.h"

#include "vindex/models/BrainEncoder.h"
#include "vindex/train/EncoderFactory.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

using namespace vindex;
using namespace testsupport;

namespace {

at::Tensor erfGelu(const at::Tensor &x)
{
    return x * 0.5 * (1 + at::erf(x / std::sqrt(2.0)));
}

std::map<std::string, at::Tensor> gradients(models::BrainEncoder &encoder)
{
    std::map<std::string, at::Tensor> out;
    for (const auto &p : encoder.parameters())
        if (p.tensor->grad().defined())
            out[p.name] = p.tensor->grad().clone();
    return out;
}

} // namespace

TEST(TrainableEncoder, TokenizerGradientsMatchTheModuleWrittenOut)
{
    auto encoder = useNormBrainX();
    encoder->makeTrainable();
    auto folded = brainTinyInitialEncoder(); // plain lin1/lin2 (the folded fast path)
    folded->makeTrainable();
    std::map<std::string, at::Tensor> live;
    for (auto *e : {encoder.get(), folded.get()})
        for (const auto &p : e->parameters())
            live[(e == folded.get() ? "xs." : "x.") + p.name] = *p.tensor;

    for (const int subject : {1, 2}) {
        const std::string s = "fmri" + std::to_string(subject);
        const at::Tensor voxels = expectedTensor("brain-tiny", "brainx_in_" + s);
        (encoder->encode(voxels, subject).pow(2).mean()).backward();
        const auto ours = gradients(*encoder);
        for (const auto &p : encoder->parameters())
            p.tensor->mutable_grad().reset();

        // UMBRAE's BrainX.forward with use_norm: Sequential(Linear, LayerNorm, GELU, Dropout) (act_first: GELU
        // before LayerNorm), transpose, lin2, perceiver.
        const auto w = [&](const std::string &name) { return live.at("x." + name); };
        at::Tensor x =
            at::linear(voxels.unsqueeze(1).transpose(1, 2), w("lin1." + s + ".0.weight"), w("lin1." + s + ".0.bias"));
        const std::string norm = "lin1." + s + (subject == 1 ? ".1." : ".2.");
        if (subject == 1)
            x = erfGelu(at::layer_norm(x, {16}, w(norm + "weight"), w(norm + "bias"), 1e-5));
        else
            x = at::layer_norm(erfGelu(x), {16}, w(norm + "weight"), w(norm + "bias"), 1e-5);
        x = at::linear(x.transpose(1, 2), w("lin2." + s + ".weight"), w("lin2." + s + ".bias"));
        (encoder->perceiver().forward(x).pow(2).mean()).backward();
        const auto reference = gradients(*encoder);
        for (const auto &p : encoder->parameters())
            p.tensor->mutable_grad().reset();

        for (const std::string name : {"lin1." + s + ".0.weight", "lin1." + s + ".0.bias", norm + "weight",
                                       norm + "bias", "lin2." + s + ".weight", "lin2." + s + ".bias"}) {
            ASSERT_TRUE(ours.count(name) && reference.count(name)) << name;
            const double scale = reference.at(name).abs().max().item<double>();
            EXPECT_LE(maxAbsError(ours.at(name), reference.at(name)), 1e-4 * scale + 1e-9) << name;
        }
    }

    // BrainXS's folded tokenizer: lin1.w ⊗ (x·lin2.wᵀ) + folded bias has the gradients of lin1 → lin2.
    const at::Tensor voxels = expectedTensor("brain-tiny", "eval_input");
    folded->encode(voxels, 0).pow(2).mean().backward();
    const auto ours = gradients(*folded);
    for (const auto &p : folded->parameters())
        p.tensor->mutable_grad().reset();
    const auto w = [&](const std::string &name) { return live.at("xs." + name); };
    at::Tensor x = at::linear(voxels.unsqueeze(1).transpose(1, 2), w("lin1.weight"), w("lin1.bias"));
    x = at::linear(x.transpose(1, 2), w("lin2.weight"), w("lin2.bias"));
    folded->perceiver().forward(x).pow(2).mean().backward();
    const auto reference = gradients(*folded);
    for (const std::string name : {"lin1.weight", "lin1.bias", "lin2.weight", "lin2.bias"}) {
        const double scale = reference.at(name).abs().max().item<double>();
        EXPECT_LE(maxAbsError(ours.at(name), reference.at(name)), 1e-4 * scale) << name;
    }
}

TEST(EncoderFactory, NewBrainXsHasUmbraesLayoutAndTorchsDefaultInitialisation)
{
    // brain-tiny's architecture: the same state-dict names and shapes as its reference weights.
    const auto config = readJson(fixture("brain-tiny/config.json"))["brainxs"];
    train::EncoderArchitecture a;
    a.voxels = config["in_dim"];
    a.hidden = config["hidden_dim"];
    a.outWidth = config["out_dim"];
    a.latents = config["num_latents"];
    a.depth = config["depth"];
    a.heads = config["heads"];
    a.dimHead = config["dim_head"];
    at::manual_seed(42);
    auto encoder = train::EncoderFactory::brainXS(a);
    auto reference = brainTinyInitialEncoder();
    const auto ours = encoder->stateDict(), theirs = reference->stateDict();
    ASSERT_EQ(ours.size(), theirs.size());
    for (std::size_t i = 0; i < ours.size(); ++i) {
        const auto &[name, t] = ours[i];
        EXPECT_EQ(name, theirs[i].first);
        EXPECT_EQ(t.sizes(), theirs[i].second.sizes()) << name;
        // LayerNorms are the 1-D parameters that are not a Linear's bias.
        const bool norm = t.dim() == 1 && name.rfind("lin", 0) != 0 && name.find("llm_proj") == std::string::npos;
        if (norm) // LayerNorm: weight 1, bias 0
            EXPECT_EQ(t.sum().item<double>(), name.find("weight") != std::string::npos ? t.numel() : 0.0) << name;
        else if (name.find("latents") != std::string::npos || name.find("media_pos_emb") != std::string::npos)
            EXPECT_NEAR(t.std().item<double>(), 1.0, 0.25) << name; // N(0, 1)
        else { // nn.Linear: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weight and bias
            const std::string layer = name.substr(0, name.rfind('.'));
            const auto weight =
                std::find_if(ours.begin(), ours.end(), [&](const auto &p) { return p.first == layer + ".weight"; });
            const double bound = 1.0 / std::sqrt(static_cast<double>(weight->second.size(1)));
            EXPECT_LE(t.abs().max().item<double>(), bound) << name;
            EXPECT_GT(t.abs().max().item<double>(), 0.5 * bound) << name;
        }
    }
    at::NoGradGuard noGrad;
    EXPECT_EQ(encoder->encode(expectedTensor("brain-tiny", "eval_input"), 0).sizes(),
              expectedTensor("brain-tiny", "eval_output").sizes());
}
