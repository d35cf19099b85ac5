#pragma once
// BLEU-1..4 as pycocoevalcap computes it (bleu_scorer.py, option "closest"): corpus-level clipped n-gram
// precisions with the geometric mean over orders 1..n, the brevity penalty from the summed candidate length and the
// summed closest reference lengths (a tie between a shorter and a longer reference goes to the shorter), and the
// constants 1e-15 (added to matches and to the candidate length) and 1e-9 (added to n-gram and reference counts).
// Per-trial scores follow the same formula on one trial's counts.
#include "vindex/core/JobControl.h"
#include "vindex/eval/CaptionCorpus.h"

#include <array>
#include <cstdint>
#include <vector>

namespace vindex::eval {

struct BleuScores {
    std::array<double, 4> corpus{};                   // BLEU-1..4
    std::vector<std::array<double, 4>> perTrial;      // same order as the corpus
    int64_t candidateLength = 0, referenceLength = 0; // summed words; ratio < 1 means a brevity penalty
    std::array<int64_t, 4> matches{}, ngrams{};       // clipped matches and candidate n-grams per order
};

class Bleu {
public:
    static constexpr int kMaxOrder = 4;
    // Reports ("BLEU", trials done, trials) every few hundred trials; Cancelled when the job is cancelled.
    static BleuScores score(const CaptionCorpus &corpus, const JobControl &job = JobControl::none());
};

} // namespace vindex::eval
