#pragma once
// ROUGE-L as pycocoevalcap computes it (rouge.py): per trial, the longest common subsequence of words (split on
// single spaces) with each reference; precision and recall maximized separately over the references; then
// F = (1 + β²)·P·R / (R + β²·P) with β = 1.2 (0 when P or R is 0). The corpus score is the mean over trials.
#include "vindex/core/JobControl.h"
#include "vindex/eval/CaptionCorpus.h"

#include <vector>

namespace vindex::eval {

struct RougeScores {
    double corpus = 0;
    std::vector<double> perTrial;
};

class Rouge {
public:
    static constexpr double kBeta = 1.2;
    // Reports ("ROUGE-L", trials done, trials) every few hundred trials; Cancelled when the job is cancelled.
    static RougeScores score(const CaptionCorpus &corpus, const JobControl &job = JobControl::none());
    // The LCS length of two word sequences.
    static std::size_t lcs(const std::vector<uint32_t> &a, const std::vector<uint32_t> &b);
};

} // namespace vindex::eval
