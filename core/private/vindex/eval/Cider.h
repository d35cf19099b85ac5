#pragma once
// CIDEr-D as pycocoevalcap's Cider computes it (cider_scorer.py): TF-IDF vectors of the n-grams of orders 1..4,
// document frequencies counted over the reference sets of the evaluated trials (so score a whole set at once, never
// in batches), IDF = log(trials) − log(max(1, df)); per order the clipped cosine Σ min(c, r)·r / (|c|·|r|) times the
// length penalty exp(−δ²/2σ²), σ = 6, where δ is the difference in bigram counts (pycocoevalcap's "length"); the
// mean over orders, averaged over the references and ×10. The corpus score is the mean over trials.
#include "vindex/core/JobControl.h"
#include "vindex/eval/CaptionCorpus.h"

#include <vector>

namespace vindex::eval {

struct CiderScores {
    double corpus = 0;
    std::vector<double> perTrial;
};

class Cider {
public:
    static constexpr int kMaxOrder = 4;
    static constexpr double kSigma = 6.0;
    // Reports ("CIDEr", trials done, trials) every few hundred trials; Cancelled when the job is cancelled.
    static CiderScores score(const CaptionCorpus &corpus, const JobControl &job = JobControl::none());
};

} // namespace vindex::eval
