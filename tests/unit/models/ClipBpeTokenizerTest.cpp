#include "ParitySupport.h"

#include "vindex/core/Error.h"
#include "vindex/models/ClipBpeTokenizer.h"

#include <gtest/gtest.h>

using testsupport::fixture;
using vindex::models::ClipBpeTokenizer;

namespace {

std::vector<int64_t> row(const at::Tensor &ids, int64_t r)
{
    return testsupport::idsOf(ids[r]);
}

// A tiny vocabulary with a two-byte character, to check the byte characters and the merges independently of the
// fixture's vocabulary.
ClipBpeTokenizer tinyTokenizer(const testsupport::TempDir &dir)
{
    testsupport::writeBytes(dir.file("vocab.json"),
                            R"({"<|startoftext|>": 0, "<|endoftext|>": 1, "a": 2, "b": 3, "a</w>": 4, "b</w>": 5,)"
                            R"( "ab</w>": 6, "\u00c3": 7, "\u00a9</w>": 8, "\u00c3\u00a9</w>": 9, "ab": 10})");
    testsupport::writeBytes(dir.file("merges.txt"), "#version: 0.2\na b</w>\n\xC3\x83 \xC2\xA9</w>\n");
    return ClipBpeTokenizer::load(dir.path().string());
}

} // namespace

TEST(ClipBpeTokenizer, ReproducesTheFixtureIds)
{
    const auto expected = testsupport::readJson(fixture("clip-full-tiny/expected.json"));
    const auto ids = testsupport::expectedTensor("clip-full-tiny", "input_ids");
    const auto mask = testsupport::expectedTensor("clip-full-tiny", "attention_mask");
    const auto tokenizer = ClipBpeTokenizer::load(fixture("clip-full-tiny"));
    EXPECT_EQ(tokenizer.startId(), 0);
    EXPECT_EQ(tokenizer.endId(), 1);
    EXPECT_EQ(tokenizer.vocabSize(), 400);
    ASSERT_EQ(expected["texts"].size(), 5u);
    std::size_t mismatches = 0;
    for (std::size_t t = 0; t < 5; ++t) {
        const std::string text = expected["texts"][t];
        auto ours = tokenizer.encode(text);
        EXPECT_EQ(static_cast<int64_t>(ours.size()), mask[static_cast<int64_t>(t)].sum().item<int64_t>()) << text;
        ours.resize(ClipBpeTokenizer::kContextLength, tokenizer.endId()); // the reference pads with <|endoftext|>
        const auto reference = row(ids, static_cast<int64_t>(t));
        EXPECT_EQ(ours, reference) << text;
        for (std::size_t i = 0; i < reference.size(); ++i)
            mismatches += ours[i] != reference[i];
        // The recorded first tokens, as strings.
        const auto first = expected["tokens"][t].get<std::vector<std::string>>();
        auto tokens = tokenizer.tokens(ours);
        tokens.resize(first.size());
        EXPECT_EQ(tokens, first) << text;
        if (t == 0) // CLIP's decode ends every word with a space, so punctuation comes out detached
            EXPECT_EQ(tokenizer.decode(ours), "a photo depicts a dog sitting on a wooden bench .");
    }
    std::cout << "[ parity   ] clip-full-tiny input_ids: " << mismatches << " of 385 ids differ" << std::endl;
}

TEST(ClipBpeTokenizer, CleansAndLowerCasesLikeClip)
{
    EXPECT_EQ(ClipBpeTokenizer::normalize("  A  Dog\tand\n\nTWO Cats  "), "a dog and two cats");
    EXPECT_EQ(ClipBpeTokenizer::normalize("Fish &amp; chips &#39;n&#x27; more"), "fish & chips 'n' more");
    EXPECT_EQ(ClipBpeTokenizer::normalize("\xE2\x80\x9C"
                                          "A dog\xE2\x80\x99s toy\xE2\x80\x9D"),
              "\"a dog's toy\"");
    EXPECT_EQ(ClipBpeTokenizer::normalize("\xEF\xAC\x81sh \xEF\xBC\xA1\xEF\xBC\xA2"), "fish ab");    // ﬁ, full-width
    EXPECT_EQ(ClipBpeTokenizer::normalize("CAF\xC3\x89\xC2\xA0\xC3\x96L"), "caf\xC3\xA9 \xC3\xB6l"); // É, nbsp, Ö
    EXPECT_EQ(ClipBpeTokenizer::normalize(""), "");
}

TEST(ClipBpeTokenizer, SplitsWithClipsPattern)
{
    using Pieces = std::vector<std::string>;
    EXPECT_EQ(ClipBpeTokenizer::preTokenize("a dog's 123 toys...!? ok"),
              (Pieces{"a", "dog", "'s", "1", "2", "3", "toys", "...!?", "ok"}));
    EXPECT_EQ(ClipBpeTokenizer::preTokenize("they're here, we'll see'x"),
              (Pieces{"they", "'re", "here", ",", "we", "'ll", "see", "'", "x"}));
    EXPECT_EQ(ClipBpeTokenizer::preTokenize("<|endoftext|>x <|startoftext|>"),
              (Pieces{"<|endoftext|>", "x", "<|startoftext|>"}));
    EXPECT_EQ(ClipBpeTokenizer::preTokenize("caf\xC3\xA9-au-lait \xC2\xBD"),
              (Pieces{"caf\xC3\xA9", "-", "au", "-", "lait", "\xC2\xBD"}));
}

TEST(ClipBpeTokenizer, MergesByteCharactersByRank)
{
    testsupport::TempDir dir;
    const auto tokenizer = tinyTokenizer(dir);
    // "é" is the bytes C3 A9 = byte characters "Ã" "©"; "ab" merges at the word end only.
    EXPECT_EQ(tokenizer.encode("AB \xC3\xA9 ba"), (std::vector<int64_t>{0, 6, 9, 3, 4, 1}));
    EXPECT_EQ(tokenizer.decode(tokenizer.encode("AB \xC3\xA9 ba")), "ab \xC3\xA9 ba");
    // Symbols outside the vocabulary become <|endoftext|> (HF's unk), as the reference tokenizer does.
    EXPECT_EQ(tokenizer.encodeWithoutSpecial("c"), (std::vector<int64_t>{1}));
    // <|endoftext|> written in the text is the token itself.
    EXPECT_EQ(tokenizer.encodeWithoutSpecial("a <|endoftext|>"), (std::vector<int64_t>{4, 1}));
}

TEST(ClipBpeTokenizer, TruncatesTo77KeepingTheEndToken)
{
    const auto tokenizer = ClipBpeTokenizer::load(fixture("clip-full-tiny"));
    std::string text;
    for (int i = 0; i < 100; ++i)
        text += "a dog ";
    const auto ids = tokenizer.encode(text);
    ASSERT_EQ(ids.size(), 77u);
    EXPECT_EQ(ids.front(), tokenizer.startId());
    EXPECT_EQ(ids.back(), tokenizer.endId());
    const auto body = tokenizer.encodeWithoutSpecial(text);
    ASSERT_EQ(body.size(), 200u);
    EXPECT_EQ(std::vector<int64_t>(ids.begin() + 1, ids.end() - 1),
              std::vector<int64_t>(body.begin(), body.begin() + 75));
    EXPECT_EQ(tokenizer.encode(text, 5).size(), 5u);
    EXPECT_THROW(tokenizer.encode(text, 1), vindex::Error);
}

TEST(ClipBpeTokenizer, NamesTheFileThatIsMissingOrMalformed)
{
    testsupport::TempDir dir;
    auto expectMessage = [&](const std::string &needle) {
        try {
            ClipBpeTokenizer::load(dir.path().string());
            ADD_FAILURE() << "no error, expected one with " << needle;
        } catch (const vindex::FormatError &e) {
            EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
        }
    };
    expectMessage(dir.file("vocab.json") + ": is missing");
    testsupport::writeBytes(dir.file("vocab.json"), R"({"<|startoftext|>": 0, "<|endoftext|>": 1, "a": 2})");
    expectMessage(dir.file("merges.txt") + ": is missing");
    testsupport::writeBytes(dir.file("merges.txt"), "#version: 0.2\na b\nabc\n");
    expectMessage(dir.file("merges.txt") + ": line 3 is not a merge of two symbols ('abc')");
    testsupport::writeBytes(dir.file("merges.txt"), "#version: 0.2\na b\n");
    testsupport::writeBytes(dir.file("vocab.json"), R"({"a": 2})");
    expectMessage(dir.file("vocab.json") + ": has no <|startoftext|> token");
    testsupport::writeBytes(dir.file("vocab.json"), R"(["a"])");
    expectMessage(dir.file("vocab.json") + ": expected a JSON object");
    testsupport::writeBytes(dir.file("vocab.json"), R"({"a": "x"})");
    expectMessage("the id of token 'a' is not an integer");
}
