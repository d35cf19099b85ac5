#include "MeteorAligner.h"

#include "vindex/eval/MeteorParaphrases.h"

#include <algorithm>
#include <cstdlib>
#include <tuple>

namespace vindex::eval {

namespace {

// METEOR's weights while searching (not its scoring weights): exact 1, every other stage 0.5.
constexpr double kSearchWeights[MeteorAlignment::kStages] = {1.0, 0.5, 0.5, 0.5};
constexpr int kParaphraseStage = 3;

bool shareSynset(const std::vector<uint32_t> &a, const std::vector<uint32_t> &b)
{
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i] == b[j])
            return true;
        if (a[i] < b[j])
            ++i;
        else
            ++j;
    }
    return false;
}

// A partial alignment. Its used words live in a bit set beside it (see Beam); the matches it took are a chain of
// Decision records, so extending a path copies a few integers.
struct Path {
    int matches1 = 0, matches2 = 0; // search-weighted matches, accumulated in integers as METEOR does
    int chunks = 0;
    int next = 0;          // METEOR's idx: the next reference word to look at
    int lastMatchEnd = -1; // candidate position after the previous match of the open chunk
    int distance = 0;
    int decision = -1; // the last match taken (index into the decisions), -1 for none
};

struct Decision {
    int previous;
    int reference;
    int match; // index into the reference word's match list
};

// Paths with their used-word bit sets: candidate words, then reference words, 64 to a word.
struct Beam {
    std::size_t words = 1;
    std::vector<Path> paths;
    std::vector<uint64_t> bits;

    void clear()
    {
        paths.clear();
        bits.clear();
    }
    void push(const Path &path, const uint64_t *used)
    {
        paths.push_back(path);
        bits.insert(bits.end(), used, used + words);
    }
    const uint64_t *used(std::size_t i) const { return bits.data() + i * words; }
};

bool isSet(const uint64_t *bits, int i)
{
    return (bits[i / 64] >> (i % 64)) & 1u;
}

void set(uint64_t *bits, int i)
{
    bits[i / 64] |= uint64_t(1) << (i % 64);
}

// METEOR's ranking of partial alignments: more (search-weighted) matches, then fewer chunks, then smaller distance.
bool ranksBefore(const Path &x, const Path &y)
{
    const int matchDiff = (y.matches1 + y.matches2) - (x.matches1 + x.matches2);
    if (matchDiff != 0)
        return matchDiff < 0;
    if (x.chunks != y.chunks)
        return x.chunks < y.chunks;
    return x.distance < y.distance;
}

// Adds one match to a path's counters as METEOR does (`int += int * double` truncates).
void count(Path &path, const MeteorMatch &m)
{
    const double weight = kSearchWeights[m.stage];
    path.matches1 = static_cast<int>(path.matches1 + m.matchLength * weight);
    path.matches2 = static_cast<int>(path.matches2 + m.length * weight);
    if (path.lastMatchEnd != -1 && m.matchStart != path.lastMatchEnd)
        ++path.chunks;
    path.next = m.start + m.length;
    path.lastMatchEnd = m.matchStart + m.matchLength;
}

// The order of a stable sort by rank.
void rank(const std::vector<Path> &paths, std::vector<int> &order)
{
    order.resize(paths.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<int>(i);
    std::stable_sort(order.begin(), order.end(), [&paths](int a, int b) { return ranksBefore(paths[a], paths[b]); });
}

// A phrase of the paraphrase table found in a line: words [start, start + length).
struct Occurrence {
    uint32_t phrase;
    int start, length;
};

// Every phrase of the table in a line, by start, then length (the order in which METEOR's trie yields them).
std::vector<Occurrence> phrasesIn(const MeteorParaphrases &table, const std::vector<int32_t> &words)
{
    std::vector<Occurrence> out;
    const int n = static_cast<int>(words.size());
    const int longest = static_cast<int>(table.longestPhrase());
    for (int start = 0; start < n; ++start)
        for (int length = 1; length <= longest && start + length <= n; ++length) {
            if (words[start + length - 1] < 0) // a word the table lacks: no longer phrase either
                break;
            const int32_t phrase = table.phrase({words.data() + start, static_cast<std::size_t>(length)});
            if (phrase != MeteorParaphrases::kUnknown)
                out.push_back({static_cast<uint32_t>(phrase), start, length});
        }
    return out;
}

// METEOR's ParaphraseMatcher: for every phrase of the `from` line (in order of start, then length), its paraphrases in
// the table's order, each wherever it occurs in the `to` line (left to right). `add(fromOccurrence, toOccurrence)`.
template <typename Add>
void matchParaphrases(const MeteorParaphrases &table, const std::vector<Occurrence> &from,
                      const std::vector<Occurrence> &to, Add &&add)
{
    std::vector<std::tuple<uint32_t, int, std::size_t>> hits; // (row's place in the file, position in `to`, index)
    for (const Occurrence &phrase : from) {
        const auto paraphrases = table.paraphrases(phrase.phrase);
        const auto fileOrder = table.fileOrder(phrase.phrase);
        hits.clear();
        for (std::size_t t = 0; t < to.size(); ++t) {
            const auto [first, last] = std::equal_range(paraphrases.begin(), paraphrases.end(), to[t].phrase);
            for (auto it = first; it != last; ++it)
                hits.emplace_back(fileOrder[it - paraphrases.begin()], to[t].start, t);
        }
        std::sort(hits.begin(), hits.end());
        for (const auto &hit : hits)
            add(phrase, to[std::get<2>(hit)]);
    }
}

} // namespace

MeteorAlignment MeteorAligner::align(const std::vector<const MeteorWord *> &test,
                                     const std::vector<const MeteorWord *> &reference) const
{
    const int n1 = static_cast<int>(test.size());
    const int n2 = static_cast<int>(reference.size());

    // All matches, listed per reference start word: stage by stage, candidate words in order.
    bool identical = n1 == n2;
    for (int k = 0; identical && k < n1; ++k)
        identical = test[k]->key == reference[k]->key;
    std::vector<std::vector<MeteorMatch>> matches(n2);
    std::vector<int> testCoverage(n1, 0), referenceCoverage(n2, 0);
    const auto add = [&](const MeteorMatch &m) {
        matches[m.start].push_back(m);
        for (int k = 0; k < m.matchLength; ++k)
            ++testCoverage[m.matchStart + k];
        for (int k = 0; k < m.length; ++k)
            ++referenceCoverage[m.start + k];
    };
    for (int stage = 0; stage < (identical ? 1 : 3); ++stage)
        for (int j = 0; j < n2; ++j)
            for (int i = 0; i < n1; ++i) {
                const MeteorWord &t = *test[i], &r = *reference[j];
                bool match = false;
                if (stage == 0)
                    match = t.key == r.key;
                else if (stage == 1)
                    match = t.stemKey == r.stemKey && t.key != r.key;
                else
                    match = t.key != r.key && shareSynset(t.synsets, r.synsets);
                if (match)
                    add({stage, j, 1, i, 1});
            }
    if (m_paraphrases && !identical) {
        std::vector<int32_t> testWords(n1), referenceWords(n2);
        for (int i = 0; i < n1; ++i)
            testWords[i] = test[i]->paraphraseWord;
        for (int j = 0; j < n2; ++j)
            referenceWords[j] = reference[j]->paraphraseWord;
        const auto inTest = phrasesIn(*m_paraphrases, testWords);
        const auto inReference = phrasesIn(*m_paraphrases, referenceWords);
        // Reference phrases paraphrased in the candidate, then candidate phrases paraphrased in the reference.
        matchParaphrases(*m_paraphrases, inReference, inTest, [&](const Occurrence &r, const Occurrence &t) {
            add({kParaphraseStage, r.start, r.length, t.start, t.length});
        });
        matchParaphrases(*m_paraphrases, inTest, inReference, [&](const Occurrence &t, const Occurrence &r) {
            add({kParaphraseStage, r.start, r.length, t.start, t.length});
        });
    }

    // A match that is the only one starting at its reference word and the only one touching each of its words is
    // fixed.
    const std::size_t testBits = (static_cast<std::size_t>(n1) + 63) / 64;
    Beam beam, nextBeam;
    beam.words = nextBeam.words = std::max<std::size_t>(1, testBits + (static_cast<std::size_t>(n2) + 63) / 64);
    std::vector<uint64_t> startUsed(beam.words, 0);
    std::vector<char> fixed(n2, 0);
    for (int j = 0; j < n2; ++j) {
        if (matches[j].size() != 1)
            continue;
        const MeteorMatch &m = matches[j][0];
        bool overlap = false;
        for (int k = 0; k < m.length; ++k)
            overlap = overlap || referenceCoverage[m.start + k] != 1;
        for (int k = 0; k < m.matchLength; ++k)
            overlap = overlap || testCoverage[m.matchStart + k] != 1;
        if (overlap)
            continue;
        fixed[j] = 1;
        for (int k = 0; k < m.length; ++k)
            set(startUsed.data() + testBits, m.start + k);
        for (int k = 0; k < m.matchLength; ++k)
            set(startUsed.data(), m.matchStart + k);
    }

    // Beam search over the reference words.
    std::vector<Decision> decisions;
    std::vector<int> order;
    std::vector<uint64_t> scratch(beam.words);
    nextBeam.push(Path{}, startUsed.data());
    for (int current = 0; current <= n2; ++current) {
        std::swap(beam, nextBeam);
        nextBeam.clear();
        rank(beam.paths, order);
        const int width = std::min<int>(m_beamSize, static_cast<int>(order.size()));
        for (int r = 0; r < width; ++r) {
            Path path = beam.paths[order[r]];
            const uint64_t *used = beam.used(order[r]);
            if (current == n2) { // complete: close the open chunk
                if (path.lastMatchEnd != -1)
                    ++path.chunks;
                nextBeam.push(path, used);
                continue;
            }
            if (isSet(used + testBits, current)) { // inside a match taken before, or a fixed match
                if (current < path.next) {
                    nextBeam.push(path, used);
                } else if (fixed[path.next]) {
                    const MeteorMatch &m = matches[path.next][0];
                    count(path, m);
                    path.distance += std::abs(m.start - m.matchStart);
                    nextBeam.push(path, used);
                }
                continue;
            }
            for (std::size_t k = 0; k < matches[current].size(); ++k) {
                const MeteorMatch &m = matches[current][k];
                bool free = true;
                for (int w = 0; free && w < m.length; ++w)
                    free = !isSet(used + testBits, m.start + w);
                for (int w = 0; free && w < m.matchLength; ++w)
                    free = !isSet(used, m.matchStart + w);
                if (!free)
                    continue;
                Path taken = path;
                count(taken, m);
                decisions.push_back({path.decision, current, static_cast<int>(k)});
                taken.decision = static_cast<int>(decisions.size()) - 1;
                std::copy(used, used + beam.words, scratch.begin());
                for (int w = 0; w < m.length; ++w)
                    set(scratch.data() + testBits, m.start + w);
                for (int w = 0; w < m.matchLength; ++w)
                    set(scratch.data(), m.matchStart + w);
                path.distance += std::abs(m.start - m.matchStart); // METEOR charges it here, to the parent
                nextBeam.push(taken, scratch.data());
            }
            // Or skip this reference word.
            if (path.lastMatchEnd != -1) {
                ++path.chunks;
                path.lastMatchEnd = -1;
            }
            ++path.next;
            nextBeam.push(path, used);
        }
        if (nextBeam.paths.empty()) // METEOR warns and goes on with the best path as it is
            nextBeam.push(beam.paths[order.front()], beam.used(order.front()));
    }
    rank(nextBeam.paths, order);
    std::vector<int> matchOf(n2, -1);
    for (int j = 0; j < n2; ++j)
        if (fixed[j])
            matchOf[j] = 0;
    for (int d = nextBeam.paths[order.front()].decision; d != -1; d = decisions[d].previous)
        matchOf[decisions[d].reference] = decisions[d].match;

    // Totals of the chosen alignment (METEOR's getCountAndChunks and its sums by stage and word type).
    MeteorAlignment a;
    int lastMatchEnd = -1;
    for (int j = 0; j < n2;) {
        if (matchOf[j] == -1) {
            if (lastMatchEnd != -1) {
                ++a.chunks;
                lastMatchEnd = -1;
            }
            ++j;
            continue;
        }
        const MeteorMatch &m = matches[j][matchOf[j]];
        a.matches.push_back(m);
        a.testMatches += m.matchLength;
        a.referenceMatches += m.length;
        if (lastMatchEnd != -1 && m.matchStart != lastMatchEnd)
            ++a.chunks;
        lastMatchEnd = m.matchStart + m.matchLength;
        for (int k = 0; k < m.matchLength; ++k)
            (test[m.matchStart + k]->functionWord ? a.testFunction : a.testContent)[m.stage]++;
        for (int k = 0; k < m.length; ++k)
            (reference[m.start + k]->functionWord ? a.referenceFunction : a.referenceContent)[m.stage]++;
        j = m.start + m.length;
    }
    if (lastMatchEnd != -1)
        ++a.chunks;
    return a;
}

} // namespace vindex::eval
