#include "vindex/eval/MeteorNormalizer.h"

#include "CharacterClasses.h"

#include <string_view>
#include <unordered_map>
#include <vector>

namespace vindex::eval {

namespace {

using Text = std::u32string;
using View = std::u32string_view;

bool isDigit(char32_t c)
{
    return c >= U'0' && c <= U'9';
}

// METEOR's letter ranges: ASCII, Latin-1 and Latin Extended-A letters, Cyrillic (incl. supplement and extended-B),
// phonetic extensions.
bool isAlpha(char32_t c)
{
    return (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') || (c >= 0xC0 && c <= 0xD6) ||
           (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x17E) || (c >= 0x400 && c <= 0x527) ||
           (c >= 0xA640 && c <= 0xA66E) || (c >= 0xA67E && c <= 0xA697) || (c >= 0x1D00 && c <= 0x1D7F);
}

bool isAlnum(char32_t c)
{
    return isDigit(c) || isAlpha(c);
}

// Java's \s without the Unicode flag.
bool isJavaSpace(char32_t c)
{
    return c == U' ' || c == U'\t' || c == U'\n' || c == 0x0B || c == U'\f' || c == U'\r';
}

// The whitespace METEOR collapses at the end.
bool isCollapsedSpace(char32_t c)
{
    return c == U' ' || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

// String.replace: every non-overlapping occurrence, left to right.
Text replaceAll(const Text &text, View target, View replacement)
{
    Text out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (View(text).substr(i, target.size()) == target) {
            out.append(replacement);
            i += target.size();
        } else {
            out.push_back(text[i++]);
        }
    }
    return out;
}

// Matcher.replaceAll for a pattern of three single characters: matches are found left to right and do not overlap
// (a character consumed by one match cannot start or end another).
template <typename First, typename Middle, typename Last, typename Emit>
Text replaceTriples(const Text &text, First first, Middle middle, Last last, Emit emit)
{
    Text out;
    out.reserve(text.size() + 8);
    std::size_t i = 0;
    while (i < text.size()) {
        if (i + 2 < text.size() && first(text[i]) && middle(text[i + 1]) && last(text[i + 2])) {
            emit(out, text[i], text[i + 1], text[i + 2]);
            i += 3;
        } else {
            out.push_back(text[i++]);
        }
    }
    return out;
}

auto is(char32_t wanted)
{
    return [wanted](char32_t c) { return c == wanted; };
}

// "$1 <middle> $2" with the middle character surrounded by spaces ("$1 , $2", "$1 ' $2").
void spaced(Text &out, char32_t a, char32_t b, char32_t c)
{
    out.push_back(a);
    out.push_back(U' ');
    out.push_back(b);
    out.push_back(U' ');
    out.push_back(c);
}

// "$1 <middle>$2": the middle character starts the second word ("don't" → "don 't").
void splitBefore(Text &out, char32_t a, char32_t b, char32_t c)
{
    out.push_back(a);
    out.push_back(U' ');
    out.push_back(b);
    out.push_back(c);
}

const Text kDotMulti = U"DOTMULTI";
const Text kDotDotMulti = U"DOTDOTMULTI";

Text escapeMultipleDots(const Text &text)
{
    // A run of two or more dots: its first dot becomes " DOTMULTI".
    Text out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == U'.' && i + 1 < text.size() && text[i + 1] == U'.') {
            std::size_t end = i + 1;
            while (end < text.size() && text[end] == U'.')
                ++end;
            out += U" " + kDotMulti;
            out.append(end - i - 1, U'.');
            i = end;
        } else {
            out.push_back(text[i++]);
        }
    }
    // Then "DOTMULTI." followed by a non-dot becomes "DOTDOTMULTI " + that character, and any other "DOTMULTI."
    // becomes "DOTDOTMULTI", until no "DOTMULTI." is left: each dot of the run adds a DOT, and a space ends it.
    const Text dotMultiDot = kDotMulti + U".";
    while (out.find(dotMultiDot) != Text::npos) {
        Text next;
        std::size_t k = 0;
        while (k < out.size()) {
            if (View(out).substr(k, dotMultiDot.size()) == dotMultiDot && k + dotMultiDot.size() < out.size() &&
                out[k + dotMultiDot.size()] != U'.') {
                next += kDotDotMulti + U" ";
                next.push_back(out[k + dotMultiDot.size()]);
                k += dotMultiDot.size() + 1;
            } else {
                next.push_back(out[k++]);
            }
        }
        out = replaceAll(next, dotMultiDot, kDotDotMulti);
    }
    return out;
}

Text unescapeMultipleDots(Text text)
{
    while (text.find(kDotDotMulti) != Text::npos)
        text = replaceAll(text, kDotDotMulti, kDotMulti + U".");
    return replaceAll(text, kDotMulti, U".");
}

enum class Prefix { Any, NumericOnly };

// Moses' English non-breaking prefixes (as METEOR ships them): a word "<prefix>." keeps its dot.
const std::unordered_map<std::u32string, Prefix> &nonBreakingPrefixes()
{
    static const std::unordered_map<std::u32string, Prefix> prefixes = [] {
        std::unordered_map<std::u32string, Prefix> p;
        for (char32_t c = U'A'; c <= U'Z'; ++c)
            p.emplace(Text(1, c), Prefix::Any);
        for (const char32_t *word :
             {U"Adj",   U"Adm",  U"Adv",  U"Asst", U"Bart", U"Bldg", U"Brig", U"Bros", U"Capt", U"Cmdr",   U"Col",
              U"Comdr", U"Con",  U"Corp", U"Cpl",  U"DR",   U"Dr",   U"Drs",  U"Ens",  U"Gen",  U"Gov",    U"Hon",
              U"Hr",    U"Hosp", U"Insp", U"Lt",   U"MM",   U"MR",   U"MRS",  U"MS",   U"Maj",  U"Messrs", U"Mlle",
              U"Mme",   U"Mr",   U"Mrs",  U"Ms",   U"Msgr", U"Op",   U"Ord",  U"Pfc",  U"Ph",   U"Prof",   U"Pvt",
              U"Rep",   U"Reps", U"Res",  U"Rev",  U"Rt",   U"Sen",  U"Sens", U"Sfc",  U"Sgt",  U"Sr",     U"St",
              U"Supt",  U"Surg", U"v",    U"vs",   U"i.e",  U"rev",  U"e.g",  U"Nos",  U"Nr"})
            p.emplace(word, Prefix::Any);
        for (const char32_t *word : {U"No", U"Art", U"pp"})
            p.emplace(word, Prefix::NumericOnly);
        return p;
    }();
    return prefixes;
}

// Splits off final dots except after abbreviations; words come back joined by single spaces (plus a final one).
Text splitFinalDots(const Text &text)
{
    const std::vector<Text> words = chars::javaTokens(text);
    const auto &prefixes = nonBreakingPrefixes();
    Text out;
    for (std::size_t w = 0; w < words.size(); ++w) {
        const Text &word = words[w];
        const bool hasNext = w + 1 < words.size();
        if (word.size() > 1 && word.back() == U'.') {
            const Text prefix = word.substr(0, word.size() - 1);
            const auto found = prefixes.find(prefix);
            bool hasLetter = false;
            for (char32_t c : prefix)
                hasLetter = hasLetter || isAlpha(c);
            if (prefix.find(U'.') != Text::npos && hasLetter) {
                for (char32_t c : word) // dotted initials: "U.S." → "US"
                    if (c != U'.')
                        out.push_back(c);
            } else if ((found != prefixes.end() && found->second == Prefix::Any) ||
                       (hasNext && words[w + 1].front() >= U'a' && words[w + 1].front() <= U'z')) {
                out += word;
            } else if (found != prefixes.end() && found->second == Prefix::NumericOnly && hasNext &&
                       isDigit(words[w + 1].front())) {
                out += word;
            } else {
                out += prefix + U" .";
            }
        } else {
            out += word;
        }
        out.push_back(U' ');
    }
    return out;
}

Text collapseWhitespace(const Text &text)
{
    Text out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (isCollapsedSpace(text[i])) {
            while (i < text.size() && isCollapsedSpace(text[i]))
                ++i;
            out.push_back(U' ');
        } else {
            out.push_back(text[i++]);
        }
    }
    // String.trim(): every character up to U+0020 at either end.
    std::size_t begin = 0, end = out.size();
    while (begin < end && out[begin] <= U' ')
        ++begin;
    while (end > begin && out[end - 1] <= U' ')
        --end;
    return out.substr(begin, end - begin);
}

Text toCodePoints(const std::u16string &text)
{
    Text out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char16_t c = text[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.size() && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF) {
            out.push_back(0x10000 + ((char32_t(c) - 0xD800) << 10) + (char32_t(text[i + 1]) - 0xDC00));
            ++i;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::u16string toUtf16(const Text &text)
{
    std::u16string out;
    out.reserve(text.size());
    for (char32_t c : text) {
        if (c >= 0x10000) {
            out.push_back(char16_t(0xD800 + ((c - 0x10000) >> 10)));
            out.push_back(char16_t(0xDC00 + ((c - 0x10000) & 0x3FF)));
        } else {
            out.push_back(char16_t(c));
        }
    }
    return out;
}

} // namespace

std::u32string MeteorNormalizer::normalize(const std::u32string &line)
{
    Text t = U" " + line + U" ";

    // Characters that are neither letters, digits, whitespace nor . ' ` , - ‘ ’ become tokens.
    {
        Text out;
        out.reserve(t.size() * 2);
        for (char32_t c : t) {
            if (isAlnum(c) || isJavaSpace(c) || c == U'.' || c == U'\'' || c == U'`' || c == U',' || c == U'-' ||
                c == 0x2018 || c == 0x2019) {
                out.push_back(c);
            } else {
                out.push_back(U' ');
                out.push_back(c);
                out.push_back(U' ');
            }
        }
        t = std::move(out);
    }

    t = escapeMultipleDots(t);

    // Commas, except between two digits.
    const auto digit = [](char32_t c) { return isDigit(c); };
    const auto nonDigit = [](char32_t c) { return !isDigit(c); };
    t = replaceTriples(t, nonDigit, is(U','), nonDigit, spaced);
    t = replaceTriples(t, digit, is(U','), nonDigit, spaced);
    t = replaceTriples(t, nonDigit, is(U','), digit, spaced);

    // Quotes and dashes.
    for (auto &c : t)
        if (c == U'`' || c == 0x2018 || c == 0x2019)
            c = U'\'';
    {
        Text out;
        for (std::size_t i = 0; i < t.size(); ++i) {
            if (t[i] == 0x201C || t[i] == 0x201D) {
                out += U" \" ";
            } else if (t[i] == U'\'' && i + 1 < t.size() && t[i + 1] == U'\'') {
                out += U" \" ";
                ++i;
            } else {
                out.push_back(t[i]);
            }
        }
        t = std::move(out);
    }
    t = replaceAll(t, U"\u2013", U"-");
    t = replaceAll(t, U"--", U"-");

    // A hyphen between letters or digits (or after a dot: "U.S.-based") separates words.
    t = replaceTriples(
        t, [](char32_t c) { return isAlnum(c) || c == U'.'; }, is(U'-'), isAlnum,
        [](Text &out, char32_t a, char32_t, char32_t c) {
            out.push_back(a);
            out.push_back(U' ');
            out.push_back(c);
        });

    // English contractions split to the right.
    const auto alpha = [](char32_t c) { return isAlpha(c); };
    const auto nonAlpha = [](char32_t c) { return !isAlpha(c); };
    t = replaceTriples(t, nonAlpha, is(U'\''), nonAlpha, spaced);
    t = replaceTriples(
        t, [](char32_t c) { return !isAlpha(c) && !isDigit(c); }, is(U'\''), alpha, spaced);
    t = replaceTriples(t, alpha, is(U'\''), nonAlpha, spaced);
    t = replaceTriples(t, alpha, is(U'\''), alpha, splitBefore);
    t = replaceTriples(t, digit, is(U'\''), is(U's'), splitBefore);

    t = splitFinalDots(t);
    t = unescapeMultipleDots(std::move(t));
    return collapseWhitespace(t);
}

std::string MeteorNormalizer::normalize(const std::string &utf8Line)
{
    return chars::utf16ToUtf8(toUtf16(normalize(toCodePoints(chars::utf8ToUtf16(utf8Line)))));
}

} // namespace vindex::eval
