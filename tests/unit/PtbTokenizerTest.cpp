// PtbTokenizer: the Stanford PTB tokenizer as pycocoevalcap runs it. Expected tokens follow the Penn Treebank
// tokenization conventions and CoreNLP's documented behaviour (contractions split, "cannot" → "can not", quotes →
// `` '' ` ', brackets → -LRB- ..., abbreviations keep their period), not our own output.
#include "TestSupport.h"

#include "vindex/eval/PtbTokenizer.h"

#include <gtest/gtest.h>

#include <filesystem>

using vindex::eval::PtbTokenizer;

namespace {

std::string joined(const std::vector<std::string> &tokens)
{
    std::string s;
    for (const auto &t : tokens)
        s += (s.empty() ? "" : " ") + t;
    return s;
}

std::string ptb(const std::string &text)
{
    PtbTokenizer tokenizer;
    return joined(tokenizer.ptbTokens(text));
}

} // namespace

TEST(PtbTokenizer, SplitsContractionsTheTreebankWay)
{
    EXPECT_EQ(ptb("I don't think they're here."), "i do n't think they 're here .");
    EXPECT_EQ(ptb("We can't, won't, didn't."), "we ca n't , wo n't , did n't .");
    EXPECT_EQ(ptb("She'll say I'm sure he'd've known"), "she 'll say i 'm sure he 'd 've known");
    EXPECT_EQ(ptb("John's dog isn't Mary's"), "john 's dog is n't mary 's");
    EXPECT_EQ(ptb("It's"), "it 's"); // the contraction at the very end of the text
}

TEST(PtbTokenizer, SplitsAssimilations)
{
    EXPECT_EQ(ptb("You cannot go"), "you can not go");
    EXPECT_EQ(ptb("Cannot"), "can not");
    EXPECT_EQ(ptb("gonna wanna gotta"), "gon na wan na got ta");
    EXPECT_EQ(ptb("'Tis"), "'t is");
}

TEST(PtbTokenizer, KeepsWordsWithApostrophesThatAreNotContractions)
{
    EXPECT_EQ(ptb("o'clock"), "o'clock");
    EXPECT_EQ(ptb("O'Neill"), "o'neill");
    EXPECT_EQ(ptb("rock 'n' roll"), "rock 'n' roll");
}

TEST(PtbTokenizer, NormalizesQuotesToLatexStyle)
{
    EXPECT_EQ(ptb("He said \"hello\" twice"), "he said `` hello '' twice");
    EXPECT_EQ(ptb("a sign that says \" go \""), "a sign that says '' go ''"); // no word right after: closing
    EXPECT_EQ(ptb("the 'best' one"), "the ` best ' one");
    EXPECT_EQ(ptb("\xE2\x80\x9C"
                  "big\xE2\x80\x9D \xE2\x80\x98small\xE2\x80\x99"),
              "`` big '' ` small '");
}

TEST(PtbTokenizer, TurnsBracketsIntoPtbNames)
{
    EXPECT_EQ(ptb("(in brackets) [square] {curly}"), "-lrb- in brackets -rrb- -lsb- square -rsb- -lcb- curly -rcb-");
}

TEST(PtbTokenizer, KeepsHyphenatedWordsAndNumbersWhole)
{
    EXPECT_EQ(ptb("a t-shirt at a 4-way stop"), "a t-shirt at a 4-way stop");
    EXPECT_EQ(ptb("1,000 people paid $3.50 at 2:20"), "1,000 people paid $ 3.50 at 2:20");
    EXPECT_EQ(ptb("a 9/11 memorial"), "a 9/11 memorial");
    EXPECT_EQ(ptb("black/white"), "black/white"); // slashes are not escaped with these options
    EXPECT_EQ(ptb("hall_home"), "hall_home");
    EXPECT_EQ(ptb("the 1990s"), "the 1990s");
}

TEST(PtbTokenizer, SeparatesPunctuationDashesAndEllipses)
{
    EXPECT_EQ(ptb("wait... what?!"), "wait ... what ?!");
    EXPECT_EQ(ptb("spaced . . . dots"), "spaced ... dots");
    EXPECT_EQ(ptb("a - b -- c --- d ----- e"), "a - b -- c -- d ----- e");
    EXPECT_EQ(ptb("em\xE2\x80\x94"
                  "dash and en\xE2\x80\x93"
                  "dash"),
              "em -- dash and en -- dash");
    EXPECT_EQ(ptb("plate.."), "plate . .");
    EXPECT_EQ(ptb("one; two: three,"), "one ; two : three ,");
}

TEST(PtbTokenizer, KeepsThePeriodOfAbbreviations)
{
    EXPECT_EQ(ptb("Mr. Smith on Main St. at 5 p.m. in the U.S. capital"),
              "mr. smith on main st. at 5 p.m. in the u.s. capital");
    EXPECT_EQ(ptb("e.g. this"), "e.g. this");
    // Before a sentence start an acronym gives its period again as a sentence end.
    EXPECT_EQ(ptb("in the U.S. The end"), "in the u.s. . the end");
    // An abbreviation that usually ends a sentence, at the end of the text: the same.
    EXPECT_EQ(ptb("apples, pears etc."), "apples , pears etc. .");
    // A single capital with a period is an initial ...
    EXPECT_EQ(ptb("A."), "a.");
    // ... unless a sentence starts after it.
    EXPECT_EQ(ptb("A. The man"), "a . the man");
}

TEST(PtbTokenizer, HandlesSymbolsAndUnicode)
{
    EXPECT_EQ(ptb("a caf\xC3\xA9 & bar"), "a caf\xC3\xA9 & bar");
    EXPECT_EQ(ptb("\xC3\x9C"
                  "BER"),
              "\xC3\xBC"
              "ber");
    EXPECT_EQ(ptb("maid\xE2\x84\xA2"), "maid \xE2\x84\xA2"); // ™ is a symbol token of its own
    EXPECT_EQ(ptb("a \xC2\xBD cup"), "a 1/2 cup");
    EXPECT_EQ(ptb("1 1/2 cups"), "1\xC2\xA0"
                                 "1/2 cups"); // a fraction keeps its space as U+00A0
    EXPECT_EQ(ptb("foo@bar.com www.example.com"), "foo@bar.com www.example.com");
}

TEST(PtbTokenizer, DropsPycocoevalcapsPunctuationList)
{
    PtbTokenizer tokenizer;
    EXPECT_EQ(tokenizer.tokenize("A man riding a wave on top of a surfboard."),
              "a man riding a wave on top of a surfboard");
    EXPECT_EQ(tokenizer.tokenize("The book, \"International Money and Finance\", sitting on someone's bed."),
              "the book international money and finance sitting on someone 's bed");
    // After lower-casing "-LRB-" is "-lrb-", which is not in the (case-sensitive) list: brackets stay.
    EXPECT_EQ(tokenizer.tokenize("a dog (brown)"), "a dog -lrb- brown -rrb-");
    EXPECT_EQ(tokenizer.tokenize("What?! ... ; : -- `` ''"), "what ?!"); // "?!" is not in the list either
    EXPECT_EQ(tokenizer.tokenize(""), "");
    EXPECT_TRUE(PtbTokenizer::isPunctuation("..."));
    EXPECT_FALSE(PtbTokenizer::isPunctuation("-lrb-"));
    EXPECT_EQ(PtbTokenizer::punctuation().size(), 17u);
}

TEST(PtbTokenizer, TokenizesLinesAsOneStream)
{
    PtbTokenizer tokenizer;
    // The jar sees all captions as one file: the initial "A." ends a sentence when the next line starts one.
    EXPECT_EQ(tokenizer.tokenizeLines({"A.", "A man on a horse."}),
              (std::vector<std::string>{"a", "a man on a horse"}));
    EXPECT_EQ(tokenizer.tokenizeLines({"A.", "two men."}), (std::vector<std::string>{"a.", "two men"}));
    // Newlines inside a caption are spaces (pycocoevalcap replaces them before writing the lines).
    EXPECT_EQ(tokenizer.tokenizeLines({"two\nlines\n", "next"}), (std::vector<std::string>{"two lines", "next"}));
    // Other line-end characters cannot shift the captions.
    EXPECT_EQ(tokenizer.tokenizeLines({"a\rb",
                                       "c\xE2\x80\xA8"
                                       "d",
                                       "e"}),
              (std::vector<std::string>{"a b", "c d", "e"}));
}

TEST(PtbTokenizer, TokenizesBrainHubCaptionsLikeTheJar)
{
    PtbTokenizer tokenizer;
    // Captions from ../shared/brainhub (references and decoded files) with their PTB tokenization.
    EXPECT_EQ(tokenizer.tokenize("The surfer's rides the crest of  a beautiful breaking wave, but he's doing down  !"),
              "the surfer 's rides the crest of a beautiful breaking wave but he 's doing down");
    EXPECT_EQ(tokenizer.tokenize("Close up of a stop sign with a \"4-way\" sign under it."),
              "close up of a stop sign with a 4-way sign under it");
    EXPECT_EQ(tokenizer.tokenize("A Clock with hands at 2:20 mark with Uncle Bills plaque on top."),
              "a clock with hands at 2:20 mark with uncle bills plaque on top");
    EXPECT_EQ(tokenizer.tokenize("Three dogs in black, white, and black/white colors running"),
              "three dogs in black white and black/white colors running");
    EXPECT_EQ(tokenizer.tokenize("a dog in front of the words,'what's your name? '"),
              "a dog in front of the words what 's your name");
    EXPECT_EQ(tokenizer.tokenize("a person wearing a shirt that says ` `'', and a man in"),
              "a person wearing a shirt that says and a man in");
    EXPECT_EQ(tokenizer.tokenize("the interior design - ike ike _ la interior _ hall _ home _ living _"),
              "the interior design ike ike _ la interior _ hall _ home _ living _");
    EXPECT_EQ(tokenizer.tokenize("severals's original variety, a $ plate - of traditional french plates of"),
              "severals 's original variety a $ plate of traditional french plates of");
    EXPECT_EQ(tokenizer.tokenize("The Shrine of St."), "the shrine of st.");
    EXPECT_EQ(tokenizer.tokenize("A group `of skiers standing at the bottom of the slope"),
              "a group of skiers standing at the bottom of the slope");
}

TEST(PtbTokenizer, EveryBrainHubCaptionTokenizesToCleanLowerCaseTokens)
{
    namespace fs = std::filesystem;
    const std::string root = testsupport::fixture("../brainhub/caption");
    std::vector<std::string> captions;
    const auto references = testsupport::readJson(root + "/fmri_cococap.json");
    for (const auto &[id, refs] : references.items())
        for (const auto &r : refs)
            captions.push_back(r.get<std::string>());
    std::size_t files = 0;
    for (const auto &method : fs::directory_iterator(root + "/comparison"))
        for (const auto &file : fs::directory_iterator(method.path())) {
            ++files;
            const auto decoded = testsupport::readJson(file.path().string());
            for (const auto &[id, c] : decoded.items())
                captions.push_back(c.get<std::string>());
        }
    ASSERT_EQ(files, 9u);
    ASSERT_EQ(captions.size(), 4913u + 9u * 982u);
    PtbTokenizer tokenizer;
    const auto lines = tokenizer.tokenizeLines(captions);
    ASSERT_EQ(lines.size(), captions.size());
    std::size_t words = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        SCOPED_TRACE(captions[i]);
        EXPECT_FALSE(lines[i].empty());
        EXPECT_EQ(lines[i].find("  "), std::string::npos);
        std::size_t start = 0;
        while (start <= lines[i].size()) {
            auto end = lines[i].find(' ', start);
            if (end == std::string::npos)
                end = lines[i].size();
            const std::string token = lines[i].substr(start, end - start);
            EXPECT_FALSE(token.empty());
            EXPECT_FALSE(PtbTokenizer::isPunctuation(token)) << token;
            for (char c : token)
                EXPECT_FALSE(c >= 'A' && c <= 'Z') << token;
            ++words;
            start = end + 1;
        }
    }
    EXPECT_GT(words, 100000u);
    EXPECT_EQ(tokenizer.untokenizableCount(), 0u);
}
