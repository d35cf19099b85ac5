// BLEU, ROUGE-L and CIDEr-D: closed-form cases, and BrainHub's reference values for every decoded-caption file.
#include "TestSupport.h"

#include "vindex/core/Error.h"
#include "vindex/eval/Bleu.h"
#include "vindex/eval/CaptionEvaluation.h"
#include "vindex/eval/Cider.h"
#include "vindex/eval/Rouge.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using namespace vindex::eval;

namespace {

CaptionCorpus corpus(std::vector<std::string> candidates, std::vector<std::vector<std::string>> references)
{
    return CaptionCorpus(std::move(candidates), std::move(references));
}

} // namespace

TEST(CaptionCorpus, SplitsLikePython)
{
    using V = std::vector<std::string_view>;
    EXPECT_EQ(CaptionCorpus::splitWhitespace("  a b\tc  "), (V{"a", "b", "c"}));
    EXPECT_EQ(CaptionCorpus::splitWhitespace("1\xC2\xA0"
                                             "1/2 cups"),
              (V{"1", "1/2", "cups"})); // U+00A0 too
    EXPECT_EQ(CaptionCorpus::splitWhitespace(""), V{});
    EXPECT_EQ(CaptionCorpus::splitSpaces("a b"), (V{"a", "b"}));
    EXPECT_EQ(CaptionCorpus::splitSpaces(""), (V{""}));
    EXPECT_EQ(CaptionCorpus::splitSpaces("1\xC2\xA0"
                                         "1/2 x"),
              (V{"1\xC2\xA0"
                 "1/2",
                 "x"}));
    EXPECT_THROW(CaptionCorpus({"a"}, {}), vindex::DataError);
    EXPECT_THROW(CaptionCorpus({"a"}, {{}}), vindex::DataError);
}

TEST(Bleu, IdenticalCaptionsScoreOne)
{
    const auto s = Bleu::score(corpus({"a man riding a wave", "two dogs play in the park"},
                                      {{"a man riding a wave", "a surfer"}, {"two dogs play in the park"}}));
    for (int k = 0; k < 4; ++k) {
        EXPECT_NEAR(s.corpus[k], 1.0, 1e-9) << k;
        EXPECT_NEAR(s.perTrial[0][k], 1.0, 1e-9) << k;
        EXPECT_NEAR(s.perTrial[1][k], 1.0, 1e-9) << k;
    }
    EXPECT_EQ(s.candidateLength, 11);
    EXPECT_EQ(s.referenceLength, 11);
}

TEST(Bleu, BrevityPenaltyClippingAndClosestLength)
{
    // Two words against four: all unigrams match, BP = exp(1 - 4/2).
    auto s = Bleu::score(corpus({"a b"}, {{"a b c d"}}));
    EXPECT_NEAR(s.corpus[0], std::exp(1.0 - 2.0), 1e-9);
    EXPECT_NEAR(s.corpus[1], std::exp(1.0 - 2.0), 1e-9); // the one bigram matches too
    // Clipping: "the" counts at most as often as in the reference.
    s = Bleu::score(corpus({"the the the the"}, {{"the cat sat down"}}));
    EXPECT_NEAR(s.corpus[0], 0.25, 1e-9);
    // Closest reference length, the shorter one on a tie: length 3 between 2 and 4 → 2, no penalty (with 4 the
    // penalty would be exp(1 - 4/3)); matches are clipped by the maximum count over all references.
    s = Bleu::score(corpus({"x y z"}, {{"x y", "x y z w"}}));
    EXPECT_EQ(s.referenceLength, 2);
    EXPECT_NEAR(s.corpus[0], 1.0, 1e-9);
    s = Bleu::score(corpus({"x y z"}, {{"x y z w"}}));
    EXPECT_NEAR(s.corpus[0], std::exp(1.0 - 4.0 / 3.0), 1e-9);
    // Nothing matches: the 1e-15 / 1e-9 constants give a tiny positive number, not a division by zero.
    s = Bleu::score(corpus({"p q"}, {{"r s"}}));
    EXPECT_GT(s.corpus[0], 0.0);
    EXPECT_LT(s.corpus[0], 1e-5);
    // An empty candidate.
    s = Bleu::score(corpus({""}, {{"r s"}}));
    EXPECT_LT(s.corpus[3], 1e-5);
}

TEST(Rouge, LcsFMeasureWithBeta12)
{
    EXPECT_EQ(Rouge::lcs({1, 2, 3, 4}, {1, 3, 5}), 2u);
    auto s = Rouge::score(corpus({"a b c d"}, {{"a c e"}}));
    const double p = 2.0 / 4, r = 2.0 / 3, b2 = 1.2 * 1.2;
    EXPECT_DOUBLE_EQ(s.corpus, (1 + b2) * p * r / (r + b2 * p));
    // Precision and recall are maximized separately over the references.
    s = Rouge::score(corpus({"a b c d"}, {{"a b", "a b c d e f g h"}})); // P = 1 from one, R = 1 from the other
    EXPECT_DOUBLE_EQ(s.perTrial[0], 1.0);
    s = Rouge::score(corpus({"a b", "x"}, {{"a b"}, {"y"}}));
    EXPECT_DOUBLE_EQ(s.perTrial[0], 1.0);
    EXPECT_DOUBLE_EQ(s.perTrial[1], 0.0);
    EXPECT_DOUBLE_EQ(s.corpus, 0.5);
}

TEST(Cider, IdenticalCaptionsScoreTenAndSharedNgramsWeighNothing)
{
    // Each candidate equals its only reference and shares no n-gram with the other trial: cosine 1 at every order,
    // no length penalty → 10.
    auto s = Cider::score(corpus({"a man riding a wave", "two dogs play in the park"},
                                 {{"a man riding a wave"}, {"two dogs play in the park"}}));
    EXPECT_NEAR(s.perTrial[0], 10.0, 1e-9);
    EXPECT_NEAR(s.perTrial[1], 10.0, 1e-9);
    EXPECT_NEAR(s.corpus, 10.0, 1e-9);
    // With one trial every n-gram is in every reference set: IDF = log(1) - log(1) = 0 and the score is 0.
    s = Cider::score(corpus({"a man riding a wave"}, {{"a man riding a wave"}}));
    EXPECT_EQ(s.corpus, 0.0);
    // Length penalty: one extra word is a bigram-count difference of 1 → factor exp(-1/72) on the orders that match.
    s = Cider::score(corpus({"p q r s", "k l m n"}, {{"p q r s t"}, {"k l m n"}}));
    EXPECT_LT(s.perTrial[0], 10.0 * std::exp(-1.0 / 72.0));
    EXPECT_NEAR(s.perTrial[1], 10.0, 1e-9);
}

namespace {

struct ReferenceRow {
    std::string file;
    std::array<double, 6> values; // BLEU1..4, ROUGE_L, CIDEr
};

// The table "Reference values" of ../shared/brainhub/README.md.
std::vector<ReferenceRow> readmeTable()
{
    std::ifstream in(testsupport::fixture("../brainhub/README.md"));
    std::vector<ReferenceRow> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("| `caption/comparison/", 0) != 0 || line.find("_decoded_caption.json`") == std::string::npos ||
            line.find("<method>") != std::string::npos)
            continue;
        ReferenceRow row;
        std::stringstream cells(line);
        std::string cell;
        std::getline(cells, cell, '|'); // before the first bar
        std::getline(cells, cell, '|');
        const auto open = cell.find('`'), close = cell.rfind('`');
        row.file = cell.substr(open + 1, close - open - 1);
        for (double &v : row.values) {
            std::getline(cells, cell, '|');
            v = std::stod(cell);
        }
        rows.push_back(row);
    }
    return rows;
}

} // namespace

TEST(CaptionMetrics, ReproduceBrainHubReferenceValuesForEveryDecodedFile)
{
    namespace fs = std::filesystem;
    const std::string root = testsupport::fixture("../brainhub");
    const auto rows = readmeTable();
    ASSERT_EQ(rows.size(), 9u) << "README table not found";
    std::map<std::string, std::array<double, 6>> expected;
    for (const auto &row : rows)
        expected[row.file] = row.values;
    // Every decoded-caption file has a row, and every row a file.
    std::size_t files = 0;
    for (const auto &method : fs::directory_iterator(root + "/caption/comparison"))
        for (const auto &file : fs::directory_iterator(method.path())) {
            ++files;
            const std::string relative = fs::relative(file.path(), root).string();
            ASSERT_TRUE(expected.count(relative)) << relative << " has no reference row";
        }
    ASSERT_EQ(files, rows.size());

    const char *names[] = {"BLEU-1", "BLEU-2", "BLEU-3", "BLEU-4", "ROUGE-L", "CIDEr"};
    for (const auto &row : rows) {
        SCOPED_TRACE(row.file);
        const auto result =
            CaptionEvaluation::evaluateFiles(root + "/" + row.file, root + "/caption/fmri_cococap.json");
        ASSERT_EQ(result.ids.size(), 982u);
        EXPECT_EQ(result.referenceCount, 4913u);
        EXPECT_TRUE(result.skipped.empty());
        for (int m = 0; m < 6; ++m)
            EXPECT_NEAR(result.value(names[m]), row.values[m], 1e-6) << names[m];
        // The corpus ROUGE-L and CIDEr are the means of the per-trial scores.
        double rouge = 0, cider = 0;
        for (const auto &t : result.perTrial) {
            rouge += t[4];
            cider += t[5];
        }
        EXPECT_NEAR(rouge / 982, row.values[4], 1e-9);
        EXPECT_NEAR(cider / 982, row.values[5], 1e-9);
    }
}
