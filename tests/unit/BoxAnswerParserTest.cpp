// Shikra's answer formats as PlainBoxFormatter writes them and its extract() / extract_point() read them. Expected
// values are written by hand from the reference pattern
//   \[\d(?:\.\d*)?(?:,\d(?:\.\d*)?){3}(?:;\d(?:\.\d*)?(?:,\d(?:\.\d*)?){3})*\]   (points: {1} instead of {3})
// and Python's float(); one test also runs that pattern itself (std::regex, ECMAScript has the same meaning for it)
// over random strings as an oracle for which bracket pairs match.
#include "vindex/decode/BoxAnswerParser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <regex>
#include <tuple>

using vindex::decode::Box;
using vindex::decode::BoxAnswerParser;
using vindex::decode::BracketGroup;
using vindex::decode::Point;

namespace {

// The single skip reason of an answer that should yield nothing.
std::string onlySkipReason(const std::string &answer)
{
    const auto parsed = BoxAnswerParser::parse(answer);
    EXPECT_TRUE(parsed.groups.empty()) << answer;
    EXPECT_EQ(parsed.skipped.size(), 1u) << answer;
    return parsed.skipped.empty() ? std::string() : parsed.skipped.front().reason;
}

} // namespace

TEST(BoxAnswerParser, SingleBox)
{
    const auto parsed = BoxAnswerParser::parse("[0.123,0.456,0.789,0.999]");
    ASSERT_EQ(parsed.groups.size(), 1u);
    const BracketGroup &group = parsed.groups[0];
    EXPECT_EQ(group.kind, BracketGroup::Kind::Boxes);
    EXPECT_EQ(group.offset, 0u);
    EXPECT_EQ(group.length, 25u);
    ASSERT_EQ(group.boxes.size(), 1u);
    EXPECT_EQ(group.boxes[0], (Box{0.123, 0.456, 0.789, 0.999}));
    EXPECT_FALSE(group.outOfRange);
    EXPECT_TRUE(parsed.skipped.empty());
    EXPECT_TRUE(parsed.hasBoxes());
}

TEST(BoxAnswerParser, AnswerTargetOfTheRecTemplate)
{
    // Shikra's REC target "Answer: <boxes> ." and the shape of a decoded reply with its special tokens.
    const auto parsed = BoxAnswerParser::parse("Answer: [0.123,0.456,0.789,0.999] .");
    ASSERT_EQ(parsed.groups.size(), 1u);
    EXPECT_EQ(parsed.groups[0].offset, 8u);
    EXPECT_EQ(parsed.boxAnswers(), (std::vector<std::vector<Box>>{{{0.123, 0.456, 0.789, 0.999}}}));

    const auto reply = BoxAnswerParser::parse("<s> Answer: [0.034,0.284,0.268,0.41] .</s>");
    EXPECT_EQ(reply.boxAnswers(), (std::vector<std::vector<Box>>{{{0.034, 0.284, 0.268, 0.41}}}));
}

TEST(BoxAnswerParser, SeveralBoxesInOneBracketPair)
{
    const auto parsed = BoxAnswerParser::parse("two dogs [0.1,0.2,0.3,0.4;0.5,0.6,0.7,0.8;0.000,0.000,1.000,1.000].");
    ASSERT_EQ(parsed.groups.size(), 1u);
    EXPECT_EQ(parsed.groups[0].offset, 9u);
    EXPECT_EQ(parsed.groups[0].boxes,
              (std::vector<Box>{{0.1, 0.2, 0.3, 0.4}, {0.5, 0.6, 0.7, 0.8}, {0.0, 0.0, 1.0, 1.0}}));
}

TEST(BoxAnswerParser, SeveralBracketPairsAreSeveralAnswers)
{
    const auto parsed = BoxAnswerParser::parse("a dog [0.1,0.2,0.3,0.4] and a cat [0.5,0.6,0.7,0.8;0.9,0.9,1,1].");
    ASSERT_EQ(parsed.groups.size(), 2u);
    EXPECT_EQ(parsed.groups[0].offset, 6u);
    EXPECT_EQ(parsed.groups[1].offset, 34u);
    EXPECT_EQ(parsed.boxAnswers(),
              (std::vector<std::vector<Box>>{{{0.1, 0.2, 0.3, 0.4}}, {{0.5, 0.6, 0.7, 0.8}, {0.9, 0.9, 1.0, 1.0}}}));

    // Adjacent pairs: findall goes on right after a match.
    const auto adjacent = BoxAnswerParser::parse("[0.1,0.2,0.3,0.4][0.5,0.6,0.7,0.8]");
    ASSERT_EQ(adjacent.groups.size(), 2u);
    EXPECT_EQ(adjacent.groups[1].offset, 17u);
}

TEST(BoxAnswerParser, Points)
{
    const auto parsed = BoxAnswerParser::parse("the point [0.500,0.250] and [0.1,0.2;0.3,0.4]");
    ASSERT_EQ(parsed.groups.size(), 2u);
    EXPECT_EQ(parsed.groups[0].kind, BracketGroup::Kind::Points);
    EXPECT_EQ(parsed.groups[0].points, (std::vector<Point>{{0.5, 0.25}}));
    EXPECT_EQ(parsed.groups[1].points, (std::vector<Point>{{0.1, 0.2}, {0.3, 0.4}}));
    EXPECT_TRUE(parsed.groups[0].boxes.empty());
    // extract() (what BrainHub stores) sees no box in an answer of points.
    EXPECT_FALSE(parsed.hasBoxes());
    EXPECT_TRUE(parsed.boxAnswers().empty());
    EXPECT_EQ(parsed.pointAnswers().size(), 2u);
}

TEST(BoxAnswerParser, BoxesAndPointsKeepAnswerOrder)
{
    const auto parsed = BoxAnswerParser::parse("point [0.1,0.2] box [0.3,0.4,0.5,0.6] point [0.7,0.8]");
    ASSERT_EQ(parsed.groups.size(), 3u);
    EXPECT_EQ(parsed.groups[0].kind, BracketGroup::Kind::Points);
    EXPECT_EQ(parsed.groups[1].kind, BracketGroup::Kind::Boxes);
    EXPECT_EQ(parsed.groups[2].kind, BracketGroup::Kind::Points);
    EXPECT_EQ(parsed.boxAnswers(), (std::vector<std::vector<Box>>{{{0.3, 0.4, 0.5, 0.6}}}));
    EXPECT_EQ(parsed.pointAnswers(), (std::vector<std::vector<Point>>{{{0.1, 0.2}}, {{0.7, 0.8}}}));
}

TEST(BoxAnswerParser, NumberForms)
{
    // \d(?:\.\d*)?: an integer digit, a trailing point ("0." is 0.0 for float()), any number of decimals.
    const auto parsed = BoxAnswerParser::parse("[0,0.,1,1.][0.123456789,0.5,0.50,0.500000]");
    ASSERT_EQ(parsed.groups.size(), 2u);
    EXPECT_EQ(parsed.groups[0].boxes[0], (Box{0.0, 0.0, 1.0, 1.0}));
    EXPECT_EQ(parsed.groups[1].boxes[0], (Box{0.123456789, 0.5, 0.5, 0.5}));
}

TEST(BoxAnswerParser, SpacesMakeThePairFail)
{
    EXPECT_NE(onlySkipReason("[0.1, 0.2, 0.3, 0.4]").find("whitespace"), std::string::npos);
    EXPECT_NE(onlySkipReason("[ 0.1,0.2,0.3,0.4]").find("whitespace"), std::string::npos);
    EXPECT_NE(onlySkipReason("[0.1,0.2,0.3,0.4 ]").find("whitespace"), std::string::npos);
    EXPECT_NE(onlySkipReason("[0.1,0.2,0.3,0.4; 0.5,0.6,0.7,0.8]").find("whitespace"), std::string::npos);
}

TEST(BoxAnswerParser, MalformedNumbersMakeThePairFail)
{
    EXPECT_NE(onlySkipReason("[0.1.2,0.2,0.3,0.4]").find("more than one decimal point"), std::string::npos);
    EXPECT_NE(onlySkipReason("[-0.2,0.2,0.3,0.4]").find("signed"), std::string::npos);
    EXPECT_NE(onlySkipReason("[+0.2,0.2,0.3,0.4]").find("signed"), std::string::npos);
    EXPECT_NE(onlySkipReason("[1e-3,0.2,0.3,0.4]").find("exponent"), std::string::npos);
    EXPECT_NE(onlySkipReason("[.5,0.2,0.3,0.4]").find("no digit before"), std::string::npos);
    EXPECT_NE(onlySkipReason("[10,20,300,400]").find("more than one digit"), std::string::npos);
    EXPECT_NE(onlySkipReason("[12.5,0.2,0.3,0.4]").find("more than one digit"), std::string::npos);
    EXPECT_NE(onlySkipReason("[0.1,0.2,0.3,0.4a]").find("unexpected character 'a'"), std::string::npos);
    // A missing comma glues two numbers into one.
    EXPECT_NE(onlySkipReason("[0.10.2,0.3,0.4]").find("more than one decimal point"), std::string::npos);
    EXPECT_NE(onlySkipReason("[0.1,,0.2,0.3]").find("empty number"), std::string::npos);
    EXPECT_NE(onlySkipReason("[0.1,0.2,0.3,0.4;]").find("empty number"), std::string::npos);
    EXPECT_NE(onlySkipReason("[,0.1,0.2,0.3,0.4]").find("empty number"), std::string::npos);
}

TEST(BoxAnswerParser, WrongCountsMakeThePairFail)
{
    EXPECT_NE(onlySkipReason("[0.1,0.2,0.3]").find("found 3"), std::string::npos);
    EXPECT_NE(onlySkipReason("[0.1,0.2,0.3,0.4,0.5]").find("found 5"), std::string::npos);
    EXPECT_NE(onlySkipReason("[0.5]").find("found 1"), std::string::npos);
    EXPECT_NE(onlySkipReason("[0.1,0.2,0.3,0.4;0.5,0.6,0.7]").find("found 3"), std::string::npos);
    EXPECT_NE(onlySkipReason("[0.1,0.2;0.3,0.4,0.5,0.6]").find("mixed"), std::string::npos);
    // A bad part fails the whole pair: its good box is not read either (the pattern backtracks to "]" and fails).
    const auto parsed = BoxAnswerParser::parse("[0.1,0.2,0.3,0.4;0.5,0.6]");
    EXPECT_TRUE(parsed.groups.empty());
}

TEST(BoxAnswerParser, ValuesAboveOneAreKeptAndFlagged)
{
    const auto parsed = BoxAnswerParser::parse("[0.2,0.3,1.5,9.99] [1.0,1.0,1.0,1] [0,0,1.001,1]");
    ASSERT_EQ(parsed.groups.size(), 3u);
    EXPECT_EQ(parsed.groups[0].boxes[0], (Box{0.2, 0.3, 1.5, 9.99}));
    EXPECT_TRUE(parsed.groups[0].outOfRange);
    EXPECT_FALSE(parsed.groups[1].outOfRange); // exactly 1 is inside
    EXPECT_TRUE(parsed.groups[2].outOfRange);
    EXPECT_TRUE(parsed.hasOutOfRange());
    const auto points = BoxAnswerParser::parse("[2.5,0.5]");
    ASSERT_EQ(points.groups.size(), 1u);
    EXPECT_TRUE(points.groups[0].outOfRange);
    EXPECT_EQ(points.groups[0].points[0], (Point{2.5, 0.5}));
}

TEST(BoxAnswerParser, NoBox)
{
    for (const std::string answer : {"", "I cannot find a dog in this image.", "Answer: none .", "0.1,0.2,0.3,0.4"}) {
        const auto parsed = BoxAnswerParser::parse(answer);
        EXPECT_TRUE(parsed.groups.empty()) << answer;
        EXPECT_TRUE(parsed.skipped.empty()) << answer;
        EXPECT_FALSE(parsed.hasBoxes());
        EXPECT_TRUE(parsed.boxAnswers().empty());
    }
    EXPECT_EQ(onlySkipReason("see [a dog]"), "no numbers between the brackets");
    EXPECT_EQ(onlySkipReason("[]"), "no numbers between the brackets");
}

TEST(BoxAnswerParser, NestedAndUnbalancedBrackets)
{
    // Nested: the outer '[' cannot start a match, the inner pair matches, the extra ']' is ignored.
    const auto nested = BoxAnswerParser::parse("[[0.1,0.2,0.3,0.4]]");
    ASSERT_EQ(nested.groups.size(), 1u);
    EXPECT_EQ(nested.groups[0].offset, 1u);
    EXPECT_EQ(nested.groups[0].boxes[0], (Box{0.1, 0.2, 0.3, 0.4}));
    ASSERT_EQ(nested.skipped.size(), 1u);
    EXPECT_EQ(nested.skipped[0].offset, 0u);
    EXPECT_EQ(nested.skipped[0].text, "[");
    EXPECT_NE(nested.skipped[0].reason.find("nested"), std::string::npos);

    // Never closed.
    EXPECT_EQ(onlySkipReason("[0.1,0.2,0.3,0.4"), "no closing ']'");
    EXPECT_EQ(onlySkipReason("Answer: [0.1,0.2,0.3,0.4;0.5,0.6,0.7,"), "no closing ']'");

    // An unclosed pair before a good one: the good one is read.
    const auto unclosedFirst = BoxAnswerParser::parse("[0.1,0.2,0.3,0.4 [0.5,0.6,0.7,0.8]");
    ASSERT_EQ(unclosedFirst.groups.size(), 1u);
    EXPECT_EQ(unclosedFirst.groups[0].offset, 17u);
    ASSERT_EQ(unclosedFirst.skipped.size(), 1u);
    EXPECT_EQ(unclosedFirst.skipped[0].text, "[0.1,0.2,0.3,0.4 ");

    // Stray ']' before or after: nothing to skip, the pair is read.
    const auto stray = BoxAnswerParser::parse("]0.1] [0.1,0.2,0.3,0.4]]");
    ASSERT_EQ(stray.groups.size(), 1u);
    EXPECT_EQ(stray.groups[0].offset, 6u);
    EXPECT_TRUE(stray.skipped.empty());
}

TEST(BoxAnswerParser, SkippedTextIsBounded)
{
    const std::string longAnswer = "[" + std::string(1000, 'x') + "]";
    const auto parsed = BoxAnswerParser::parse(longAnswer);
    ASSERT_EQ(parsed.skipped.size(), 1u);
    EXPECT_EQ(parsed.skipped[0].text.size(), 200u);
}

TEST(BoxAnswerParser, MatchesTheReferencePatternOnRandomText)
{
    // The reference's two patterns, run by std::regex, decide which bracket pairs match; our scanner must find
    // exactly those (offsets and lengths), in order.
    const std::regex boxes(R"(\[\d(?:\.\d*)?(?:,\d(?:\.\d*)?){3}(?:;\d(?:\.\d*)?(?:,\d(?:\.\d*)?){3})*\])");
    const std::regex points(R"(\[\d(?:\.\d*)?(?:,\d(?:\.\d*)?)(?:;\d(?:\.\d*)?(?:,\d(?:\.\d*)?))*\])");
    const std::string alphabet = "[[]]0159..,,,;; -e";
    std::mt19937 random(20240517);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1), length(0, 40);
    int matched = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string text;
        const std::size_t n = length(random);
        for (std::size_t i = 0; i < n; ++i)
            text += alphabet[pick(random)];
        if (round % 3 == 0) // seed well-formed pieces so that matches are common
            text.insert(std::min(text.size(), n / 2), round % 2 ? "[0.1,1,0.,9.5]" : "[0,1;0.5,0.25]");

        std::vector<std::tuple<std::size_t, std::size_t, BracketGroup::Kind>> expected;
        for (auto it = std::sregex_iterator(text.begin(), text.end(), boxes); it != std::sregex_iterator(); ++it)
            expected.emplace_back(it->position(), it->length(), BracketGroup::Kind::Boxes);
        for (auto it = std::sregex_iterator(text.begin(), text.end(), points); it != std::sregex_iterator(); ++it)
            expected.emplace_back(it->position(), it->length(), BracketGroup::Kind::Points);
        std::sort(expected.begin(), expected.end());

        std::vector<std::tuple<std::size_t, std::size_t, BracketGroup::Kind>> found;
        for (const BracketGroup &group : BoxAnswerParser::parse(text).groups)
            found.emplace_back(group.offset, group.length, group.kind);
        ASSERT_EQ(found, expected) << text;
        matched += static_cast<int>(found.size());
    }
    EXPECT_GT(matched, 5000);
}

TEST(BoxAnswerParser, FormatsAsPlainBoxFormatter)
{
    EXPECT_EQ(BoxAnswerParser::formatBoxes({{0.123, 0.456, 0.789, 0.999}}), "[0.123,0.456,0.789,0.999]");
    EXPECT_EQ(BoxAnswerParser::formatBoxes({{0.1, 0.2, 0.3, 0.4}, {0, 0, 1, 1}}),
              "[0.100,0.200,0.300,0.400;0.000,0.000,1.000,1.000]");
    EXPECT_EQ(BoxAnswerParser::formatPoints({{0.5, 0.25}, {1, 0}}), "[0.500,0.250;1.000,0.000]");
    // {:.3f} rounds the exact binary value: exact ties go to even, 0.0005 lies a little above its tie.
    EXPECT_EQ(BoxAnswerParser::formatNumber(0.0625), "0.062");
    EXPECT_EQ(BoxAnswerParser::formatNumber(0.1875), "0.188");
    EXPECT_EQ(BoxAnswerParser::formatNumber(0.0005), "0.001");
    EXPECT_EQ(BoxAnswerParser::formatNumber(1.0005), "1.000");
    // What it writes, it reads back.
    const auto parsed =
        BoxAnswerParser::parse("Answer: " + BoxAnswerParser::formatBoxes({{0.25, 0.125, 0.5, 1}}) + " .");
    EXPECT_EQ(parsed.boxAnswers(), (std::vector<std::vector<Box>>{{{0.25, 0.125, 0.5, 1.0}}}));
}
