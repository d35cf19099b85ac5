#pragma once
// Java's character predicates for UTF-16 code units, as the PTB tokenizer (a Java program) sees characters:
// Character.isLetter / isDigit / isUpperCase and lower-casing. Outside ASCII they come from the C library's
// C.UTF-8 tables, which agree with Java's on the scripts captions are written in. Private to core/eval.
#include <string>
#include <vector>

namespace vindex::eval::chars {

bool isLetter(char16_t c);
bool isDigit(char16_t c); // Unicode decimal digits (Nd) of the common scripts
bool isUppercase(char16_t c);

// String.toLowerCase(Locale.ENGLISH), one code unit at a time (surrogates unchanged).
std::u16string toLower(const std::u16string &text);

// UTF-8 ↔ UTF-16 as Java's decoder and encoder do it: malformed bytes become U+FFFD; unpaired surrogates are written
// as '?' (Java's encoder replacement).
std::u16string utf8ToUtf16(const std::string &text);
std::string utf16ToUtf8(const std::u16string &text);

// java.util.StringTokenizer with its default delimiters (space, \t, \n, \r, \f): the non-empty runs between them,
// over UTF-16 code units or code points alike.
template <class Text> std::vector<Text> javaTokens(const Text &text)
{
    const auto isDelimiter = [](auto c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
    std::vector<Text> tokens;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && isDelimiter(text[i]))
            ++i;
        const std::size_t start = i;
        while (i < text.size() && !isDelimiter(text[i]))
            ++i;
        if (i > start)
            tokens.push_back(text.substr(start, i - start));
    }
    return tokens;
}

} // namespace vindex::eval::chars
