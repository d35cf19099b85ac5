#include "vindex/eval/CaptionCorpus.h"

#include "vindex/core/Error.h"

namespace vindex::eval {

CaptionCorpus::CaptionCorpus(std::vector<std::string> candidates, std::vector<std::vector<std::string>> references)
    : m_candidates(std::move(candidates)), m_references(std::move(references))
{
    if (m_candidates.size() != m_references.size())
        throw DataError("caption corpus: " + std::to_string(m_candidates.size()) + " candidates but " +
                        std::to_string(m_references.size()) + " reference sets");
    for (std::size_t i = 0; i < m_references.size(); ++i)
        if (m_references[i].empty())
            throw DataError("caption corpus: trial " + std::to_string(i) + " has no reference caption");
}

namespace {

// Length of the whitespace character at text[i] (as Python's str.isspace() defines it), 0 when it is none.
std::size_t whitespaceAt(std::string_view text, std::size_t i)
{
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F))
        return 1;
    if (b < 0x80)
        return 0;
    auto byte = [&](std::size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0; };
    if (b == 0xC2 && (byte(1) == 0x85 || byte(1) == 0xA0)) // U+0085, U+00A0
        return 2;
    if (b == 0xE1 && byte(1) == 0x9A && byte(2) == 0x80) // U+1680
        return 3;
    if (b == 0xE2 && byte(1) == 0x80 &&
        ((byte(2) >= 0x80 && byte(2) <= 0x8A) || byte(2) == 0xA8 || byte(2) == 0xA9 ||
         byte(2) == 0xAF)) // U+2000..200A, 2028, 2029, 202F
        return 3;
    if (b == 0xE2 && byte(1) == 0x81 && byte(2) == 0x9F) // U+205F
        return 3;
    if (b == 0xE3 && byte(1) == 0x80 && byte(2) == 0x80) // U+3000
        return 3;
    return 0;
}

} // namespace

std::vector<std::string_view> CaptionCorpus::splitWhitespace(std::string_view text)
{
    std::vector<std::string_view> words;
    std::size_t i = 0, start = std::string_view::npos;
    while (i < text.size()) {
        const std::size_t w = whitespaceAt(text, i);
        if (w > 0) {
            if (start != std::string_view::npos)
                words.push_back(text.substr(start, i - start));
            start = std::string_view::npos;
            i += w;
        } else {
            if (start == std::string_view::npos)
                start = i;
            ++i;
        }
    }
    if (start != std::string_view::npos)
        words.push_back(text.substr(start));
    return words;
}

std::vector<std::string_view> CaptionCorpus::splitSpaces(std::string_view text)
{
    std::vector<std::string_view> words;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i)
        if (i == text.size() || text[i] == ' ') {
            words.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    return words;
}

} // namespace vindex::eval
