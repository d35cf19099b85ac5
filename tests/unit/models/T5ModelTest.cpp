// Parity of T5 (encoder, cached decoder, lm_head), beam search, the T5 tokenizer and the FACTUAL scene-graph parser
// with transformers / sentencepiece / FactualSceneGraph on the tiny random models of tests/fixtures/t5-tiny
// (made by tests/reference/make_t5_fixture.py).
#include "ParitySupport.h"

#include "vindex/core/Error.h"
#include "vindex/models/BeamSearch.h"
#include "vindex/models/FactualSceneGraphParser.h"
#include "vindex/models/SceneGraphParsing.h"
#include "vindex/models/T5Model.h"
#include "vindex/models/T5Tokenizer.h"

#include <gtest/gtest.h>

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <filesystem>
#include <fstream>

using namespace vindex::models;
using testsupport::errorOf;
using testsupport::projectFixture;

namespace fs = std::filesystem;

namespace {

const std::string kFixture = projectFixture("t5-tiny");
// Hidden states: 1e-4 absolute. Logits: 1e-4 relative to the largest logit (the gated model's reach 64, where
// float32 summation-order differences alone give a few 1e-4 absolute).
constexpr double kTolerance = 1e-4;

const nlohmann::json &expected()
{
    static const nlohmann::json json = testsupport::readJson(kFixture + "/expected.json");
    return json;
}

at::Tensor expectedTensor(const std::string &name)
{
    return testsupport::expectedTensor(kFixture, name);
}

at::Tensor idTensor(const nlohmann::json &rows)
{
    std::vector<at::Tensor> list;
    for (const auto &row : rows)
        list.push_back(at::tensor(row.get<std::vector<int64_t>>(), at::kLong));
    return at::stack(list);
}

// A T5 folder as a user has it: the model's files plus spiece.model (kept once at the fixture's root).
struct T5Folder {
    explicit T5Folder(const std::string &model)
    {
        for (const auto &name : {"config.json", "generation_config.json", "model.safetensors"})
            fs::copy_file(kFixture + "/" + model + "/" + name, dir.file(name));
        fs::copy_file(kFixture + "/spiece.model", dir.file("spiece.model"));
    }
    std::string path() const { return dir.path().string(); }
    testsupport::TempDir dir;
};

std::unique_ptr<T5Model> loadModel(const std::string &name)
{
    return T5Model::load(kFixture + "/" + name, Compute{});
}

} // namespace

TEST(T5Tokenizer, EncodesLikeTransformersAndSentencePiece)
{
    const auto tokenizer = T5Tokenizer::fromModelFile(kFixture + "/spiece.model");
    EXPECT_EQ(tokenizer.vocabSize(), expected()["vocab_size"].get<int64_t>());
    EXPECT_EQ(tokenizer.pieceCount(), expected()["sp_size"].get<int64_t>());
    for (const auto &c : expected()["tokenizer"]) {
        const auto text = c["text"].get<std::string>();
        const auto ids = tokenizer.encode(text);
        EXPECT_EQ(ids, c["hf_ids"].get<std::vector<int64_t>>()) << text;
        if (text.find('<') == std::string::npos) // sentencepiece itself knows no special tokens in text
            EXPECT_EQ(ids, c["spm_ids"].get<std::vector<int64_t>>()) << text;
        EXPECT_EQ(tokenizer.decode(ids), c["hf_decoded"].get<std::string>()) << text;
    }
    for (const auto &c : expected()["decode"])
        EXPECT_EQ(tokenizer.decode(c["ids"].get<std::vector<int64_t>>()), c["text"].get<std::string>());
    EXPECT_EQ(tokenizer.findId("<extra_id_0>"), tokenizer.vocabSize() - 1);
    EXPECT_EQ(tokenizer.pieceOf(tokenizer.vocabSize() - 100), "<extra_id_99>");
}

TEST(T5Tokenizer, RejectsMissingSpieceNamingIt)
{
    testsupport::TempDir dir;
    const auto message = errorOf([&] { T5Tokenizer::load(dir.path().string()); });
    EXPECT_NE(message.find("spiece.model"), std::string::npos) << message;
}

TEST(T5Model, EncoderAndDecoderMatchTransformers)
{
    at::NoGradGuard noGrad;
    const auto ids = idTensor(expected()["input_ids"]);
    const auto mask = idTensor(expected()["attention_mask"]);
    const auto decoderIds =
        at::tensor(std::vector<int64_t>{0, 5, 9, 4, 90, 7, 1, 30, 8, 60, 11, 3}).unsqueeze(0).repeat({3, 1});
    for (const std::string name : {"gated", "relu"}) {
        SCOPED_TRACE(name);
        const auto model = loadModel(name);
        EXPECT_EQ(model->config().gated, name == "gated");
        EXPECT_EQ(model->config().scaleDecoderOutputs, name == "relu");
        const auto hidden = model->encode(ids, mask);
        EXPECT_LE(testsupport::maxAbsError(hidden, expectedTensor(name + ".encoder")), kTolerance);

        const auto logits = model->forward(ids.slice(0, 0, 3), mask.slice(0, 0, 3), decoderIds);
        const auto reference = expectedTensor(name + ".logits");
        const double logitTolerance = kTolerance * testsupport::magnitude(reference);
        EXPECT_LE(testsupport::maxAbsError(logits, reference), logitTolerance);

        // One token at a time through the cache gives the same logits.
        auto cache = model->startDecoding(model->encode(ids.slice(0, 0, 3), mask.slice(0, 0, 3)), mask.slice(0, 0, 3));
        std::vector<at::Tensor> steps;
        for (int64_t t = 0; t < decoderIds.size(1); ++t)
            steps.push_back(model->decode(cache, decoderIds.slice(1, t, t + 1)));
        EXPECT_LE(testsupport::maxAbsError(at::cat(steps, 1), reference), logitTolerance);

        auto first = model->startDecoding(hidden, mask);
        const auto firstLogits = model->decode(first, at::zeros({ids.size(0), 1}, at::kLong)).select(1, 0);
        const auto firstReference = expectedTensor(name + ".first_logits");
        EXPECT_LE(testsupport::maxAbsError(firstLogits, firstReference),
                  kTolerance * testsupport::magnitude(firstReference));
    }
}

TEST(T5Model, BeamSearchMatchesGenerate)
{
    at::NoGradGuard noGrad;
    const auto ids = idTensor(expected()["input_ids"]);
    const auto mask = idTensor(expected()["attention_mask"]);
    for (const std::string name : {"gated", "relu"})
        for (const bool dropFinished : {false, true}) {
            SCOPED_TRACE(name + (dropFinished ? ", finished rows leave the batch" : ", all rows to the end"));
            const auto model = loadModel(name);
            const int64_t K = 5;
            auto cache =
                model->startDecoding(model->encode(ids, mask).repeat_interleave(K, 0), mask.repeat_interleave(K, 0));
            BeamSearch::Settings settings; // FACTUAL: num_beams 5, max_length 128, early_stopping True
            const auto next = [&](const at::Tensor &last, int64_t) { return model->decode(cache, last).select(1, -1); };
            const auto result =
                dropFinished ? BeamSearch(settings).run(
                                   at::zeros({ids.size(0), 1}, at::kLong), next,
                                   [&](const at::Tensor &beamIndex) { cache.reorderBeams(beamIndex); },
                                   [&](const at::Tensor &keptRows) { cache.reorder(keptRows); })
                             : BeamSearch(settings).run(at::zeros({ids.size(0), 1}, at::kLong), next,
                                                        [&](const at::Tensor &beamIndex) { cache.reorder(beamIndex); });
            const auto &reference = expected()[name];
            const auto sequences = reference["generate_sequences"];
            ASSERT_EQ(result.sequences.size(0), static_cast<int64_t>(sequences.size()));
            for (std::size_t b = 0; b < sequences.size(); ++b) {
                EXPECT_EQ(testsupport::idsOf(result.sequences[static_cast<int64_t>(b)]),
                          sequences[b].get<std::vector<int64_t>>())
                    << "row " << b;
                EXPECT_NEAR(result.scores[static_cast<int64_t>(b)].item<double>(),
                            reference["generate_scores"][b].get<double>(), kTolerance)
                    << "row " << b;
            }
            // The fixture's beams are not the greedy choices (otherwise this test would not see beam search at work).
            EXPECT_NE(sequences, reference["greedy_sequences"]);
        }
}

TEST(FactualSceneGraphParser, ParsesAsTheFactualPackage)
{
    const T5Folder folder("gated");
    const auto &sentences = expected()["parse_v073"]["sentences"].get<std::vector<std::string>>();
    const auto parser = loadSceneGraphParser(folder.path());
    EXPECT_EQ(parser->parse(sentences), expected()["parse_v073"]["texts"].get<std::vector<std::string>>());
    EXPECT_EQ(parser->source(), folder.path());

    FactualSceneGraphParser::Options small;
    small.batchSize = 3;
    EXPECT_EQ(FactualSceneGraphParser(folder.path(), Compute{}, small).parse(sentences),
              expected()["parse_v073_batch3"]["texts"].get<std::vector<std::string>>());
    // Descriptions of three sentences, generated in batches that mix them: each prompt truncated as in its own
    // description's batch, so the same texts as the package's batches of three.
    std::vector<std::vector<std::string>> descriptions;
    for (std::size_t first = 0; first < sentences.size(); first += 3)
        descriptions.emplace_back(sentences.begin() + static_cast<std::ptrdiff_t>(first),
                                  sentences.begin() +
                                      static_cast<std::ptrdiff_t>(std::min(sentences.size(), first + 3)));
    std::vector<std::string> mixed;
    for (const auto &texts : parser->parseDescriptions(descriptions))
        mixed.insert(mixed.end(), texts.begin(), texts.end());
    EXPECT_EQ(mixed, expected()["parse_v073_batch3"]["texts"].get<std::vector<std::string>>());
    FactualSceneGraphParser::Options old;
    old.inputRule = FactualSceneGraphParser::InputRule::Release05;
    EXPECT_EQ(FactualSceneGraphParser(folder.path(), Compute{}, old).parse(sentences),
              expected()["parse_v05"]["texts"].get<std::vector<std::string>>());
    EXPECT_TRUE(parser->parse({}).empty());
}

TEST(FactualSceneGraphParser, FormatsGraphsAsTheFactualPackage)
{
    for (const auto &c : expected()["graph_format"])
        EXPECT_EQ(FactualSceneGraphParser::formatGraph(c["text"].get<std::string>()), c["formatted"].get<std::string>())
            << c["text"];
}

TEST(FactualSceneGraphParser, RefusesFoldersThatAreNotT5)
{
    testsupport::TempDir dir;
    EXPECT_NE(errorOf([&] { loadSceneGraphParser(dir.path().string()); }).find("config.json"), std::string::npos);
    std::ofstream(dir.file("config.json")) << R"({"model_type": "bert"})";
    const auto message = errorOf([&] { loadSceneGraphParser(dir.path().string()); });
    EXPECT_NE(message.find("config.json"), std::string::npos) << message;
    EXPECT_NE(message.find("bert"), std::string::npos) << message;
    EXPECT_NE(errorOf([&] { loadSceneGraphParser(dir.file("absent")); }).find("absent"), std::string::npos);

    const T5Folder folder("relu");
    fs::remove(folder.dir.file("spiece.model"));
    EXPECT_NE(errorOf([&] { loadSceneGraphParser(folder.path()); }).find("spiece.model"), std::string::npos);
}
