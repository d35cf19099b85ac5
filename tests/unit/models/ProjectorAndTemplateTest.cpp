#include "ParitySupport.h"

#include "vindex/core/Error.h"
#include "vindex/models/ConversationTemplate.h"
#include "vindex/models/Projector.h"
#include "vindex/models/WeightLoader.h"

#include <gtest/gtest.h>

using namespace vindex::models;
using testsupport::fixture;

TEST(ConversationTemplate, ReproducesTheReferencePrompts)
{
    const auto llava = testsupport::readJson(fixture("llava-tiny/expected.json"));
    EXPECT_EQ(ConversationTemplate::byName("llava_v1").singleTurn("<image>\nDescribe this image in detail."),
              llava["prompt"].get<std::string>());
    const auto hf = testsupport::readJson(fixture("tokenizer-hf/expected.json"));
    EXPECT_EQ(ConversationTemplate::byName("llava_v1").singleTurn("<image>\nDescribe this image in detail."),
              hf["llava_prompt"].get<std::string>());
    // vicuna_v1 speaks of a "user", as in Shikra's prompt.
    EXPECT_EQ(hf["shikra_prompt"].get<std::string>().rfind(ConversationTemplate::byName("vicuna_v1").system(), 0), 0u);
    EXPECT_THROW(ConversationTemplate::byName("chatml"), vindex::Error);
}

TEST(Projector, Mlp2xGeluMatchesTheReferenceImageTokens)
{
    const auto config = testsupport::readJson(fixture("llava-tiny/config.json"));
    WeightLoader weights(fixture("llava-tiny"), Compute{});
    const auto projector =
        Projector::load(weights.scoped("model.mm_projector."), Projector::typeFromName(config["mm_projector_type"]),
                        config["mm_hidden_size"], config["hidden_size"]);
    const auto features = testsupport::expectedTensor("llava-tiny", "vision_select_features");
    const auto tokens = projector.forward(features).squeeze(0);
    EXPECT_LE(testsupport::maxAbsError(tokens, testsupport::expectedTensor("llava-tiny", "image_tokens")), 1e-4);
    EXPECT_THROW(Projector::typeFromName("resampler"), vindex::ModelError);
}
