#pragma once
// METEOR 1.5 as pycocoevalcap runs it (`meteor-1.5.jar - - -stdio -l en -norm`), in two forms:
//   "METEOR"                  with a paraphrase table (MeteorParaphrases: the jar's paraphrase-en.gz): every matching
//                             stage of the jar — exact, stem (Snowball English), WordNet synonyms (Debian's WordNet
//                             3.0), paraphrase — so the score is the jar's, the METEOR BrainHub publishes;
//   "METEOR_noparaphrase"     without one, shown as "METEOR (no paraphrase)": the paraphrase stage never matches.
//                             Paraphrase matches can only add matched words, so this score is as a rule at or below
//                             the jar's; it is labelled everywhere so that nobody mistakes it for the published METEOR.
//
// Per segment (one candidate, its references): both sides are normalized (MeteorNormalizer), lower-cased and split
// on whitespace; each reference is aligned with the candidate (see MeteorAligner: exact, stem, synonym, paraphrase;
// beam search for the alignment with the fewest chunks), and the statistics of the reference with the highest score
// are kept (the first on ties). With the English "rank" task parameters (METEOR 1.5's default for -l en) α = 0.85,
// β = 0.2, γ = 0.6, δ = 0.75 and stage weights exact 1.0, stem 0.6, synonym 0.8, paraphrase 0.6:
//   function words (METEOR's list of 93 frequent English words and punctuation) count 1 − δ, content words δ;
//   P = Σ_stages w_s·(δ·content_s + (1−δ)·function_s matched in the candidate) / (δ·content + (1−δ)·function words
//   of the candidate); R likewise for the reference (a paraphrase match counts every word it covers on each side,
//   so the two sides' match counts can differ);
//   Fmean = 1 / ((1−α)/P + α/R);  frag = chunks / ((candidate matches + reference matches) / 2), 0 when every word
//   of both sides is matched in one chunk;  score = Fmean · (1 − γ·frag^β)  (0 for no match or empty sides).
// The corpus score is the score of the statistics summed over all segments (the chunks of perfectly matched segments
// left out), which is the final line pycocoevalcap reads from the jar — not the mean of the segment scores.
//
// Synonyms come from the jar's own synonym files when it is at hand (MeteorSynonyms: pycocoevalcap ships the jar beside
// the paraphrase table's folder): then every score is the jar's to the last digit (tests: the jar on every BrainHub
// file). Otherwise from Debian's WordNet (WordNet.h), whose synsets are told apart by part of speech: the jar's files
// key them by offset alone, which pairs a few unrelated words, so a handful of BrainHub's 982 trials per file differ.
#include "vindex/core/JobControl.h"
#include "vindex/eval/CaptionCorpus.h"
#include "vindex/eval/MeteorParaphrases.h"
#include "vindex/eval/MeteorSynonyms.h"
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

// The sufficient statistics of one segment (word counts), or their sum over a corpus: METEOR's 23 numbers (the jar's
// SCORE answer, in the same order: lengths, function words, per stage test/reference content/function matches, chunks,
// test and reference word matches).
struct MeteorStatistics {
    static constexpr int kStages = 4; // exact, stem, synonym, paraphrase (0 without a paraphrase table)
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
    // Without a paraphrase table:
    static constexpr const char *kScoreName = "METEOR_noparaphrase";
    static constexpr const char *kLabel = "METEOR (no paraphrase)";
    // With one (the jar's METEOR):
    static constexpr const char *kParaphraseScoreName = "METEOR";
    static constexpr const char *kParaphraseLabel = "METEOR";

    explicit Meteor(std::shared_ptr<const WordNet> wordNet, MeteorParameters parameters = {});
    // paraphrases null: as the constructor above. synonyms (the jar's own synonym files) given: the synonym stage
    // uses them instead of WordNet, which may then be null.
    Meteor(std::shared_ptr<const WordNet> wordNet, std::shared_ptr<const MeteorParaphrases> paraphrases,
           std::shared_ptr<const MeteorSynonyms> synonyms = nullptr, MeteorParameters parameters = {});
    const MeteorParameters &parameters() const { return m_parameters; }
    const WordNet *wordNet() const { return m_wordNet.get(); }
    const MeteorSynonyms *synonyms() const { return m_synonyms.get(); }
    const MeteorParaphrases *paraphrases() const { return m_paraphrases.get(); }
    // kParaphraseScoreName / kParaphraseLabel with a paraphrase table, kScoreName / kLabel without.
    const char *scoreName() const { return m_paraphrases ? kParaphraseScoreName : kScoreName; }
    const char *label() const { return m_paraphrases ? kParaphraseLabel : kLabel; }

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
    std::shared_ptr<const MeteorParaphrases> m_paraphrases;
    std::shared_ptr<const MeteorSynonyms> m_synonyms;
    MeteorParameters m_parameters;
};

} // namespace vindex::eval
