#include "vindex/eval/Bleu.h"

#include "NGramIndex.h"

#include <cmath>
#include <cstdlib>
#include <unordered_map>

namespace vindex::eval {

namespace {

constexpr double kTiny = 1e-15; // added to matches and to the candidate length
constexpr double kSmall = 1e-9; // added to n-gram counts and to the reference length

// BLEU-1..4 from counts, as pycocoevalcap writes the loop (cumulative product, then the (k+1)-th root).
std::array<double, 4> bleuFromCounts(const std::array<int64_t, 4> &matches, const std::array<int64_t, 4> &ngrams,
                                     double candidateLength, double referenceLength)
{
    std::array<double, 4> bleu{};
    double product = 1.0;
    for (int k = 0; k < Bleu::kMaxOrder; ++k) {
        product *= (static_cast<double>(matches[k]) + kTiny) / (static_cast<double>(ngrams[k]) + kSmall);
        bleu[k] = std::pow(product, 1.0 / (k + 1));
    }
    const double ratio = (candidateLength + kTiny) / (referenceLength + kSmall);
    if (ratio < 1)
        for (auto &b : bleu)
            b *= std::exp(1 - 1 / ratio);
    return bleu;
}

} // namespace

BleuScores Bleu::score(const CaptionCorpus &corpus, const JobControl &job)
{
    BleuScores result;
    result.perTrial.reserve(corpus.size());
    NGramIndex index;
    std::unordered_map<uint32_t, uint32_t> maxReferenceCounts;
    for (std::size_t t = 0; t < corpus.size(); ++t) {
        if (t % 256 == 0)
            job.report("BLEU", static_cast<int64_t>(t), static_cast<int64_t>(corpus.size()));
        maxReferenceCounts.clear();
        std::vector<int64_t> referenceLengths;
        for (const auto &reference : corpus.references()[t]) {
            const auto words = index.words(CaptionCorpus::splitWhitespace(reference));
            referenceLengths.push_back(static_cast<int64_t>(words.size()));
            for (const auto &[id, count] : index.counts(words, kMaxOrder)) {
                auto &m = maxReferenceCounts[id];
                m = std::max(m, count);
            }
        }
        const auto words = index.words(CaptionCorpus::splitWhitespace(corpus.candidates()[t]));
        const auto length = static_cast<int64_t>(words.size());
        std::array<int64_t, 4> matches{}, ngrams{};
        for (int k = 0; k < kMaxOrder; ++k)
            ngrams[k] = std::max<int64_t>(0, length - k);
        for (const auto &[id, count] : index.counts(words, kMaxOrder)) {
            const auto found = maxReferenceCounts.find(id);
            if (found != maxReferenceCounts.end())
                matches[index.order(id) - 1] += std::min(count, found->second);
        }
        // The closest reference length; on a tie the shorter one (Python's min over (distance, length) tuples).
        int64_t closest = referenceLengths.front();
        for (int64_t l : referenceLengths) {
            const int64_t d = std::llabs(l - length), best = std::llabs(closest - length);
            if (d < best || (d == best && l < closest))
                closest = l;
        }
        result.candidateLength += length;
        result.referenceLength += closest;
        for (int k = 0; k < kMaxOrder; ++k) {
            result.matches[k] += matches[k];
            result.ngrams[k] += ngrams[k];
        }
        result.perTrial.push_back(
            bleuFromCounts(matches, ngrams, static_cast<double>(length), static_cast<double>(closest)));
    }
    result.corpus = bleuFromCounts(result.matches, result.ngrams, static_cast<double>(result.candidateLength),
                                   static_cast<double>(result.referenceLength));
    return result;
}

} // namespace vindex::eval
