#pragma once
// METEOR 1.5's aligner (private to core/eval). Every candidate word is compared with every reference word in three
// stages — exact (same word), stem (same Snowball stem, different words), synonym (a shared WordNet synset, different
// words) — and, when a paraphrase table is given, a fourth: a phrase of one line (1 to 7 words) whose paraphrase
// appears in the other line, in both directions (METEOR's ParaphraseMatcher; such a match covers several words on
// each side, and need not be a different word). All matches are kept. A match that is the only one starting at its
// reference word and the only one touching each of its words is fixed; the rest is resolved by METEOR's beam search
// over the reference words from left to right (beam 40): at each word a path takes one of the matches starting there
// whose words are still free, or skips the word (a word inside a match taken earlier is passed over); paths are
// ranked by matched words (with METEOR's search weights exact 1, every other stage 0.5, which METEOR accumulates in
// integers: a one-word stem or synonym match adds nothing to the rank, a paraphrase of n words adds ⌊n/2⌋ per side),
// then fewer chunks, then the smaller summed distance between matched positions, keeping METEOR's bookkeeping as it
// is (the distance of a taken match is charged to the sibling paths that follow it). Identical word sequences are
// aligned by the exact stage only.
#include <array>
#include <cstdint>
#include <vector>

namespace vindex::eval {

class MeteorParaphrases;

struct MeteorWord {
    int32_t key = 0;               // Java's String.hashCode of the word (METEOR compares words by it)
    int32_t stemKey = 0;           // ... of its stem
    std::vector<uint32_t> synsets; // sorted
    bool functionWord = false;
    int32_t paraphraseWord = -1; // its id in the paraphrase table, -1 when the table lacks it (or there is none)
};

// A match: reference words [start, start + length) with candidate words [matchStart, matchStart + matchLength).
struct MeteorMatch {
    int stage = 0; // 0 exact, 1 stem, 2 synonym, 3 paraphrase
    int start = 0, length = 1;
    int matchStart = 0, matchLength = 1;
};

struct MeteorAlignment {
    static constexpr int kStages = 4; // exact, stem, synonym, paraphrase
    std::array<int, kStages> testContent{}, testFunction{}, referenceContent{}, referenceFunction{};
    int testMatches = 0, referenceMatches = 0, chunks = 0;
    std::vector<MeteorMatch> matches; // the chosen matches, in reference order
};

class MeteorAligner {
public:
    // Without a paraphrase table the fourth stage never matches.
    explicit MeteorAligner(int beamSize = 40, const MeteorParaphrases *paraphrases = nullptr)
        : m_beamSize(beamSize), m_paraphrases(paraphrases)
    {
    }
    MeteorAlignment align(const std::vector<const MeteorWord *> &test,
                          const std::vector<const MeteorWord *> &reference) const;

private:
    int m_beamSize;
    const MeteorParaphrases *m_paraphrases;
};

} // namespace vindex::eval
