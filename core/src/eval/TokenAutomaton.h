#pragma once
// A small lexer generator: rules written as regular expressions over UTF-16 code units, matched the way JFlex
// scanners match (the longest match wins, counting a rule's trailing context; equal lengths go to the earlier rule).
// Used by PtbLexer to reproduce the Stanford PTB tokenizer. Private to core/eval.
//
// Pattern syntax: literals (matched without regard to case when the automaton is caseless, as under JFlex's
// %caseless), `\` escapes (\uXXXX, \t, \n, \r, \f, \0, or any other character taken literally), `.` (anything but
// \n), classes `[...]` / `[^...]` with ranges and the named sets [:letter:] [:digit:] [:uppercase:] (classes never
// ignore case; `[^]` is any character), grouping `( )`, alternation `|`, postfix `* + ? {n} {n,m}`, and macros
// `{NAME}` defined before use.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace vindex::eval {

class TokenAutomaton {
public:
    struct Rule {
        std::string pattern;
        std::string trailingContext; // empty: none (JFlex `pattern/trailingContext`)
    };

    struct Match {
        int rule = -1;          // index into the rules; -1 when nothing matched
        std::size_t length = 0; // the matched text, without the trailing context
    };

    // Throws std::invalid_argument naming the pattern for a syntax error.
    TokenAutomaton(const std::vector<std::pair<std::string, std::string>> &macros, const std::vector<Rule> &rules,
                   bool caseless);

    // The longest match at `position` of text (UTF-16 code units). Builds DFA states on demand, so it is not const
    // and one automaton must not be used by two threads at once.
    Match longestMatch(const std::u16string &text, std::size_t position);

    std::size_t dfaStateCount() const { return m_dfa.size(); }

private:
    struct CharClass {
        std::vector<std::pair<char16_t, char16_t>> ranges;
        uint8_t named = 0; // kLetter | kDigit | kUppercase
        bool negated = false;
        bool contains(char16_t c) const;
    };
    struct Node {
        enum Kind { Char, Concat, Alternation, Repeat, Empty } kind = Empty;
        int charClass = -1;
        std::vector<int> children;
        int min = 0, max = 0; // Repeat; max -1 = unbounded
    };
    struct NfaState {
        int charClass = -1; // consuming edge, or -1
        int next = -1;
        std::vector<int> epsilon;
        int accept = -1; // rule index
    };
    struct Nfa {
        std::vector<NfaState> states;
        int start = -1;
    };
    struct DfaState {
        std::vector<int> nfaStates; // sorted epsilon closure
        int accept = -1;            // lowest accepting rule
        std::array<int, 128> ascii; // -2: not built yet, -1: dead
    };
    class Parser;

    int parse(const std::string &pattern);
    int addNode(Node node);
    int buildFragment(Nfa &nfa, int node, int from);
    void closure(const Nfa &nfa, std::vector<int> &states);
    int internDfaState(std::vector<int> states);
    int step(int dfaState, char16_t c);
    // Whether `node` matches text[from, to) exactly (simulated on its own NFA).
    bool matchesExactly(const Nfa &nfa, const std::u16string &text, std::size_t from, std::size_t to);
    // Every end position p in [from, limit] such that text[from, p) matches.
    std::vector<std::size_t> matchEnds(const Nfa &nfa, const std::u16string &text, std::size_t from, std::size_t limit);
    Nfa buildStandalone(int node);

    bool m_caseless;
    std::map<std::string, int> m_macros; // name → node
    std::vector<Node> m_nodes;
    std::vector<CharClass> m_classes;
    std::vector<Rule> m_rules;
    std::vector<int> m_ruleHeads, m_ruleContexts; // nodes; context -1 when none
    std::vector<Nfa> m_headNfas, m_contextNfas;   // for splitting off the trailing context
    Nfa m_nfa;                                    // all rules, head and context concatenated
    std::vector<DfaState> m_dfa;
    std::map<std::vector<int>, int> m_dfaIndex;
    std::vector<uint32_t> m_mark; // closure bookkeeping
    uint32_t m_generation = 0;
};

} // namespace vindex::eval
