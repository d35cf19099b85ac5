#pragma once
// What pycocoevalcap hands its scorers: each caption with '\n' replaced by ' ', all captions of one call written as
// the lines of one file, tokenized by the Stanford PTBTokenizer (CoreNLP 3.4.1) with `-preserveLines -lowerCase`,
// and then every token in pycocoevalcap's punctuation list dropped; the rest joined by single spaces.
//
// Facts that decide the numbers: contractions split off ("don't" → "do n't", "it's" → "it 's"), "cannot" →
// "can not", hyphenated words and numbers with decimal points or commas stay whole, quotes become `` '' ` ' and
// brackets -LRB- -RRB- -LSB- -RSB- -LCB- -RCB-. The punctuation list is applied after lower-casing and is
// case-sensitive, so "(" survives as the token "-lrb-" while "." "," "?" "!" ":" ";" "-" "--" "..." and the quotes
// disappear. Abbreviations keep their period ("st.", "u.s."), and a single capital with a period ("A.") is one
// token unless the next line starts a sentence.
//
// Lines are tokenized as one stream, as the jar reads them: a few rules look past the end of a line (an acronym
// before a capitalized word), so tokenize a set of captions with tokenizeLines in the order they would be written.
// Not thread-safe: use one tokenizer per thread.
#include "vindex/core/JobControl.h"

#include <memory>
#include <string>
#include <vector>

namespace vindex::eval {

class PtbLexer;

class PtbTokenizer {
public:
    PtbTokenizer();
    ~PtbTokenizer();
    PtbTokenizer(const PtbTokenizer &) = delete;
    PtbTokenizer &operator=(const PtbTokenizer &) = delete;

    // pycocoevalcap's list of tokens dropped after tokenization.
    static const std::vector<std::string> &punctuation();
    static bool isPunctuation(const std::string &token);

    // One caption as pycocoevalcap's scorers receive it (a single line).
    std::string tokenize(const std::string &caption);
    // Several captions, as one tokenizer call of pycocoevalcap: one result per caption, same order. Cancelled when
    // the job is cancelled (checked every few thousand tokens: a corpus's references take a second or more).
    std::vector<std::string> tokenizeLines(const std::vector<std::string> &captions,
                                           const JobControl &job = JobControl::none());

    // The lower-cased PTB tokens of text before punctuation removal; "\n" marks a line end.
    std::vector<std::string> ptbTokens(const std::string &text);

    // Characters dropped because the tokenizer has no rule for them (CoreNLP drops them too, with a warning).
    std::size_t untokenizableCount() const;

private:
    std::unique_ptr<PtbLexer> m_lexer;
};

} // namespace vindex::eval
