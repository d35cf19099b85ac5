#pragma once
// An evaluated set of captions after tokenization: what pycocoevalcap's scorers receive as `res` and `gts`. One
// candidate and at least one reference per trial, each a string of tokens joined by single spaces.
#include <string>
#include <string_view>
#include <vector>

namespace vindex::eval {

class CaptionCorpus {
public:
    CaptionCorpus() = default;
    // DataError when the sizes differ or a trial has no reference.
    CaptionCorpus(std::vector<std::string> candidates, std::vector<std::vector<std::string>> references);

    std::size_t size() const { return m_candidates.size(); }
    const std::vector<std::string> &candidates() const { return m_candidates; }
    const std::vector<std::vector<std::string>> &references() const { return m_references; }

    // Python's str.split(): runs of Unicode whitespace separate words (BLEU and CIDEr split this way, so a
    // no-break space inside a PTB token such as "1 1/2" separates words there).
    static std::vector<std::string_view> splitWhitespace(std::string_view text);
    // Python's str.split(" "): every single space separates, empty words included (ROUGE-L splits this way).
    static std::vector<std::string_view> splitSpaces(std::string_view text);

private:
    std::vector<std::string> m_candidates;
    std::vector<std::vector<std::string>> m_references;
};

} // namespace vindex::eval
