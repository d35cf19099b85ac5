// SentenceS arithmetic on embeddings whose cosines are known in closed form (no model involved).
#include "vindex/eval/SentenceScore.h"
#include "TestSupport.h"
#include "vindex/core/Error.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

namespace {

using vindex::eval::SentenceEmbedder;
using vindex::eval::SentenceReferenceReduction;
using vindex::eval::SentenceScore;

// Embeds a text as a fixed unit vector at an angle: "deg:<a>" → (cos a, sin a).
class AngleEmbedder final : public SentenceEmbedder {
public:
    Embeddings embed(const std::vector<std::string> &texts) const override
    {
        Embeddings rows;
        for (const auto &text : texts) {
            const double degrees = std::stod(text.substr(4));
            const double radians = degrees * M_PI / 180.0;
            // Scaled by 3: the cosine must not depend on the norm.
            rows.push_back({static_cast<float>(3 * std::cos(radians)), static_cast<float>(3 * std::sin(radians))});
        }
        ++calls;
        return rows;
    }
    int64_t embeddingSize() const override { return 2; }
    std::string source() const override { return "angles"; }
    mutable int calls = 0;
};

TEST(SentenceScore, ReducesCosinesOverReferencesThenAveragesTrials)
{
    const auto embedder = std::make_shared<AngleEmbedder>();
    const std::vector<std::string> candidates{"deg:0", "deg:90"};
    const std::vector<std::vector<std::string>> references{{"deg:60", "deg:0", "deg:180"}, {"deg:90"}};
    // Trial 0: cos 60 = 0.5, cos 0 = 1, cos 180 = -1; trial 1: 1.
    const auto mean = SentenceScore(embedder).score(candidates, references);
    ASSERT_EQ(mean.perTrial.size(), 2u);
    EXPECT_NEAR(mean.perTrial[0], 0.5 / 3, 1e-6);
    EXPECT_NEAR(mean.perTrial[1], 1.0, 1e-6);
    EXPECT_NEAR(mean.corpus, (0.5 / 3 + 1.0) / 2, 1e-6);

    const auto max = SentenceScore(embedder, {SentenceReferenceReduction::Max}).score(candidates, references);
    EXPECT_NEAR(max.perTrial[0], 1.0, 1e-6);
    EXPECT_NEAR(max.corpus, 1.0, 1e-6);

    const auto first = SentenceScore(embedder, {SentenceReferenceReduction::First}).score(candidates, references);
    EXPECT_NEAR(first.perTrial[0], 0.5, 1e-6);
    EXPECT_NEAR(first.corpus, 0.75, 1e-6);
    EXPECT_STREQ(SentenceScore::kScoreName, "SentenceS");
}

TEST(SentenceScore, BatchesTheEmbedder)
{
    const auto embedder = std::make_shared<AngleEmbedder>();
    std::vector<std::string> candidates;
    std::vector<std::vector<std::string>> references;
    for (int i = 0; i < 7; ++i) {
        candidates.push_back("deg:" + std::to_string(10 * i));
        references.push_back({"deg:" + std::to_string(10 * i + 30)});
    }
    const auto result = SentenceScore(embedder, {SentenceReferenceReduction::Mean, 3}).score(candidates, references);
    EXPECT_EQ(embedder->calls, 3 + 3); // ceil(7 / 3) batches of candidates, then of references
    for (const double v : result.perTrial)
        EXPECT_NEAR(v, std::cos(M_PI / 6), 1e-6);
}

TEST(SentenceScore, RefusesMismatchedInput)
{
    const auto embedder = std::make_shared<AngleEmbedder>();
    EXPECT_NE(testsupport::errorOf([&] { SentenceScore(embedder).score({"deg:0"}, {}); }).find("reference lists"),
              std::string::npos);
    EXPECT_NE(testsupport::errorOf([&] { SentenceScore(embedder).score({"deg:0"}, {{}}); }).find("no reference"),
              std::string::npos);
    EXPECT_NE(testsupport::errorOf([] { SentenceScore(nullptr); }).find("embedder"), std::string::npos);
    EXPECT_EQ(SentenceScore::reductionFromName("max"), SentenceReferenceReduction::Max);
    EXPECT_NE(testsupport::errorOf([] { SentenceScore::reductionFromName("median"); }).find("mean, max, first"),
              std::string::npos);
    EXPECT_EQ(SentenceScore::cosine({0.f, 0.f}, {1.f, 0.f}), 0.0);
}

} // namespace
