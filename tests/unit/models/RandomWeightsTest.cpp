// Random weights of a real architecture's size (for `vindex bench decode --random`): the published shapes, every
// tensor a LlamaModel reads, N(0, 0.02²) values in Hankel views over one buffer, norm weights 1.
#include "vindex/models/RandomWeights.h"
#include "ParitySupport.h"
#include "vindex/core/Error.h"
#include "vindex/models/LlamaModel.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <gtest/gtest.h>

using namespace vindex::models;

TEST(RandomWeights, NamedArchitecturesHaveTheirPublishedShapes)
{
    // LLaMA-7B / Vicuna-7B (LLaVA-1.5-7B's language model) and -13B, as their config.json files give them.
    const LlamaConfig seven = RandomWeights::llamaConfig("llama-7b");
    EXPECT_EQ(seven.hiddenSize, 4096);
    EXPECT_EQ(seven.intermediateSize, 11008);
    EXPECT_EQ(seven.numLayers, 32);
    EXPECT_EQ(seven.numHeads, 32);
    EXPECT_EQ(seven.vocabSize, 32000);
    const LlamaConfig thirteen = RandomWeights::llamaConfig("llama-13b");
    EXPECT_EQ(thirteen.hiddenSize, 5120);
    EXPECT_EQ(thirteen.intermediateSize, 13824);
    EXPECT_EQ(thirteen.numLayers, 40);
    EXPECT_EQ(thirteen.numHeads, 40);
    EXPECT_EQ(thirteen.numKeyValueHeads, 40);
    try {
        RandomWeights::llamaConfig("llama-70b");
        FAIL() << "an unknown architecture was accepted";
    } catch (const vindex::Error &e) {
        EXPECT_NE(std::string(e.what()).find("llama-7b"), std::string::npos) << e.what();
    }
}

TEST(RandomWeights, MakeAWorkingLlamaWithoutAFile)
{
    at::NoGradGuard noGrad;
    LlamaConfig config;
    config.vocabSize = 40;
    config.hiddenSize = 32;
    config.intermediateSize = 48;
    config.numLayers = 2;
    config.numHeads = config.numKeyValueHeads = 4;
    config.headDim = 8;
    const WeightLoader weights(RandomWeights::llama(config), "random", Compute{});
    EXPECT_EQ(weights.names().size(), 2u * 9u + 3u);
    const LlamaModel model(config, weights, LlamaModel::Layout{});
    const at::Tensor logits = model.forward(at::randn({1, 5, 32}));
    EXPECT_EQ(logits.sizes(), (at::IntArrayRef{1, 5, 40}));
    EXPECT_TRUE(at::isfinite(logits).all().item<bool>());

    // A Hankel matrix: w[i][j] = buffer[i + j]; its first column and last row together are the buffer.
    const at::Tensor down = weights.get("model.layers.1.mlp.down_proj.weight"); // [32, 48]
    EXPECT_TRUE(down.is_contiguous());
    EXPECT_TRUE(at::equal(down.narrow(0, 1, 31).narrow(1, 0, 47), down.narrow(0, 0, 31).narrow(1, 1, 47)));
    const at::Tensor values = at::cat({down.select(1, 0), down.select(0, 31).narrow(0, 1, 47)});
    EXPECT_NEAR(values.std().item<double>(), 0.02, 0.006);
    EXPECT_NEAR(values.mean().item<double>(), 0.0, 0.006);
    EXPECT_TRUE(at::equal(weights.get("model.norm.weight"), at::ones({32})));
}
