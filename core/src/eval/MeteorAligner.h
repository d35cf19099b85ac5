#pragma once
// METEOR 1.5's aligner without the paraphrase stage (private to core/eval). Every candidate word is compared with
// every reference word in three stages — exact (same word), stem (same Snowball stem, different words), synonym
// (a shared WordNet synset, different words) — and all matches are kept. A match that is the only one touching both
// its words is fixed; the rest is resolved by METEOR's beam search over the reference words from left to right
// (beam 40): at each word a path takes one of the word's still-free matches or skips the word; paths are ranked by
// matched words (with METEOR's search weights exact 1, stem and synonym 0.5, which METEOR accumulates in integers,
// so a stem or synonym match adds nothing to the rank), then fewer chunks, then the smaller summed distance between
// matched positions, keeping METEOR's bookkeeping as it is (the distance of a taken match is charged to the sibling
// paths that follow it). Identical word sequences are aligned by the exact stage only.
#include <array>
#include <cstdint>
#include <vector>

namespace vindex::eval {

struct MeteorWord {
    int32_t key = 0;               // Java's String.hashCode of the word (METEOR compares words by it)
    int32_t stemKey = 0;           // ... of its stem
    std::vector<uint32_t> synsets; // sorted
    bool functionWord = false;
};

struct MeteorAlignment {
    static constexpr int kStages = 3; // exact, stem, synonym
    std::array<int, kStages> testContent{}, testFunction{}, referenceContent{}, referenceFunction{};
    int testMatches = 0, referenceMatches = 0, chunks = 0;
    std::vector<int> referenceToTest; // per reference word: the matched candidate word, -1 if none
    std::vector<int> stageOf;         // per reference word: the stage of its match, -1 if none
};

class MeteorAligner {
public:
    explicit MeteorAligner(int beamSize = 40) : m_beamSize(beamSize) {}
    MeteorAlignment align(const std::vector<const MeteorWord *> &test,
                          const std::vector<const MeteorWord *> &reference) const;

private:
    int m_beamSize;
};

} // namespace vindex::eval
