#include "models/BertCharacters.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace vindex::models::bertchars {

namespace {

struct CodeRange {
    char32_t first, last;
};
struct Decomposition {
    char32_t code, first, second; // second is 0 for a singleton decomposition
};
struct LowerCase {
    char32_t code, lower;
};

#include "models/BertCharacterTables.inc"

template <std::size_t N> bool inRanges(const CodeRange (&ranges)[N], char32_t c)
{
    const auto *end = std::end(ranges);
    const auto *it = std::upper_bound(std::begin(ranges), end, c,
                                      [](char32_t value, const CodeRange &range) { return value < range.first; });
    return it != std::begin(ranges) && c <= std::prev(it)->last;
}

// Hangul syllables decompose algorithmically (Unicode §3.12).
constexpr char32_t kHangulFirst = 0xAC00, kLeadFirst = 0x1100, kVowelFirst = 0x1161, kTrailFirst = 0x11A7;
constexpr char32_t kVowelCount = 21, kTrailCount = 28, kSyllableCount = 19 * kVowelCount * kTrailCount;

} // namespace

bool isPunctuation(char32_t c)
{
    if (c < 0x80)
        return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
    return inRanges(kPunctuation, c);
}

bool isWhitespace(char32_t c)
{
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool isControl(char32_t c)
{
    if (c == '\t' || c == '\n' || c == '\r')
        return false;
    return c > 0x10FFFF || inRanges(kOther, c);
}

bool isNonspacingMark(char32_t c)
{
    return c >= 0x300 && inRanges(kNonspacingMark, c);
}

bool isChineseCharacter(char32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
           (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

void appendCanonicalDecomposition(char32_t c, std::u32string &out)
{
    if (c < 0xC0) {
        out.push_back(c);
        return;
    }
    if (c >= kHangulFirst && c < kHangulFirst + kSyllableCount) {
        const char32_t index = c - kHangulFirst;
        out.push_back(kLeadFirst + index / (kVowelCount * kTrailCount));
        out.push_back(kVowelFirst + (index % (kVowelCount * kTrailCount)) / kTrailCount);
        if (index % kTrailCount != 0)
            out.push_back(kTrailFirst + index % kTrailCount);
        return;
    }
    const auto *end = std::end(kDecompositions);
    const auto *it = std::lower_bound(std::begin(kDecompositions), end, c,
                                      [](const Decomposition &d, char32_t value) { return d.code < value; });
    if (it == end || it->code != c) {
        out.push_back(c);
        return;
    }
    appendCanonicalDecomposition(it->first, out);
    if (it->second != 0)
        appendCanonicalDecomposition(it->second, out);
}

void appendLowercase(char32_t c, std::u32string &out)
{
    if (c < 0x80) {
        out.push_back(c >= 'A' && c <= 'Z' ? c + 32 : c);
        return;
    }
    if (c == 0x130) {
        out.push_back('i');
        out.push_back(0x307);
        return;
    }
    const auto *end = std::end(kLowerCase);
    const auto *it = std::lower_bound(std::begin(kLowerCase), end, c,
                                      [](const LowerCase &l, char32_t value) { return l.code < value; });
    out.push_back(it != end && it->code == c ? it->lower : c);
}

} // namespace vindex::models::bertchars
