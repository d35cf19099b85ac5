#include "ParitySupport.h"

#include "vindex/core/Error.h"
#include "vindex/models/KvCache.h"
#include "vindex/models/LlamaConfig.h"
#include "vindex/models/LlamaModel.h"
#include "vindex/models/TorchTensors.h"
#include "vindex/models/WeightLoader.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

using namespace vindex::models;
using testsupport::expectedTensor;
using testsupport::fixture;
using testsupport::maxAbsError;

namespace {

LlamaModel loadLlavaTiny()
{
    const WeightLoader weights(fixture("llava-tiny"), Compute{});
    return LlamaModel(LlamaConfig::load(fixture("llava-tiny")), weights, {"model.", "lm_head.weight"});
}

} // namespace

TEST(LlamaConfig, ReadsPlainAndNestedConfigs)
{
    const auto tiny = LlamaConfig::load(fixture("llava-tiny"));
    EXPECT_EQ(tiny.hiddenSize, 64);
    EXPECT_EQ(tiny.numLayers, 3);
    EXPECT_EQ(tiny.numHeads, 4);
    EXPECT_EQ(tiny.numKeyValueHeads, 4);
    EXPECT_EQ(tiny.headDim, 16);
    EXPECT_EQ(tiny.intermediateSize, 176);
    EXPECT_EQ(tiny.vocabSize, 512);
    EXPECT_DOUBLE_EQ(tiny.rmsNormEps, 1e-5);
    EXPECT_DOUBLE_EQ(tiny.ropeTheta, 10000.0);
    EXPECT_EQ(tiny.eosTokenIds, std::vector<int64_t>{2});

    const auto hf = LlamaConfig::load(fixture("llava-hf-tiny"));
    EXPECT_EQ(hf.vocabSize, 514);
    EXPECT_EQ(hf.padTokenId, 513);
    EXPECT_EQ(LlamaConfig::load(fixture("shikra-tiny")).rmsNormEps, 1e-6);

    // transformers 4 spellings, GQA, head_dim derived, eos list.
    auto json = nlohmann::json::parse(R"({"hidden_size": 128, "num_hidden_layers": 2, "num_attention_heads": 8,
        "num_key_value_heads": 2, "intermediate_size": 256, "vocab_size": 100, "rope_theta": 500000.0,
        "eos_token_id": [2, 7], "rope_scaling": null})");
    const auto c = LlamaConfig::fromJson(json, "config.json");
    EXPECT_EQ(c.headDim, 16);
    EXPECT_EQ(c.numKeyValueHeads, 2);
    EXPECT_DOUBLE_EQ(c.ropeTheta, 500000.0);
    EXPECT_EQ(c.eosTokenIds, (std::vector<int64_t>{2, 7}));

    json["num_key_value_heads"] = 3;
    EXPECT_THROW(LlamaConfig::fromJson(json, "config.json"), vindex::ModelError);
    json.erase("num_key_value_heads");
    json.erase("hidden_size");
    try {
        LlamaConfig::fromJson(json, "x/config.json");
        FAIL();
    } catch (const vindex::ModelError &e) {
        EXPECT_NE(std::string(e.what()).find("hidden_size"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("x/config.json"), std::string::npos);
    }
}

TEST(LlamaModel, TextLogitsMatchTheReference)
{
    const auto model = loadLlavaTiny();
    const auto ids = expectedTensor("llava-tiny", "text_ids");
    const auto logits = model.forward(model.embed(ids));
    const double error = maxAbsError(logits, expectedTensor("llava-tiny", "text_logits"));
    std::cout << "[ parity ] llava-tiny text_logits max abs error " << error << "\n";
    EXPECT_LE(error, 1e-4);
}

TEST(LlamaModel, LogitsFromSplicedEmbeddingsMatchTheReference)
{
    const auto model = loadLlavaTiny();
    const auto embeds = expectedTensor("llava-tiny", "inputs_embeds");
    const auto logits = model.forward(embeds);
    const double error = maxAbsError(logits, expectedTensor("llava-tiny", "logits"));
    std::cout << "[ parity ] llava-tiny logits (inputs_embeds) max abs error " << error << "\n";
    EXPECT_LE(error, 1e-4);
}

TEST(LlamaModel, CachedStepsEqualOneFullPass)
{
    const auto model = loadLlavaTiny();
    const auto embeds = expectedTensor("llava-tiny", "inputs_embeds");
    const auto expected = expectedTensor("llava-tiny", "logits");
    const int64_t T = embeds.size(1), split = 40;
    KvCache cache(model.config(), 1, T, Compute{});
    const auto positions = at::arange(T, at::kLong).unsqueeze(0);
    const auto mask = at::ones({1, T}, at::kLong);
    const auto first = model.forward(embeds.narrow(1, 0, split), positions.narrow(1, 0, split),
                                     mask.narrow(1, 0, split), &cache, LlamaModel::Logits::LastOnly);
    EXPECT_LE(maxAbsError(first, expected.narrow(1, split - 1, 1)), 1e-4);
    for (int64_t t = split; t < T; ++t) {
        const auto step = model.forward(embeds.narrow(1, t, 1), positions.narrow(1, t, 1), mask.narrow(1, 0, t + 1),
                                        &cache, LlamaModel::Logits::LastOnly);
        EXPECT_LE(maxAbsError(step, expected.narrow(1, t, 1)), 1e-4) << t;
    }
    EXPECT_EQ(cache.length(), T);
    EXPECT_THROW(
        model.forward(embeds.narrow(1, 0, 1), positions.narrow(1, 0, 1), at::ones({1, T + 1}, at::kLong), &cache),
        vindex::ModelError); // full
}

TEST(LlamaModel, LeftPaddingDoesNotChangeTheRealTokens)
{
    const auto model = loadLlavaTiny();
    const auto ids = expectedTensor("llava-tiny", "text_ids");
    const auto expected = expectedTensor("llava-tiny", "text_logits");
    // Row 1 shortened to its last 7 tokens and left-padded to 12, positions 0..6 for the real tokens.
    const int64_t T = 12, pad = 5;
    auto embeds = model.embed(ids).clone();
    embeds[1].narrow(0, pad, T - pad).copy_(model.embed(ids[1].narrow(0, 0, T - pad)));
    embeds[1].narrow(0, 0, pad).zero_();
    auto mask = at::ones({2, T}, at::kLong);
    mask[1].narrow(0, 0, pad).zero_();
    auto positions = at::arange(T, at::kLong).unsqueeze(0).repeat({2, 1});
    positions[1].narrow(0, pad, T - pad).copy_(at::arange(T - pad, at::kLong));
    positions[1].narrow(0, 0, pad).fill_(1);
    const auto logits = model.forward(embeds, positions, mask, nullptr);
    EXPECT_TRUE(at::isfinite(logits).all().item<bool>());
    EXPECT_LE(maxAbsError(logits[0], expected[0]), 1e-4);
    // Alone, the shortened row gives these logits; padded, the same.
    const auto alone = model.forward(model.embed(ids[1].narrow(0, 0, T - pad).unsqueeze(0)));
    EXPECT_LE(maxAbsError(logits[1].narrow(0, pad, T - pad), alone[0]), 1e-5);
    EXPECT_LE(maxAbsError(alone[0], expected[1].narrow(0, 0, T - pad)), 1e-4);
}

TEST(LlamaModel, GroupedQueryAttentionEqualsRepeatedHeads)
{
    // A 2-kv-head model against the same model with its K/V heads repeated to 4 (what GQA means).
    auto config = LlamaConfig::load(fixture("llava-tiny"));
    const WeightLoader full(fixture("llava-tiny"), Compute{});
    std::map<std::string, vindex::io::HostTensor> gqa, repeated;
    for (const auto &name : full.names()) {
        at::Tensor t = full.get(name);
        if (name.find("k_proj") != std::string::npos || name.find("v_proj") != std::string::npos) {
            const at::Tensor kv = t.narrow(0, 0, 32).contiguous(); // 2 heads x 16
            gqa.emplace(name, fromTorch(kv));
            repeated.emplace(name, fromTorch(kv.view({2, 1, 16, 64}).expand({2, 2, 16, 64}).reshape({64, 64})));
        } else {
            gqa.emplace(name, fromTorch(t));
            repeated.emplace(name, fromTorch(t));
        }
    }
    auto gqaConfig = config;
    gqaConfig.numKeyValueHeads = 2;
    const LlamaModel a(gqaConfig, WeightLoader(std::move(gqa), "gqa", Compute{}), {"model.", "lm_head.weight"});
    const LlamaModel b(config, WeightLoader(std::move(repeated), "repeated", Compute{}), {"model.", "lm_head.weight"});
    const auto embeds = expectedTensor("llava-tiny", "inputs_embeds");
    EXPECT_LE(maxAbsError(a.forward(embeds), b.forward(embeds)), 1e-5);
}

TEST(LlamaModel, LoadsBothLlavaLayouts)
{
    const WeightLoader hfWeights(fixture("llava-hf-tiny"), Compute{});
    const auto layout = LlamaModel::detectLayout(hfWeights);
    EXPECT_EQ(layout.decoderPrefix, "language_model.model.");
    EXPECT_EQ(layout.lmHeadName, "language_model.lm_head.weight");
    const LlamaModel hf(LlamaConfig::load(fixture("llava-hf-tiny")), hfWeights, layout);
    const auto ids = expectedTensor("llava-hf-tiny", "input_ids");
    const auto logits = hf.forward(hf.embed(ids));
    EXPECT_EQ(logits.sizes(), (std::vector<int64_t>{1, 34, 514}));
    EXPECT_TRUE(at::isfinite(logits).all().item<bool>());

    const WeightLoader original(fixture("llava-tiny"), Compute{});
    EXPECT_EQ(LlamaModel::detectLayout(original).decoderPrefix, "model.");
    EXPECT_THROW(LlamaModel::detectLayout(WeightLoader(fixture("clip-vit-tiny"), Compute{})), vindex::ModelError);
    // A config that does not fit the checkpoint names the tensor and the file.
    auto wrong = LlamaConfig::load(fixture("llava-tiny"));
    wrong.intermediateSize = 100;
    try {
        LlamaModel(wrong, original, {"model.", "lm_head.weight"});
        FAIL();
    } catch (const vindex::ModelError &e) {
        EXPECT_NE(std::string(e.what()).find("mlp.gate_proj.weight"), std::string::npos) << e.what();
    }
    EXPECT_THROW(hf.embed(at::full({1, 2}, -200, at::kLong)), vindex::ModelError);
}

TEST(LlamaModel, RunsInBfloat16)
{
    // Reduced precision on the CPU: same path, fp32 softmax and norms; close to the fp32 reference.
    const WeightLoader weights(fixture("llava-tiny"), Compute{c10::kCPU, c10::kBFloat16});
    const LlamaModel model(LlamaConfig::load(fixture("llava-tiny")), weights, {"model.", "lm_head.weight"});
    EXPECT_EQ(model.dtype(), c10::kBFloat16);
    const auto logits = model.forward(expectedTensor("llava-tiny", "inputs_embeds"));
    EXPECT_EQ(logits.scalar_type(), c10::kFloat);
    const auto expected = expectedTensor("llava-tiny", "logits");
    const double error = maxAbsError(logits, expected);
    std::cout << "[ parity ] llava-tiny logits in bf16 max abs error " << error << " (reference range "
              << expected.abs().max().item<double>() << ")\n";
    EXPECT_LT(error, 0.1 * expected.abs().max().item<double>());
}
