#pragma once
// The token rules of the Stanford PTB tokenizer as pycocoevalcap runs it (CoreNLP 3.4.1's PTBLexer with its default
// options plus tokenizeNLs: PTB3 escaping, LaTeX quotes, no Americanization, no escaping of / and *, splitting of
// assimilations like "cannot", untokenizable characters deleted). An independent implementation of the documented
// behaviour over our own TokenAutomaton. Private to core/eval; PtbTokenizer is the public face.
#include "TokenAutomaton.h"

#include "vindex/core/JobControl.h"

#include <string>
#include <vector>

namespace vindex::eval {

class PtbLexer {
public:
    struct Token {
        std::u16string text; // as the lexer writes it (not lower-cased); empty for a newline
        bool newline = false;
    };

    PtbLexer();

    // The tokens of text (UTF-16 code units), newlines included as tokens. Not thread-safe (see TokenAutomaton).
    // Cancelled when the job is cancelled (checked every few thousand tokens).
    std::vector<Token> lex(const std::u16string &text, const JobControl &job = JobControl::none());
    // Characters the lexer had no rule for and dropped, since construction.
    std::size_t untokenizableCount() const { return m_untokenizable; }

private:
    TokenAutomaton m_automaton;
    std::size_t m_untokenizable = 0;
};

} // namespace vindex::eval
