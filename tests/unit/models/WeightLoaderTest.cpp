#include "ParitySupport.h"

#include "vindex/core/Error.h"
#include "vindex/models/WeightLoader.h"

#include <gtest/gtest.h>

using namespace vindex::models;

TEST(WeightLoader, ReadsAndChecksShapes)
{
    WeightLoader weights(testsupport::fixture("clip-vit-tiny"), Compute{});
    const auto config = testsupport::readJson(testsupport::fixture("clip-vit-tiny/config.json"));
    const int64_t hidden = config["hidden_size"];
    const auto encoder = weights.scoped("encoder.layers.0.");
    EXPECT_EQ(encoder.get("self_attn.q_proj.weight", {hidden, hidden}).sizes(), (at::IntArrayRef{hidden, hidden}));
    EXPECT_TRUE(encoder.has("mlp.fc1.bias"));
    try {
        encoder.get("self_attn.q_proj.weight", {hidden, hidden + 1});
        FAIL();
    } catch (const vindex::ModelError &e) {
        EXPECT_NE(std::string(e.what()).find("encoder.layers.0.self_attn.q_proj.weight"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("expected [64, 65]"), std::string::npos) << e.what();
    }
    try {
        weights.get("no.such.weight");
        FAIL();
    } catch (const vindex::ModelError &e) {
        EXPECT_NE(std::string(e.what()).find("'no.such.weight' is missing"), std::string::npos) << e.what();
    }
}

TEST(WeightLoader, ConvertsToTheComputeDtype)
{
    WeightLoader weights(testsupport::fixture("clip-vit-tiny"), Compute::parse("cpu", "bf16"));
    const auto t = weights.get("post_layernorm.weight");
    EXPECT_EQ(t.scalar_type(), at::kBFloat16);
    WeightLoader f32(testsupport::fixture("clip-vit-tiny"), Compute{});
    EXPECT_LE(testsupport::maxAbsError(t, f32.get("post_layernorm.weight")), 1e-2);
    EXPECT_THROW(Compute::parse("tpu", "f32"), vindex::Error);
    EXPECT_THROW(Compute::parse("cpu", "f8"), vindex::Error);
}
