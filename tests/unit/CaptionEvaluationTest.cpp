// CaptionFiles and CaptionEvaluation: layouts, matching by id, and malformed input that must fail loudly (or be
// skipped and reported when asked), never change a number silently.
#include "TestSupport.h"

#include "vindex/core/Error.h"
#include "vindex/eval/CaptionEvaluation.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace vindex::eval;

using testsupport::errorOf;

namespace {

const char *kReferences = R"({"0": ["a man riding a wave", "a surfer on a wave"],
                              "1": ["two dogs in a park", "dogs playing on grass"],
                              "2": ["a plate of food", "food on a white plate"]})";

} // namespace

TEST(CaptionFiles, ReadsBrainHubAndCocoResultLayouts)
{
    const auto brainhub = CaptionFiles::parseCandidates(R"({"1": "dogs", "0": "a man"})", "c.json");
    EXPECT_EQ(brainhub.ids, (std::vector<std::string>{"1", "0"})); // file order kept
    EXPECT_EQ(brainhub.captions[0], "dogs");
    const auto coco = CaptionFiles::parseCandidates(
        R"([{"image_id": 7, "caption": "x"}, {"image_id": "8", "caption": "y"}])", "c.json");
    EXPECT_EQ(coco.ids, (std::vector<std::string>{"7", "8"}));
    const auto refs = CaptionFiles::parseReferences(R"({"0": ["a", "b"], "1": "only one"})", "r.json");
    EXPECT_EQ(refs.captions[1], std::vector<std::string>{"only one"});
}

TEST(CaptionFiles, RefusesMalformedFilesNamingFileAndId)
{
    auto candidates = [](const std::string &text) {
        return errorOf([&] { CaptionFiles::parseCandidates(text, "C.json"); });
    };
    auto references = [](const std::string &text) {
        return errorOf([&] { CaptionFiles::parseReferences(text, "R.json"); });
    };
    EXPECT_NE(candidates(R"({"0": "ok", "1": 5})").find("C.json: the caption of id '1' is a number"),
              std::string::npos);
    EXPECT_NE(candidates(R"({"0": ["a list"]})").find("id '0' is a list"), std::string::npos);
    EXPECT_NE(candidates(R"({"0": null})").find("id '0' is null"), std::string::npos);
    EXPECT_NE(candidates(R"({"0": "a", "0": "b"})").find("id '0' occurs twice"), std::string::npos);
    EXPECT_NE(candidates(R"({"0": "a",)").find("C.json: is not valid JSON"), std::string::npos);
    EXPECT_NE(candidates(R"("text")").find("C.json: expected"), std::string::npos);
    EXPECT_NE(candidates(R"({})").find("holds no captions"), std::string::npos);
    EXPECT_NE(candidates(R"([{"image_id": 1}])").find("entry 0"), std::string::npos);
    EXPECT_NE(references(R"({"0": []})").find("R.json: id '0' has an empty reference list"), std::string::npos);
    EXPECT_NE(references(R"({"0": ["a", 3]})").find("reference 1 of id '0' is a number"), std::string::npos);
    EXPECT_NE(references(R"({"0": {"a": 1}})").find("id '0' are an object"), std::string::npos);
    EXPECT_NE(errorOf([] { CaptionFiles::readCandidates("/nonexistent/C.json"); }).find("/nonexistent/C.json"),
              std::string::npos);
}

TEST(CaptionEvaluation, MissingAndUnknownIdsAreErrorsUnlessSkippedAndReported)
{
    const auto refs = CaptionFiles::parseReferences(kReferences, "R.json");
    // A candidate is missing.
    const auto partial = CaptionFiles::parseCandidates(R"({"0": "a man on a wave", "1": "two dogs"})", "C.json");
    const std::string missing = errorOf([&] { CaptionEvaluation::evaluate(partial, refs); });
    EXPECT_NE(missing.find("C.json: no candidate for 1 of the 3 ids in R.json ('2')"), std::string::npos) << missing;
    // A candidate id the references do not have.
    const auto extra = CaptionFiles::parseCandidates(R"({"0": "a", "1": "b", "2": "c", "9": "d"})", "C.json");
    const std::string unknown = errorOf([&] { CaptionEvaluation::evaluate(extra, refs); });
    EXPECT_NE(unknown.find("C.json: id '9' has no references in R.json"), std::string::npos) << unknown;

    CaptionEvaluationOptions skip;
    skip.skipUnmatched = true;
    const auto r = CaptionEvaluation::evaluate(partial, refs, skip);
    EXPECT_EQ(r.ids, (std::vector<std::string>{"0", "1"}));
    ASSERT_EQ(r.skipped.size(), 1u);
    EXPECT_EQ(r.skipped[0].id, "2");
    EXPECT_NE(r.skipped[0].reason.find("no candidate"), std::string::npos);
    const auto r2 = CaptionEvaluation::evaluate(extra, refs, skip);
    ASSERT_EQ(r2.skipped.size(), 1u);
    EXPECT_EQ(r2.skipped[0].id, "9");
    EXPECT_EQ(r2.ids.size(), 3u);
}

TEST(CaptionEvaluation, MetricsByNameAndPerTrialScores)
{
    EXPECT_EQ(CaptionEvaluation::parseMetrics("bleu, ROUGE,cider").size(), 3u);
    EXPECT_EQ(CaptionEvaluation::parseMetrics("cider").front(), CaptionMetric::Cider);
    EXPECT_EQ(CaptionEvaluation::parseMetrics("bleu,meteor").back(), CaptionMetric::Meteor);
    EXPECT_EQ(CaptionEvaluation::parseMetrics("all").size(), 4u);
    EXPECT_EQ(CaptionEvaluation::scoreNames(CaptionMetric::Meteor), std::vector<std::string>{"METEOR_noparaphrase"});
    EXPECT_EQ(CaptionEvaluation::scoreLabel("METEOR_noparaphrase"), "METEOR (no paraphrase)");
    EXPECT_EQ(CaptionEvaluation::scoreLabel("CIDEr"), "CIDEr");
    EXPECT_NE(errorOf([] {
                  CaptionEvaluation::parseMetrics("bleu,spice");
              }).find("'spice' is not available: SPICE needs Stanford CoreNLP"),
              std::string::npos);
    EXPECT_EQ(CaptionEvaluation::parseMetrics("clips,RefCLIP-S"), std::vector<CaptionMetric>{CaptionMetric::ClipScore});
    EXPECT_EQ(CaptionEvaluation::scoreNames(CaptionMetric::ClipScore),
              (std::vector<std::string>{"CLIP-S", "RefCLIP-S"}));
    const auto all = CaptionEvaluation::parseMetrics("all"); // every metric without a model: no CLIP-S
    EXPECT_EQ(std::find(all.begin(), all.end(), CaptionMetric::ClipScore), all.end());
    EXPECT_NE(errorOf([] { CaptionEvaluation::parseMetrics("bleurt"); }).find("unknown metric 'bleurt'"),
              std::string::npos);

    const auto refs = CaptionFiles::parseReferences(kReferences, "R.json");
    const auto cands = CaptionFiles::parseCandidates(
        R"({"0": "A man riding a wave.", "1": "Two dogs in a park!", "2": "A plate of food."})", "C.json");
    CaptionEvaluationOptions options;
    options.metrics = {CaptionMetric::Rouge, CaptionMetric::Bleu};
    const auto r = CaptionEvaluation::evaluate(cands, refs, options);
    EXPECT_EQ(r.scoreNames, (std::vector<std::string>{"ROUGE-L", "BLEU-1", "BLEU-2", "BLEU-3", "BLEU-4"}));
    EXPECT_EQ(r.tokenizedCandidates[1], "two dogs in a park");
    ASSERT_EQ(r.perTrial.size(), 3u);
    for (const auto &t : r.perTrial) {
        ASSERT_EQ(t.size(), 5u);
        EXPECT_DOUBLE_EQ(t[0], 1.0); // each candidate equals one of its references after tokenization
        EXPECT_NEAR(t[1], 1.0, 1e-9);
    }
    EXPECT_DOUBLE_EQ(r.value("ROUGE-L"), 1.0);
    EXPECT_THROW(r.value("CIDEr"), vindex::Error);

    // CLIP-S is refused before any work when the model or the images are not given.
    options.metrics = {CaptionMetric::Bleu, CaptionMetric::ClipScore};
    EXPECT_NE(errorOf([&] { CaptionEvaluation::evaluate(cands, refs, options); }).find("needs a CLIP model folder"),
              std::string::npos);
    options.clipModel = "/nowhere";
    EXPECT_NE(errorOf([&] { CaptionEvaluation::evaluate(cands, refs, options); }).find("CLIP-S needs the images"),
              std::string::npos);
}
