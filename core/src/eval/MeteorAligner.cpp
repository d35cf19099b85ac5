#include "MeteorAligner.h"

#include <algorithm>
#include <cstdlib>

namespace vindex::eval {

namespace {

// METEOR's weights while searching (not its scoring weights): exact 1, every other stage 0.5.
constexpr double kSearchWeights[MeteorAlignment::kStages] = {1.0, 0.5, 0.5};

struct Match {
    int stage;
    int test; // candidate word index
};

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

// A partial alignment. Its candidate-word occupancy lives in a bit set beside it (see Beam); the matches it took are
// a chain of Decision records, so extending a path copies a few integers.
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

// Paths with their occupancy bit sets (words × 64 bits each).
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

bool isUsed(const uint64_t *used, int i)
{
    return (used[i / 64] >> (i % 64)) & 1u;
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
void count(Path &path, const Match &m, int referenceIndex)
{
    const double weight = kSearchWeights[m.stage];
    path.matches1 = static_cast<int>(path.matches1 + 1 * weight);
    path.matches2 = static_cast<int>(path.matches2 + 1 * weight);
    if (path.lastMatchEnd != -1 && m.test != path.lastMatchEnd)
        ++path.chunks;
    path.next = referenceIndex + 1;
    path.lastMatchEnd = m.test + 1;
}

// The order of a stable sort by rank.
void rank(const std::vector<Path> &paths, std::vector<int> &order)
{
    order.resize(paths.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<int>(i);
    std::stable_sort(order.begin(), order.end(), [&paths](int a, int b) { return ranksBefore(paths[a], paths[b]); });
}

} // namespace

MeteorAlignment MeteorAligner::align(const std::vector<const MeteorWord *> &test,
                                     const std::vector<const MeteorWord *> &reference) const
{
    const int n1 = static_cast<int>(test.size());
    const int n2 = static_cast<int>(reference.size());

    // All matches, listed per reference word: stage by stage, candidate words in order.
    bool identical = n1 == n2;
    for (int k = 0; identical && k < n1; ++k)
        identical = test[k]->key == reference[k]->key;
    const int stages = identical ? 1 : MeteorAlignment::kStages;
    std::vector<std::vector<Match>> matches(n2);
    std::vector<int> testCoverage(n1, 0), referenceCoverage(n2, 0);
    for (int stage = 0; stage < stages; ++stage)
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
                if (match) {
                    matches[j].push_back({stage, i});
                    ++testCoverage[i];
                    ++referenceCoverage[j];
                }
            }

    // A match that is the only one touching its two words is fixed.
    std::vector<int> fixed(n2, -1);
    Beam beam, nextBeam;
    beam.words = nextBeam.words = std::max<std::size_t>(1, (static_cast<std::size_t>(n1) + 63) / 64);
    std::vector<uint64_t> startUsed(beam.words, 0);
    for (int j = 0; j < n2; ++j)
        if (matches[j].size() == 1 && referenceCoverage[j] == 1 && testCoverage[matches[j][0].test] == 1) {
            fixed[j] = 0;
            startUsed[matches[j][0].test / 64] |= uint64_t(1) << (matches[j][0].test % 64);
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
            if (fixed[current] != -1) { // a fixed match
                if (current < path.next) {
                    nextBeam.push(path, used);
                } else if (fixed[path.next] != -1) {
                    const int j = path.next;
                    const Match &m = matches[j][fixed[j]];
                    count(path, m, j);
                    path.distance += std::abs(j - m.test);
                    nextBeam.push(path, used);
                }
                continue;
            }
            for (std::size_t k = 0; k < matches[current].size(); ++k) {
                const Match &m = matches[current][k];
                if (isUsed(used, m.test))
                    continue;
                Path taken = path;
                count(taken, m, current);
                decisions.push_back({path.decision, current, static_cast<int>(k)});
                taken.decision = static_cast<int>(decisions.size()) - 1;
                std::copy(used, used + beam.words, scratch.begin());
                scratch[m.test / 64] |= uint64_t(1) << (m.test % 64);
                path.distance += std::abs(current - m.test); // METEOR charges it here, to the parent
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
        if (nextBeam.paths.empty()) // cannot happen with one-word matches; METEOR then goes on with the best path
            nextBeam.push(beam.paths[order.front()], beam.used(order.front()));
    }
    rank(nextBeam.paths, order);
    std::vector<int> matchOf = fixed;
    for (int d = nextBeam.paths[order.front()].decision; d != -1; d = decisions[d].previous)
        matchOf[decisions[d].reference] = decisions[d].match;

    // Totals of the chosen alignment.
    MeteorAlignment a;
    a.referenceToTest.assign(n2, -1);
    a.stageOf.assign(n2, -1);
    int lastMatchEnd = -1;
    for (int j = 0; j < n2; ++j) {
        if (matchOf[j] == -1) {
            if (lastMatchEnd != -1) {
                ++a.chunks;
                lastMatchEnd = -1;
            }
            continue;
        }
        const Match &m = matches[j][matchOf[j]];
        a.referenceToTest[j] = m.test;
        a.stageOf[j] = m.stage;
        ++a.testMatches;
        ++a.referenceMatches;
        if (lastMatchEnd != -1 && m.test != lastMatchEnd)
            ++a.chunks;
        lastMatchEnd = m.test + 1;
        (test[m.test]->functionWord ? a.testFunction : a.testContent)[m.stage]++;
        (reference[j]->functionWord ? a.referenceFunction : a.referenceContent)[m.stage]++;
    }
    if (lastMatchEnd != -1)
        ++a.chunks;
    return a;
}

} // namespace vindex::eval
