// Salient question answering: the option log-likelihoods of OptionScorer (prompt once into the KV cache, options
// batched and right-padded) against transformers' LlavaForConditionalGeneration run over each whole prompt + option
// (tests/fixtures/qa-llava-hf-tiny, made by tests/reference/make_qa_fixture.py), from the image and from brain
// features; the prompt text, its ids and each option's ids (prompt + " " + option beyond the prompt) as the
// reference made them.
#include "ParitySupport.h"
#include "vindex/core/Error.h"
#include "vindex/models/LlamaModel.h"
#include "vindex/models/MultimodalModel.h"
#include "vindex/models/OptionScorer.h"
#include "vindex/models/Tokenizer.h"
#include "vindex/spaces/FeatureSpace.h"

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

using namespace vindex;

namespace {

constexpr double kTolerance = 1e-4;

const std::string kFixture = testsupport::projectFixture("qa-llava-hf-tiny");

} // namespace

TEST(QaParity, OptionLogLikelihoodsMatchTransformers)
{
    const auto model = models::MultimodalModel::load(testsupport::fixture("llava-hf-tiny"), models::Compute{});
    const auto space = spaces::FeatureSpace::create(*model, {spaces::SpaceKind::SingleEncoder, 0});
    const auto expected = testsupport::readJson(kFixture + "/expected.json");
    const auto questions = testsupport::readJson(kFixture + "/questions.json")["questions"];

    const at::Tensor image = space->promptTokens(
        space->imageFeatures(model->pixelValuesFromFile(testsupport::fixture("llava-tiny/image.png"))).squeeze(0));
    const at::Tensor brainFeatures =
        testsupport::expectedTensor(testsupport::projectFixture("mmvp-tiny"), "brain_features")
            .narrow(-1, 0, 64)
            .squeeze(0);
    const at::Tensor brain = space->promptTokens(brainFeatures);
    const models::OptionScorer scorer(model->llm());

    double worst = 0;
    ASSERT_EQ(expected["questions"].size(), 4u);
    for (const auto &reference : expected["questions"]) {
        SCOPED_TRACE(reference["id"].get<std::string>());
        nlohmann::json question;
        for (const auto &q : questions)
            if (q["id"] == reference["id"])
                question = q;
        const std::string promptText = model->promptText(question["prompt"].get<std::string>());
        EXPECT_EQ(promptText, reference["prompt_text"]);
        const std::vector<int64_t> ids = model->promptIds(promptText, 16);
        ASSERT_EQ(ids, reference["prompt_ids"].get<std::vector<int64_t>>());
        std::vector<std::vector<int64_t>> options;
        for (const auto &option : question["options"]) {
            const auto full = model->promptIds(promptText + " " + option.get<std::string>(), 16);
            ASSERT_TRUE(std::equal(ids.begin(), ids.end(), full.begin()));
            options.emplace_back(full.begin() + static_cast<std::ptrdiff_t>(ids.size()), full.end());
        }
        ASSERT_EQ(options, reference["option_ids"].get<std::vector<std::vector<int64_t>>>());

        for (const auto &[source, tokens] : {std::pair<std::string, at::Tensor>{"image", image}, {"brain", brain}}) {
            const auto values = scorer.tokenLogProbabilities(model->promptEmbeddingsFromTokens(ids, tokens), options);
            const auto want = reference[source]["token_log_probs"].get<std::vector<std::vector<double>>>();
            const auto sums = reference[source]["log_likelihoods"].get<std::vector<double>>();
            ASSERT_EQ(values.size(), want.size());
            for (std::size_t k = 0; k < values.size(); ++k) {
                ASSERT_EQ(values[k].size(), want[k].size());
                double sum = 0;
                for (std::size_t j = 0; j < values[k].size(); ++j) {
                    EXPECT_NEAR(values[k][j], want[k][j], kTolerance) << source << " option " << k << " token " << j;
                    worst = std::max(worst, std::abs(values[k][j] - want[k][j]));
                    sum += values[k][j];
                }
                EXPECT_NEAR(sum, sums[k], kTolerance) << source << " option " << k;
            }
        }
    }
    std::cout << "[ parity ] qa option log-probabilities, max abs error " << worst << std::endl;
}

TEST(QaParity, ScorerRefusesEmptyOrUnknownTokens)
{
    const auto model = models::MultimodalModel::load(testsupport::fixture("llava-hf-tiny"), models::Compute{});
    const models::OptionScorer scorer(model->llm());
    const at::Tensor prompt = model->promptEmbeddingsFromTokens(model->tokenizer().encode("USER: hi ASSISTANT:"), {});
    EXPECT_THROW(scorer.tokenLogProbabilities(prompt, {{}}), ModelError);
    EXPECT_THROW(scorer.tokenLogProbabilities(prompt, {{5000}}), ModelError);
    EXPECT_THROW(scorer.tokenLogProbabilities(prompt, {}), ModelError);
    // One-token options need no second pass; a batch scores each option as it scores alone.
    const auto together = scorer.tokenLogProbabilities(prompt, {{300}, {301, 302, 303}});
    const auto alone = scorer.tokenLogProbabilities(prompt, {{301, 302, 303}});
    ASSERT_EQ(together[1].size(), 3u);
    for (std::size_t j = 0; j < 3; ++j)
        EXPECT_NEAR(together[1][j], alone[0][j], 1e-5);
}
