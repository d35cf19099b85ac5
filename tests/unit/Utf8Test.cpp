#include "vindex/core/Utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace utf8 = vindex::utf8;

// The examples of the Unicode Standard, §3.9 (Table 3-4 and D92): code points and their UTF-8 bytes.
TEST(Utf8, EncodesAndDecodesTheStandardsExamples)
{
    const std::u32string text = U"\u004D\u0430\u4E8C\U00010302";
    const std::string bytes = "\x4D"
                              "\xD0\xB0"
                              "\xE4\xBA\x8C"
                              "\xF0\x90\x8C\x82";
    EXPECT_EQ(utf8::encode(text), bytes);
    EXPECT_EQ(utf8::decode(bytes), text);
    // The first and last code point of every sequence length.
    const std::u32string edges = {0x00, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF};
    const std::string edgeBytes = std::string(1, '\0') + "\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF"
                                                         "\xF0\x90\x80\x80\xF4\x8F\xBF\xBF";
    EXPECT_EQ(utf8::encode(edges), edgeBytes);
    EXPECT_EQ(utf8::decode(edgeBytes), edges);
    EXPECT_EQ(utf8::repair(edgeBytes), edgeBytes);
}

// Table 3-7 (well-formed byte sequences): the second byte's range after E0, ED, F0 and F4, and the lead bytes that
// never start a sequence (C0, C1, F5..FF) nor stand alone (80..BF).
TEST(Utf8, OnlyWellFormedSequencesOfTable3_7Decode)
{
    struct Case {
        std::string bytes;
        std::size_t length; // 0: ill-formed at the first byte
    };
    const Case cases[] = {
        {"\xC2\x80", 2},
        {"\xC1\xBF", 0},
        {"\xC0\x80", 0},
        {"\xE0\xA0\x80", 3},
        {"\xE0\x9F\xBF", 0},
        {"\xED\x9F\xBF", 3},
        {"\xED\xA0\x80", 0},
        {"\xEE\x80\x80", 3},
        {"\xF0\x90\x80\x80", 4},
        {"\xF0\x8F\xBF\xBF", 0},
        {"\xF4\x8F\xBF\xBF", 4},
        {"\xF4\x90\x80\x80", 0},
        {"\xF5\x80\x80\x80", 0},
        {"\xFF", 0},
        {"\x80", 0},
        {"\xBF", 0},
        {"\xE2\x82", 0},
        {"\xC3", 0},
        {"\xC3\x28", 0},
    };
    for (const Case &c : cases) {
        EXPECT_EQ(utf8::sequenceLength(c.bytes, 0), c.length) << testing::PrintToString(c.bytes);
        std::size_t i = 0;
        const char32_t cp = utf8::next(c.bytes, i);
        if (c.length == 0) {
            EXPECT_EQ(cp, utf8::kReplacement);
            EXPECT_EQ(i, 1u);
        } else {
            EXPECT_NE(cp, utf8::kReplacement);
            EXPECT_EQ(i, c.length);
        }
    }
}

TEST(Utf8, EveryIllFormedByteBecomesOneReplacementCharacter)
{
    // "a", a truncated 3-byte sequence (2 bytes), "b", a lone continuation byte, an encoded surrogate (3 bytes), "é".
    const std::string bytes = "a\xE2\x82"
                              "b\x80\xED\xA0\x80\xC3\xA9";
    EXPECT_EQ(utf8::decode(bytes), (std::u32string{U'a', 0xFFFD, 0xFFFD, U'b', 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xE9}));
    EXPECT_EQ(utf8::repair(bytes), "a\xEF\xBF\xBD\xEF\xBF\xBD"
                                   "b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xC3\xA9");
    // Code points that have no UTF-8 form are written as U+FFFD.
    EXPECT_EQ(utf8::encode(std::u32string{0xD800, 0x110000}), "\xEF\xBF\xBD\xEF\xBF\xBD");
}
