#pragma once
// "METEOR (no paraphrase)": our implementation of METEOR 1.5 as pycocoevalcap runs it (`meteor-1.5.jar - - -stdio
// -l en -norm`), with every matching stage that works offline — exact, stem (Snowball English), WordNet synonyms
// (Debian's WordNet 3.0) — and without the paraphrase stage, whose table is not available here. Paraphrase matches
// can only add matched words, so this score is as a rule at or below the jar's; it is labelled everywhere as
// "METEOR (no paraphrase)" so that nobody mistakes it for the published METEOR.
//
// Per segment (one candidate, its references): both sides are normalized (MeteorNormalizer), lower-cased and split
// on whitespace; each reference is aligned with the candidate (see MeteorAligner: exact, stem, synonym; beam search
// for the alignment with the fewest chunks), and the statistics of the reference with the highest score are kept
// (the first on ties). With the English "rank" task parameters (METEOR 1.5's default for -l en) α = 0.85, β = 0.2,
// γ = 0.6, δ = 0.75 and stage weights exact 1.0, stem 0.6, synonym 0.8 (paraphrase 0.6, a stage never matched here):
//   function words (METEOR's list of 93 frequent English words and punctuation) count 1 − δ, content words δ;
//   P = Σ_stages w_s·(δ·content_s + (1−δ)·function_s matched in the candidate) / (δ·content + (1−δ)·function words
//   of the candidate); R likewise for the reference;
//   Fmean = 1 / ((1−α)/P + α/R);  frag = chunks / ((candidate matches + reference matches) / 2), 0 when every word
//   of both sides is matched in one chunk;  score = Fmean · (1 − γ·frag^β)  (0 for no match or empty sides).
// The corpus score is the score of the statistics summed over all segments (the chunks of perfectly matched segments
// left out), which is the final line pycocoevalcap reads from the jar — not the mean of the segment scores.
//
// Differences from the jar: no paraphrase matches (which can also change which alignment wins); WordNet synsets are
// told apart by part of speech (see WordNet.h). Where no paraphrase is involved the scores are the jar's to the last
// digit (tests: nlg-eval's example as scored by pycocoevalcap's jar).
#include "vindex/core/JobControl.h"
#include "vindex/eval/CaptionCorpus.h"
#include "vindex/eval/WordNet.h"

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace vindex::eval {

struct MeteorParameters {
    double alpha = 0.85, beta = 0.20, gamma = 0.60, delta = 0.75;
    std::array<double, 4> weights{1.0, 0.6, 0.8, 0.6}; // exact, stem, synonym, paraphrase
    int beamSize = 40;
};

// The sufficient statistics of one segment (word counts), or their sum over a corpus: METEOR's 23 numbers. The
// paraphrase stage is never matched here; it is kept so that statistics from the jar can be scored as well.
struct MeteorStatistics {
    static constexpr int kStages = 4; // exact, stem, synonym, paraphrase (always 0 here)
    double testLength = 0, referenceLength = 0;
    double testFunctionWords = 0, referenceFunctionWords = 0;
    std::array<double, kStages> testContentMatches{}, referenceContentMatches{};
    std::array<double, kStages> testFunctionMatches{}, referenceFunctionMatches{};
    double chunks = 0;
    double testWordMatches = 0, referenceWordMatches = 0;

    double testTotalMatches() const;
    double referenceTotalMatches() const;
    // Every word of both sides matched, in one chunk: METEOR's "test = reference" case without fragmentation.
    bool isPerfect() const;
    // METEOR's aggregation: every count summed; the chunks of a perfect segment are left out.
    void add(const MeteorStatistics &segment);
};

struct MeteorScores {
    double corpus = 0;            // the score of the summed statistics (pycocoevalcap's number)
    std::vector<double> perTrial; // segment scores
    std::vector<MeteorStatistics> trialStatistics;
    std::vector<std::size_t> bestReference; // per trial: the reference whose statistics were kept
    MeteorStatistics total;
};

class Meteor {
public:
    static constexpr const char *kScoreName = "METEOR_noparaphrase";
    static constexpr const char *kLabel = "METEOR (no paraphrase)";

    explicit Meteor(std::shared_ptr<const WordNet> wordNet, MeteorParameters parameters = {});
    const MeteorParameters &parameters() const { return m_parameters; }
    const WordNet &wordNet() const { return *m_wordNet; }

    // The corpus as pycocoevalcap sends it: per trial the candidate (with "|||" removed and double spaces halved)
    // and its references, joined into the jar's "SCORE ||| ref ||| ... ||| candidate" line and split back.
    // Reports ("METEOR", trials done, trials) every few trials; Cancelled when the job is cancelled.
    MeteorScores score(const CaptionCorpus &corpus, const JobControl &job = JobControl::none()) const;
    // One segment as the jar's SCORE command sees it (fields already split and trimmed).
    MeteorStatistics statistics(const std::string &candidate, const std::vector<std::string> &references,
                                std::size_t *bestReference = nullptr) const;
    double score(const MeteorStatistics &statistics) const;

    // What the matcher sees of a line: normalized, lower-cased, split on whitespace.
    static std::vector<std::string> words(const std::string &line);
    static bool isFunctionWord(const std::string &word);

private:
    std::shared_ptr<const WordNet> m_wordNet;
    MeteorParameters m_parameters;
};

} // namespace vindex::eval
