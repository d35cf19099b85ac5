#include "vindex/eval/PtbTokenizer.h"

#include "CharacterClasses.h"
#include "PtbLexer.h"

#include <algorithm>

namespace vindex::eval {

PtbTokenizer::PtbTokenizer() : m_lexer(std::make_unique<PtbLexer>()) {}

PtbTokenizer::~PtbTokenizer() = default;

const std::vector<std::string> &PtbTokenizer::punctuation()
{
    static const std::vector<std::string> list = {"''", "'", "``", "`", "-LRB-", "-RRB-", "-LCB-", "-RCB-", ".",
                                                  "?",  "!", ",",  ":", "-",     "--",    "...",   ";"};
    return list;
}

bool PtbTokenizer::isPunctuation(const std::string &token)
{
    const auto &list = punctuation();
    return std::find(list.begin(), list.end(), token) != list.end();
}

std::string PtbTokenizer::tokenize(const std::string &caption)
{
    return tokenizeLines({caption}).front();
}

std::vector<std::string> PtbTokenizer::tokenizeLines(const std::vector<std::string> &captions, const JobControl &job)
{
    // The captions become the lines of one text, each with its own newlines replaced by spaces.
    std::string joined;
    for (std::size_t i = 0; i < captions.size(); ++i) {
        if (i > 0)
            joined += '\n';
        std::string line = captions[i];
        std::replace(line.begin(), line.end(), '\n', ' ');
        joined += line;
    }
    std::vector<std::string> lines(1);
    for (const auto &token : m_lexer->lex(chars::utf8ToUtf16(joined), job)) {
        if (token.newline) {
            lines.emplace_back();
            continue;
        }
        const std::string text = chars::utf16ToUtf8(chars::toLower(token.text));
        if (isPunctuation(text))
            continue;
        if (!lines.back().empty())
            lines.back() += ' ';
        lines.back() += text;
    }
    // Other line-end characters (\r, U+2028, ...) would start extra lines in the jar's output and shift every
    // following caption in pycocoevalcap; here they only separate tokens, so the count always matches.
    if (lines.size() != captions.size()) {
        std::vector<std::string> aligned;
        aligned.reserve(captions.size());
        for (const auto &caption : captions) {
            std::string line = caption;
            std::replace(line.begin(), line.end(), '\n', ' ');
            std::string tokens;
            for (const auto &token : m_lexer->lex(chars::utf8ToUtf16(line))) {
                if (token.newline)
                    continue;
                const std::string text = chars::utf16ToUtf8(chars::toLower(token.text));
                if (isPunctuation(text))
                    continue;
                if (!tokens.empty())
                    tokens += ' ';
                tokens += text;
            }
            aligned.push_back(std::move(tokens));
        }
        return aligned;
    }
    return lines;
}

std::vector<std::string> PtbTokenizer::ptbTokens(const std::string &text)
{
    std::vector<std::string> out;
    for (const auto &token : m_lexer->lex(chars::utf8ToUtf16(text)))
        out.push_back(token.newline ? std::string("\n") : chars::utf16ToUtf8(chars::toLower(token.text)));
    return out;
}

std::size_t PtbTokenizer::untokenizableCount() const
{
    return m_lexer->untokenizableCount();
}

} // namespace vindex::eval
