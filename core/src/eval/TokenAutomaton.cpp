#include "TokenAutomaton.h"

#include "CharacterClasses.h"

#include <algorithm>
#include <stdexcept>

namespace vindex::eval {

namespace {

constexpr uint8_t kLetter = 1, kDigit = 2, kUppercase = 4;

} // namespace

bool TokenAutomaton::CharClass::contains(char16_t c) const
{
    bool in = false;
    for (const auto &[first, last] : ranges)
        if (c >= first && c <= last) {
            in = true;
            break;
        }
    if (!in && named != 0)
        in = ((named & kLetter) && chars::isLetter(c)) || ((named & kDigit) && chars::isDigit(c)) ||
             ((named & kUppercase) && chars::isUppercase(c));
    return negated ? !in : in;
}

// Recursive descent over one pattern (UTF-16), producing nodes of the owning automaton.
class TokenAutomaton::Parser {
public:
    Parser(TokenAutomaton &automaton, const std::string &pattern)
        : m_a(automaton), m_original(pattern), m_p(chars::utf8ToUtf16(pattern))
    {
    }

    int parseAll()
    {
        const int node = parseAlternation();
        if (m_i != m_p.size())
            fail("unexpected ')'");
        return node;
    }

private:
    [[noreturn]] void fail(const std::string &what) const
    {
        throw std::invalid_argument("token pattern '" + m_original + "': " + what + " at offset " +
                                    std::to_string(m_i));
    }
    bool atEnd() const { return m_i >= m_p.size(); }
    char16_t peek(std::size_t ahead = 0) const { return m_i + ahead < m_p.size() ? m_p[m_i + ahead] : 0; }

    int parseAlternation()
    {
        std::vector<int> options{parseConcatenation()};
        while (!atEnd() && peek() == u'|') {
            ++m_i;
            options.push_back(parseConcatenation());
        }
        if (options.size() == 1)
            return options.front();
        Node n;
        n.kind = Node::Alternation;
        n.children = std::move(options);
        return m_a.addNode(std::move(n));
    }

    int parseConcatenation()
    {
        std::vector<int> items;
        while (!atEnd() && peek() != u'|' && peek() != u')')
            items.push_back(parseRepetition());
        if (items.size() == 1)
            return items.front();
        Node n;
        n.kind = items.empty() ? Node::Empty : Node::Concat;
        n.children = std::move(items);
        return m_a.addNode(std::move(n));
    }

    int parseRepetition()
    {
        int node = parseAtom();
        for (;;) {
            int min = 0, max = 0;
            if (peek() == u'*') {
                min = 0, max = -1, ++m_i;
            } else if (peek() == u'+') {
                min = 1, max = -1, ++m_i;
            } else if (peek() == u'?') {
                min = 0, max = 1, ++m_i;
            } else if (peek() == u'{' && peek(1) >= u'0' && peek(1) <= u'9') {
                ++m_i;
                min = max = readNumber();
                if (peek() == u',') {
                    ++m_i;
                    max = readNumber();
                }
                if (peek() != u'}' || max < min)
                    fail("bad repetition");
                ++m_i;
            } else {
                return node;
            }
            Node n;
            n.kind = Node::Repeat;
            n.children = {node};
            n.min = min;
            n.max = max;
            node = m_a.addNode(std::move(n));
        }
    }

    int readNumber()
    {
        int value = 0;
        bool any = false;
        while (peek() >= u'0' && peek() <= u'9') {
            value = value * 10 + (peek() - u'0');
            ++m_i;
            any = true;
        }
        if (!any)
            fail("number expected");
        return value;
    }

    char16_t readEscaped()
    {
        // at the character after the backslash
        if (atEnd())
            fail("dangling backslash");
        const char16_t c = m_p[m_i++];
        switch (c) {
        case u't': return u'\t';
        case u'n': return u'\n';
        case u'r': return u'\r';
        case u'f': return u'\f';
        case u'0': return 0;
        case u'u': {
            if (m_i + 4 > m_p.size())
                fail("short \\u escape");
            char16_t value = 0;
            for (int k = 0; k < 4; ++k) {
                const char16_t h = m_p[m_i++];
                int digit = (h >= u'0' && h <= u'9')   ? h - u'0'
                            : (h >= u'a' && h <= u'f') ? h - u'a' + 10
                            : (h >= u'A' && h <= u'F') ? h - u'A' + 10
                                                       : -1;
                if (digit < 0)
                    fail("bad \\u escape");
                value = static_cast<char16_t>(value * 16 + digit);
            }
            return value;
        }
        default: return c;
        }
    }

    int literal(char16_t c)
    {
        CharClass cls;
        cls.ranges.push_back({c, c});
        if (m_a.m_caseless) {
            const char16_t lower = chars::toLower(std::u16string(1, c)).front();
            char16_t upper = c;
            if (c >= u'a' && c <= u'z')
                upper = static_cast<char16_t>(c - 32);
            if (lower != c)
                cls.ranges.push_back({lower, lower});
            if (upper != c)
                cls.ranges.push_back({upper, upper});
        }
        return charNode(std::move(cls));
    }

    int charNode(CharClass cls)
    {
        m_a.m_classes.push_back(std::move(cls));
        Node n;
        n.kind = Node::Char;
        n.charClass = static_cast<int>(m_a.m_classes.size()) - 1;
        return m_a.addNode(std::move(n));
    }

    uint8_t namedClass(const std::u16string &name) const
    {
        if (name == u"letter")
            return kLetter;
        if (name == u"digit")
            return kDigit;
        if (name == u"uppercase")
            return kUppercase;
        fail("unknown named class");
    }

    int parseClass()
    {
        // at the character after '['
        CharClass cls;
        for (const char16_t *name : {u":letter:]", u":digit:]", u":uppercase:]"}) { // a named class on its own
            const std::u16string n(name);
            if (m_p.compare(m_i, n.size(), n) == 0) {
                cls.named = namedClass(n.substr(1, n.size() - 3));
                m_i += n.size();
                return charNode(std::move(cls));
            }
        }
        if (peek() == u'^') {
            cls.negated = true;
            ++m_i;
        }
        while (!atEnd() && peek() != u']') {
            if (peek() == u'[' && peek(1) == u':') {
                const auto close = m_p.find(u":]", m_i + 2);
                if (close == std::u16string::npos)
                    fail("unterminated [: :]");
                cls.named |= namedClass(m_p.substr(m_i + 2, close - m_i - 2));
                m_i = close + 2;
                continue;
            }
            char16_t first = m_p[m_i++];
            if (first == u'\\')
                first = readEscaped();
            char16_t last = first;
            if (peek() == u'-' && peek(1) != u']' && m_i + 1 < m_p.size()) {
                ++m_i;
                last = m_p[m_i++];
                if (last == u'\\')
                    last = readEscaped();
                if (last < first)
                    fail("reversed range");
            }
            cls.ranges.push_back({first, last});
        }
        if (atEnd())
            fail("unterminated class");
        ++m_i; // ']'
        return charNode(std::move(cls));
    }

    int parseAtom()
    {
        if (atEnd())
            fail("pattern ends early");
        const char16_t c = m_p[m_i++];
        switch (c) {
        case u'(': {
            const int node = parseAlternation();
            if (peek() != u')')
                fail("missing ')'");
            ++m_i;
            return node;
        }
        case u'[': return parseClass();
        case u'.': {
            CharClass cls;
            cls.negated = true;
            cls.ranges.push_back({u'\n', u'\n'});
            return charNode(std::move(cls));
        }
        case u'\\': return literal(readEscaped());
        case u'{': {
            const auto close = m_p.find(u'}', m_i);
            if (close == std::u16string::npos)
                fail("unterminated macro reference");
            const std::string name = chars::utf16ToUtf8(m_p.substr(m_i, close - m_i));
            const auto found = m_a.m_macros.find(name);
            if (found == m_a.m_macros.end())
                fail("unknown macro {" + name + "}");
            m_i = close + 1;
            return found->second;
        }
        case u'*':
        case u'+':
        case u'?': fail("repetition without an operand");
        default: return literal(c);
        }
    }

    TokenAutomaton &m_a;
    std::string m_original;
    std::u16string m_p;
    std::size_t m_i = 0;
};

int TokenAutomaton::addNode(Node node)
{
    m_nodes.push_back(std::move(node));
    return static_cast<int>(m_nodes.size()) - 1;
}

int TokenAutomaton::parse(const std::string &pattern)
{
    return Parser(*this, pattern).parseAll();
}

TokenAutomaton::TokenAutomaton(const std::vector<std::pair<std::string, std::string>> &macros,
                               const std::vector<Rule> &rules, bool caseless)
    : m_caseless(caseless), m_rules(rules)
{
    for (const auto &[name, pattern] : macros)
        m_macros[name] = parse(pattern);
    m_nfa.states.emplace_back();
    m_nfa.start = 0;
    for (std::size_t r = 0; r < rules.size(); ++r) {
        const int head = parse(rules[r].pattern);
        const int context = rules[r].trailingContext.empty() ? -1 : parse(rules[r].trailingContext);
        m_ruleHeads.push_back(head);
        m_ruleContexts.push_back(context);
        const int begin = static_cast<int>(m_nfa.states.size());
        m_nfa.states.emplace_back();
        m_nfa.states[0].epsilon.push_back(begin);
        int end = buildFragment(m_nfa, head, begin);
        if (context >= 0)
            end = buildFragment(m_nfa, context, end);
        m_nfa.states[end].accept = static_cast<int>(r);
        m_headNfas.push_back(context >= 0 ? buildStandalone(head) : Nfa{});
        m_contextNfas.push_back(context >= 0 ? buildStandalone(context) : Nfa{});
    }
    m_mark.assign(m_nfa.states.size(), 0);
    std::vector<int> start{m_nfa.start};
    closure(m_nfa, start);
    internDfaState(std::move(start));
}

TokenAutomaton::Nfa TokenAutomaton::buildStandalone(int node)
{
    Nfa nfa;
    nfa.states.emplace_back();
    nfa.start = 0;
    const int end = buildFragment(nfa, node, 0);
    nfa.states[end].accept = 0;
    return nfa;
}

int TokenAutomaton::buildFragment(Nfa &nfa, int nodeIndex, int from)
{
    auto newState = [&nfa] {
        nfa.states.emplace_back();
        return static_cast<int>(nfa.states.size()) - 1;
    };
    const Node node = m_nodes[nodeIndex]; // copy: m_nodes does not change here, but keep it simple and safe
    switch (node.kind) {
    case Node::Empty: return from;
    case Node::Char: {
        const int a = newState(), b = newState();
        nfa.states[from].epsilon.push_back(a);
        nfa.states[a].charClass = node.charClass;
        nfa.states[a].next = b;
        return b;
    }
    case Node::Concat: {
        int current = from;
        for (int child : node.children)
            current = buildFragment(nfa, child, current);
        return current;
    }
    case Node::Alternation: {
        const int end = newState();
        for (int child : node.children) {
            const int s = newState();
            nfa.states[from].epsilon.push_back(s);
            const int e = buildFragment(nfa, child, s);
            nfa.states[e].epsilon.push_back(end);
        }
        return end;
    }
    case Node::Repeat: {
        int current = from;
        for (int k = 0; k < node.min; ++k)
            current = buildFragment(nfa, node.children.front(), current);
        if (node.max < 0) {
            const int loop = newState();
            nfa.states[current].epsilon.push_back(loop);
            const int e = buildFragment(nfa, node.children.front(), loop);
            nfa.states[e].epsilon.push_back(loop);
            return loop;
        }
        const int exit = newState();
        nfa.states[current].epsilon.push_back(exit);
        for (int k = node.min; k < node.max; ++k) {
            current = buildFragment(nfa, node.children.front(), current);
            nfa.states[current].epsilon.push_back(exit);
        }
        return exit;
    }
    }
    return from;
}

void TokenAutomaton::closure(const Nfa &nfa, std::vector<int> &states)
{
    if (m_mark.size() < nfa.states.size())
        m_mark.resize(nfa.states.size(), 0);
    if (++m_generation == 0) {
        std::fill(m_mark.begin(), m_mark.end(), 0);
        m_generation = 1;
    }
    std::vector<int> stack;
    std::vector<int> result;
    for (int s : states)
        if (m_mark[s] != m_generation) {
            m_mark[s] = m_generation;
            stack.push_back(s);
        }
    while (!stack.empty()) {
        const int s = stack.back();
        stack.pop_back();
        result.push_back(s);
        for (int t : nfa.states[s].epsilon)
            if (m_mark[t] != m_generation) {
                m_mark[t] = m_generation;
                stack.push_back(t);
            }
    }
    std::sort(result.begin(), result.end());
    states = std::move(result);
}

int TokenAutomaton::internDfaState(std::vector<int> states)
{
    const auto found = m_dfaIndex.find(states);
    if (found != m_dfaIndex.end())
        return found->second;
    DfaState d;
    d.ascii.fill(-2);
    for (int s : states)
        if (m_nfa.states[s].accept >= 0 && (d.accept < 0 || m_nfa.states[s].accept < d.accept))
            d.accept = m_nfa.states[s].accept;
    d.nfaStates = states;
    m_dfa.push_back(std::move(d));
    const int index = static_cast<int>(m_dfa.size()) - 1;
    m_dfaIndex.emplace(std::move(states), index);
    return index;
}

int TokenAutomaton::step(int dfaState, char16_t c)
{
    if (c < 128 && m_dfa[dfaState].ascii[c] != -2)
        return m_dfa[dfaState].ascii[c];
    std::vector<int> next;
    for (int s : m_dfa[dfaState].nfaStates) {
        const NfaState &state = m_nfa.states[s];
        if (state.charClass >= 0 && m_classes[state.charClass].contains(c))
            next.push_back(state.next);
    }
    int result = -1;
    if (!next.empty()) {
        closure(m_nfa, next);
        result = internDfaState(std::move(next));
    }
    if (c < 128)
        m_dfa[dfaState].ascii[c] = result;
    return result;
}

std::vector<std::size_t> TokenAutomaton::matchEnds(const Nfa &nfa, const std::u16string &text, std::size_t from,
                                                   std::size_t limit)
{
    std::vector<std::size_t> ends;
    std::vector<int> current{nfa.start};
    closure(nfa, current);
    for (std::size_t i = from;; ++i) {
        for (int s : current)
            if (nfa.states[s].accept >= 0) {
                ends.push_back(i);
                break;
            }
        if (i >= limit || i >= text.size())
            break;
        std::vector<int> next;
        for (int s : current) {
            const NfaState &state = nfa.states[s];
            if (state.charClass >= 0 && m_classes[state.charClass].contains(text[i]))
                next.push_back(state.next);
        }
        if (next.empty())
            break;
        closure(nfa, next);
        current = std::move(next);
    }
    return ends;
}

bool TokenAutomaton::matchesExactly(const Nfa &nfa, const std::u16string &text, std::size_t from, std::size_t to)
{
    const auto ends = matchEnds(nfa, text, from, to);
    return !ends.empty() && ends.back() == to;
}

TokenAutomaton::Match TokenAutomaton::longestMatch(const std::u16string &text, std::size_t position)
{
    Match best;
    std::size_t bestEnd = position;
    int d = 0;
    for (std::size_t i = position; i < text.size(); ++i) {
        d = step(d, text[i]);
        if (d < 0)
            break;
        if (m_dfa[d].accept >= 0) {
            best.rule = m_dfa[d].accept;
            bestEnd = i + 1;
        }
    }
    if (best.rule < 0)
        return best;
    best.length = bestEnd - position;
    if (m_ruleContexts[best.rule] >= 0) {
        // Split the trailing context off: the longest head after which the context matches the rest exactly.
        const auto ends = matchEnds(m_headNfas[best.rule], text, position, bestEnd);
        for (auto e = ends.rbegin(); e != ends.rend(); ++e)
            if (matchesExactly(m_contextNfas[best.rule], text, *e, bestEnd)) {
                best.length = *e - position;
                break;
            }
    }
    return best;
}

} // namespace vindex::eval
