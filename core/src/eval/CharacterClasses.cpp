#include "CharacterClasses.h"

#include "vindex/core/UnicodeLocale.h"
#include "vindex/core/Utf8.h"

#include <clocale>
#include <cwctype>
#include <locale.h>

namespace vindex::eval::chars {

namespace {

// Decimal digit blocks (Unicode Nd) of the BMP scripts that matter here; each block spans ten code points.
constexpr char16_t kDigitBlocks[] = {0x0030, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66,
                                     0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0,
                                     0x1810, 0x1946, 0x19D0, 0xA620, 0xA8D0, 0xA900, 0xAA50, 0xFF10};

bool isSurrogate(char16_t c)
{
    return c >= 0xD800 && c <= 0xDFFF;
}

} // namespace

bool isDigit(char16_t c)
{
    if (c < 0x80)
        return c >= '0' && c <= '9';
    for (char16_t first : kDigitBlocks)
        if (c >= first && c < first + 10)
            return true;
    return false;
}

bool isLetter(char16_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (isSurrogate(c) || isDigit(c))
        return false;
    const locale_t l = unicodeLocale();
    return l && iswalpha_l(static_cast<wint_t>(c), l);
}

bool isUppercase(char16_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    if (isSurrogate(c))
        return false;
    const locale_t l = unicodeLocale();
    return l && iswupper_l(static_cast<wint_t>(c), l);
}

std::u16string toLower(const std::u16string &text)
{
    std::u16string out;
    out.reserve(text.size());
    const locale_t l = unicodeLocale();
    for (char16_t c : text) {
        if (c < 0x80) {
            out += (c >= 'A' && c <= 'Z') ? static_cast<char16_t>(c + 32) : c;
        } else if (c == 0x0130) { // İ → i + combining dot above (Java's special case)
            out += u"i\u0307";
        } else if (!isSurrogate(c) && l) {
            const wint_t lower = towlower_l(static_cast<wint_t>(c), l);
            out += lower <= 0xFFFF ? static_cast<char16_t>(lower) : c;
        } else {
            out += c;
        }
    }
    return out;
}

std::u16string utf8ToUtf16(const std::string &text)
{
    std::u16string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = utf8::next(text, i);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out += static_cast<char16_t>(0xD800 + (cp >> 10));
            out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
        } else {
            out += static_cast<char16_t>(cp);
        }
    }
    return out;
}

std::string utf16ToUtf8(const std::u16string &text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char32_t cp = text[i];
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < text.size() && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (text[i + 1] - 0xDC00);
            ++i;
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = '?';
        }
        utf8::append(out, cp);
    }
    return out;
}

} // namespace vindex::eval::chars
