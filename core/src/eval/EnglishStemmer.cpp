#include "vindex/eval/EnglishStemmer.h"

#include "CharacterClasses.h"

#include <array>
#include <utility>

namespace vindex::eval {

namespace {

using Word = std::u16string;

bool isVowel(char16_t c)
{
    return c == u'a' || c == u'e' || c == u'i' || c == u'o' || c == u'u' || c == u'y';
}

// The last letter of a short syllable may not be a vowel, w, x or Y.
bool isVowelWxY(char16_t c)
{
    return isVowel(c) || c == u'w' || c == u'x' || c == u'Y';
}

bool isValidLiEnding(char16_t c)
{
    switch (c) {
    case u'c':
    case u'd':
    case u'e':
    case u'g':
    case u'h':
    case u'k':
    case u'm':
    case u'n':
    case u'r':
    case u't': return true;
    default: return false;
    }
}

bool endsWith(const Word &w, std::u16string_view suffix)
{
    return w.size() >= suffix.size() && std::u16string_view(w).substr(w.size() - suffix.size()) == suffix;
}

bool hasVowel(const Word &w, std::size_t end)
{
    for (std::size_t i = 0; i < end && i < w.size(); ++i)
        if (isVowel(w[i]))
            return true;
    return false;
}

// A short syllable ends at `end`: non-vowel, vowel, non-vowel other than w, x, Y; or, at the very start of the
// word, vowel then non-vowel.
bool shortSyllableEndsAt(const Word &w, std::size_t end)
{
    if (end >= 3 && !isVowelWxY(w[end - 1]) && isVowel(w[end - 2]) && !isVowel(w[end - 3]))
        return true;
    return end == 2 && !isVowel(w[1]) && isVowel(w[0]);
}

struct Regions {
    std::size_t r1 = 0, r2 = 0;
};

// R1: after the first non-vowel that follows a vowel (or after gener-, commun-, arsen-); R2: the same inside R1.
Regions markRegions(const Word &w)
{
    const std::size_t n = w.size();
    auto afterVowelThenNonVowel = [&](std::size_t from) -> std::size_t {
        std::size_t i = from;
        while (i < n && !isVowel(w[i]))
            ++i;
        if (i == n)
            return n;
        ++i;
        while (i < n && isVowel(w[i]))
            ++i;
        return i == n ? n : i + 1;
    };
    Regions r;
    std::size_t start = std::u16string::npos;
    for (std::u16string_view prefix : {u"gener", u"commun", u"arsen"})
        if (std::u16string_view(w).substr(0, prefix.size()) == prefix)
            start = prefix.size();
    r.r1 = start != std::u16string::npos ? start : afterVowelThenNonVowel(0);
    r.r2 = r.r1 >= n ? n : afterVowelThenNonVowel(r.r1);
    return r;
}

void replaceSuffix(Word &w, std::size_t suffixLength, std::u16string_view replacement)
{
    w.resize(w.size() - suffixLength);
    w.append(replacement);
}

void step1a(Word &w)
{
    if (endsWith(w, u"'s'"))
        w.resize(w.size() - 3);
    else if (endsWith(w, u"'s"))
        w.resize(w.size() - 2);
    else if (endsWith(w, u"'"))
        w.resize(w.size() - 1);

    if (endsWith(w, u"sses")) {
        replaceSuffix(w, 4, u"ss");
    } else if (endsWith(w, u"ied") || endsWith(w, u"ies")) {
        replaceSuffix(w, 3, w.size() - 3 >= 2 ? u"i" : u"ie");
    } else if (endsWith(w, u"ss") || endsWith(w, u"us")) {
        // unchanged
    } else if (endsWith(w, u"s")) {
        // Delete when the part before the letter preceding the s holds a vowel.
        const std::size_t s = w.size() - 1;
        if (s >= 1 && hasVowel(w, s - 1))
            w.resize(s);
    }
}

bool isStep1aInvariant(const Word &w)
{
    for (std::u16string_view x :
         {u"inning", u"outing", u"canning", u"herring", u"earring", u"proceed", u"exceed", u"succeed"})
        if (w == x)
            return true;
    return false;
}

void step1b(Word &w, const Regions &r)
{
    static constexpr std::array<std::pair<std::u16string_view, bool>, 6> kSuffixes{
        {{u"eedly", true}, {u"ingly", false}, {u"edly", false}, {u"eed", true}, {u"ing", false}, {u"ed", false}}};
    for (const auto &[suffix, isEed] : kSuffixes) {
        if (!endsWith(w, suffix))
            continue;
        const std::size_t start = w.size() - suffix.size();
        if (isEed) {
            if (start >= r.r1)
                replaceSuffix(w, suffix.size(), u"ee");
            return;
        }
        if (!hasVowel(w, start))
            return;
        w.resize(start);
        if (endsWith(w, u"at") || endsWith(w, u"bl") || endsWith(w, u"iz")) {
            w.push_back(u'e');
        } else if (w.size() >= 2 && w.back() == w[w.size() - 2] &&
                   std::u16string_view(u"bdfgmnprt").find(w.back()) != std::u16string_view::npos) {
            w.pop_back();
        } else if (w.size() == r.r1 && shortSyllableEndsAt(w, w.size())) {
            w.push_back(u'e');
        }
        return;
    }
}

void step1c(Word &w)
{
    const std::size_t n = w.size();
    if (n >= 3 && (w[n - 1] == u'y' || w[n - 1] == u'Y') && !isVowel(w[n - 2]))
        w[n - 1] = u'i';
}

struct Rule {
    std::u16string_view suffix;
    std::u16string_view replacement;
    int condition; // 0: none; 1: preceded by l; 2: preceded by a valid li-ending; 3: in R2; 4: preceded by s or t
};

// Applies the rule with the longest matching suffix (a failed condition ends the step, as Snowball's `among`).
void applyLongest(Word &w, const Rule *rules, std::size_t count, std::size_t regionStart, std::size_t r2)
{
    const Rule *best = nullptr;
    for (std::size_t i = 0; i < count; ++i)
        if (endsWith(w, rules[i].suffix) && (!best || rules[i].suffix.size() > best->suffix.size()))
            best = &rules[i];
    if (!best)
        return;
    const std::size_t start = w.size() - best->suffix.size();
    if (start < regionStart)
        return;
    switch (best->condition) {
    case 1:
        if (start == 0 || w[start - 1] != u'l')
            return;
        break;
    case 2:
        if (start == 0 || !isValidLiEnding(w[start - 1]))
            return;
        break;
    case 3:
        if (start < r2)
            return;
        break;
    case 4:
        if (start == 0 || (w[start - 1] != u's' && w[start - 1] != u't'))
            return;
        break;
    default: break;
    }
    replaceSuffix(w, best->suffix.size(), best->replacement);
}

void step2(Word &w, const Regions &r)
{
    static constexpr Rule kRules[] = {
        {u"tional", u"tion", 0}, {u"enci", u"ence", 0},   {u"anci", u"ance", 0},   {u"abli", u"able", 0},
        {u"entli", u"ent", 0},   {u"izer", u"ize", 0},    {u"ization", u"ize", 0}, {u"ational", u"ate", 0},
        {u"ation", u"ate", 0},   {u"ator", u"ate", 0},    {u"alism", u"al", 0},    {u"aliti", u"al", 0},
        {u"alli", u"al", 0},     {u"fulness", u"ful", 0}, {u"ousli", u"ous", 0},   {u"ousness", u"ous", 0},
        {u"iveness", u"ive", 0}, {u"iviti", u"ive", 0},   {u"biliti", u"ble", 0},  {u"bli", u"ble", 0},
        {u"ogi", u"og", 1},      {u"fulli", u"ful", 0},   {u"lessli", u"less", 0}, {u"li", u"", 2},
    };
    applyLongest(w, kRules, std::size(kRules), r.r1, r.r2);
}

void step3(Word &w, const Regions &r)
{
    static constexpr Rule kRules[] = {
        {u"tional", u"tion", 0}, {u"ational", u"ate", 0}, {u"alize", u"al", 0},
        {u"icate", u"ic", 0},    {u"iciti", u"ic", 0},    {u"ical", u"ic", 0},
        {u"ful", u"", 0},        {u"ness", u"", 0},       {u"ative", u"", 3},
    };
    applyLongest(w, kRules, std::size(kRules), r.r1, r.r2);
}

void step4(Word &w, const Regions &r)
{
    static constexpr Rule kRules[] = {
        {u"al", u"", 0},   {u"ance", u"", 0}, {u"ence", u"", 0}, {u"er", u"", 0},    {u"ic", u"", 0},
        {u"able", u"", 0}, {u"ible", u"", 0}, {u"ant", u"", 0},  {u"ement", u"", 0}, {u"ment", u"", 0},
        {u"ent", u"", 0},  {u"ism", u"", 0},  {u"ate", u"", 0},  {u"iti", u"", 0},   {u"ous", u"", 0},
        {u"ive", u"", 0},  {u"ize", u"", 0},  {u"ion", u"", 4},
    };
    applyLongest(w, kRules, std::size(kRules), r.r2, r.r2);
}

void step5(Word &w, const Regions &r)
{
    if (w.empty())
        return;
    const std::size_t start = w.size() - 1;
    if (w.back() == u'e') {
        if (start >= r.r2 || (start >= r.r1 && !shortSyllableEndsAt(w, start)))
            w.pop_back();
    } else if (w.back() == u'l') {
        if (start >= r.r2 && start >= 1 && w[start - 1] == u'l')
            w.pop_back();
    }
}

} // namespace

std::u16string EnglishStemmer::stem(std::u16string w)
{
    // Exceptional forms, matched on the whole word.
    static constexpr std::pair<std::u16string_view, std::u16string_view> kExceptions[] = {
        {u"skis", u"ski"},      {u"skies", u"sky"},    {u"dying", u"die"},   {u"lying", u"lie"},   {u"tying", u"tie"},
        {u"idly", u"idl"},      {u"gently", u"gentl"}, {u"ugly", u"ugli"},   {u"early", u"earli"}, {u"only", u"onli"},
        {u"singly", u"singl"},  {u"sky", u"sky"},      {u"news", u"news"},   {u"howe", u"howe"},   {u"atlas", u"atlas"},
        {u"cosmos", u"cosmos"}, {u"bias", u"bias"},    {u"andes", u"andes"},
    };
    for (const auto &[form, result] : kExceptions)
        if (w == form)
            return std::u16string(result);
    if (w.size() < 3)
        return w;

    // Prelude: drop a leading apostrophe; an initial y and a y after a vowel become consonants (Y).
    if (w.front() == u'\'')
        w.erase(0, 1);
    bool foundY = false;
    if (!w.empty() && w.front() == u'y') {
        w.front() = u'Y';
        foundY = true;
    }
    for (std::size_t i = 0; i + 1 < w.size(); ++i)
        if (isVowel(w[i]) && w[i + 1] == u'y') {
            w[i + 1] = u'Y';
            foundY = true;
        }

    const Regions regions = markRegions(w);
    step1a(w);
    if (!isStep1aInvariant(w)) {
        step1b(w, regions);
        step1c(w);
        step2(w, regions);
        step3(w, regions);
        step4(w, regions);
        step5(w, regions);
    }
    if (foundY)
        for (auto &c : w)
            if (c == u'Y')
                c = u'y';
    return w;
}

std::string EnglishStemmer::stem(std::string_view utf8Word)
{
    return chars::utf16ToUtf8(stem(chars::utf8ToUtf16(std::string(utf8Word))));
}

} // namespace vindex::eval
