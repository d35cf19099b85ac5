#include "ParitySupport.h"

#include "vindex/core/Error.h"
#include "vindex/models/Tokenizer.h"

#include <gtest/gtest.h>

using namespace vindex::models;
using testsupport::fixture;

namespace {

std::vector<int64_t> idsOf(const nlohmann::json &json)
{
    return json.get<std::vector<int64_t>>();
}

} // namespace

TEST(Tokenizer, EncodesLikeSentencePiece)
{
    const auto expected = testsupport::readJson(fixture("llava-tiny/expected.json"));
    const auto tokenizer = Tokenizer::load(fixture("tokenizer"));
    EXPECT_EQ(tokenizer.bosId(), 1);
    EXPECT_EQ(tokenizer.eosId(), 2);
    EXPECT_EQ(tokenizer.unkId(), 0);
    EXPECT_EQ(tokenizer.vocabSize(), 512);
    ASSERT_EQ(expected["tokenize"].size(), 6u);
    for (const auto &[text, ids] : expected["tokenize"].items()) {
        EXPECT_EQ(tokenizer.encode(text, false), idsOf(ids)) << text;
        auto withBos = idsOf(ids);
        withBos.insert(withBos.begin(), 1);
        EXPECT_EQ(tokenizer.encode(text), withBos) << text;
    }
    for (const auto &[text, pieces] : expected["pieces"].items())
        EXPECT_EQ(tokenizer.pieces(text), pieces.get<std::vector<std::string>>()) << text;
}

TEST(Tokenizer, SplicesTheImagePlaceholderLikeLlava)
{
    const auto expected = testsupport::readJson(fixture("llava-tiny/expected.json"));
    const auto tokenizer = Tokenizer::load(fixture("llava-tiny"));
    EXPECT_EQ(tokenizer.encodeWithPlaceholder(expected["prompt"].get<std::string>()),
              idsOf(expected["input_ids_with_image"]));
    // No marker: the plain encoding.
    EXPECT_EQ(tokenizer.encodeWithPlaceholder("A dog"), tokenizer.encode("A dog"));
    // A marker at the start: BOS, then the placeholder.
    const auto leading = tokenizer.encodeWithPlaceholder("<image>\nhi");
    ASSERT_GE(leading.size(), 2u);
    EXPECT_EQ(leading[0], 1);
    EXPECT_EQ(leading[1], -200);
}

TEST(Tokenizer, MatchesTheHuggingFaceReference)
{
    const auto hf = testsupport::readJson(fixture("tokenizer-hf/expected.json"));
    const auto llava = testsupport::readJson(fixture("llava-tiny/expected.json"));
    auto tokenizer = Tokenizer::load(fixture("tokenizer"));
    for (const auto &[caseName, reference] : hf["cases"].items()) {
        SCOPED_TRACE(caseName);
        EXPECT_EQ(tokenizer.vocabSize(), reference["vocab_size"].get<int64_t>());
        for (const auto &[text, ids] : reference["texts"].items()) {
            auto expectedIds = idsOf(ids);
            // transformers 5 drops one dummy-prefix piece for text starting with spaces; the method's reference
            // (slow tokenizer = sentencepiece) keeps it, and so do we (fixtures README).
            if (text.rfind(" ", 0) == 0) {
                auto sp = idsOf(llava["tokenize"][text]);
                sp.insert(sp.begin(), 1);
                EXPECT_EQ(sp.size(), expectedIds.size() + 1) << text;
                expectedIds = sp;
            }
            EXPECT_EQ(tokenizer.encode(text), expectedIds) << text;
            // Decoding HF's own ids gives HF's round-trip text.
            EXPECT_EQ(tokenizer.decode(idsOf(ids)), reference["decode_roundtrip"][text].get<std::string>()) << text;
            EXPECT_EQ(tokenizer.decode(tokenizer.encode(text)), text) << text;
        }
        // LLaVA prompt chunks (each a fresh sequence with BOS).
        const std::string prompt = hf["llava_prompt"];
        const auto at = prompt.find("<image>");
        const auto &chunks = reference["llava_chunks"];
        EXPECT_EQ(tokenizer.encode(prompt.substr(0, at)), idsOf(chunks[0]));
        EXPECT_EQ(tokenizer.encode(prompt.substr(at + 7)), idsOf(chunks[1]));
    }
    // Shikra's tokens added as special tokens get the next ids and split the text.
    EXPECT_EQ(tokenizer.addTokens({"<im_patch>", "<im_start>", "<im_end>"}, true),
              idsOf(hf["cases"]["legacy_True"]["added_ids"]));
    EXPECT_EQ(tokenizer.vocabSize(), 515);
    for (const auto &[caseName, reference] : hf["cases"].items())
        EXPECT_EQ(tokenizer.encode(hf["shikra_prompt"].get<std::string>()), idsOf(reference["shikra_prompt_ids"]))
            << caseName;
    EXPECT_EQ(tokenizer.idOf("<im_start>"), 513);
    EXPECT_EQ(tokenizer.pieces("a<im_end>b"), (std::vector<std::string>{"▁a", "<im_end>", "b"}));
}

TEST(Tokenizer, LoadsAddedTokensFromTheCheckpointFolder)
{
    const auto hf = testsupport::readJson(fixture("tokenizer-hf/expected.json"));
    const auto shikra = Tokenizer::load(fixture("shikra-tiny"));
    EXPECT_EQ(shikra.vocabSize(), 515);
    EXPECT_EQ(shikra.idOf("<im_patch>"), 512);
    EXPECT_EQ(shikra.idOf("<im_start>"), 513);
    EXPECT_EQ(shikra.idOf("<im_end>"), 514);
    EXPECT_EQ(shikra.encode(hf["shikra_prompt"].get<std::string>()),
              idsOf(hf["cases"]["legacy_False"]["shikra_prompt_ids"]));

    const auto llavaHf = Tokenizer::load(fixture("llava-hf-tiny"));
    EXPECT_EQ(llavaHf.vocabSize(), 514);
    EXPECT_EQ(llavaHf.idOf("<image>"), 512);
    EXPECT_EQ(llavaHf.idOf("<pad>"), 513);
    const auto ids = llavaHf.encode("USER: <image>\nHi");
    EXPECT_EQ(std::count(ids.begin(), ids.end(), 512), 1);
    EXPECT_EQ(llavaHf.decode(ids), "USER: \nHi");
    // Kept special tokens are written as they are; only the very first dummy space is removed (HF fast decode).
    EXPECT_EQ(llavaHf.decode(ids, false), "<s> USER: <image>\nHi");

    EXPECT_THROW(shikra.idOf("<nope>"), vindex::ModelError);
    EXPECT_FALSE(shikra.findId("<nope>").has_value());
    EXPECT_EQ(shikra.findId("<unk>"), 0);
    EXPECT_THROW(Tokenizer::load(fixture("clip-vit-tiny")), vindex::FormatError);
}

TEST(Tokenizer, LegacySpacingReproducesTheShikraPromptIds)
{
    const auto shikraExpected = testsupport::readJson(fixture("shikra-tiny/expected.json"));
    auto shikra = Tokenizer::load(fixture("shikra-tiny"));
    shikra.setSpacing(Tokenizer::Spacing::Legacy);
    EXPECT_EQ(shikra.encode(shikraExpected["prompt"].get<std::string>()), idsOf(shikraExpected["input_ids"]));
}

TEST(Tokenizer, DecodesTheReferenceGenerations)
{
    const auto expected = testsupport::readJson(fixture("llava-tiny/expected.json"));
    const auto tokenizer = Tokenizer::load(fixture("llava-tiny"));
    const auto generated = testsupport::idsOf(testsupport::expectedTensor("llava-tiny", "generated"));
    EXPECT_EQ(tokenizer.decode(generated), expected["generated_text"].get<std::string>());
    const auto brain = testsupport::idsOf(testsupport::expectedTensor("llava-tiny", "brain_generated"));
    EXPECT_EQ(tokenizer.decode(brain), expected["brain_generated_text"].get<std::string>());
    // Incomplete UTF-8 byte pieces become U+FFFD.
    EXPECT_EQ(tokenizer.decode({454, 232, 176}), "\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(tokenizer.decode({454, 232, 176, 154}), "字");
}

TEST(Tokenizer, RejectsBrokenModelFiles)
{
    const std::string model = testsupport::readBytes(fixture("tokenizer/tokenizer.model"));
    testsupport::TempDir dir;
    for (const std::size_t keep : {std::size_t(0), std::size_t(3), model.size() / 2, model.size() - 1}) {
        testsupport::writeBytes(dir.file("tokenizer.model"), model.substr(0, keep));
        EXPECT_THROW(Tokenizer::load(dir.path().string()), vindex::FormatError) << keep;
    }
    testsupport::writeBytes(dir.file("tokenizer.model"), model);
    testsupport::writeBytes(dir.file("added_tokens.json"), "{\"<x>\": \"five\"}");
    EXPECT_THROW(Tokenizer::load(dir.path().string()), vindex::FormatError);
    testsupport::writeBytes(dir.file("added_tokens.json"), "{\"<x>\": 600}");
    EXPECT_EQ(Tokenizer::load(dir.path().string()).vocabSize(), 601);
}

TEST(Tokenizer, SurvivesMutatedModelFiles)
{
    // Flipped bytes anywhere in tokenizer.model: a clean error or a usable tokenizer, never a crash or a hang.
    const std::string model = testsupport::readBytes(fixture("tokenizer/tokenizer.model"));
    testsupport::TempDir dir;
    uint32_t state = 12345;
    const auto next = [&] { return state = state * 1664525u + 1013904223u; };
    int loaded = 0;
    for (int round = 0; round < 200; ++round) {
        std::string bytes = model;
        for (int flips = 1 + next() % 4; flips > 0; --flips)
            bytes[next() % bytes.size()] = static_cast<char>(next() >> 24);
        testsupport::writeBytes(dir.file("tokenizer.model"), bytes);
        try {
            const auto tokenizer = Tokenizer::load(dir.path().string());
            const auto ids = tokenizer.encode("A dog sitting on a wooden bench. ünïcödé → 字 </s>");
            tokenizer.decode(ids, false);
            ++loaded;
        } catch (const vindex::Error &) {
        }
    }
    EXPECT_GT(loaded, 0);
}
