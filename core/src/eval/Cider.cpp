#include "vindex/eval/Cider.h"

#include "NGramIndex.h"
#include "PairwiseSum.h"

#include <array>
#include <cmath>
#include <numbers>

namespace vindex::eval {

namespace {

using Counts = std::vector<std::pair<uint32_t, uint32_t>>; // (n-gram id, count), sorted by id

struct TfIdfVector {
    std::vector<std::pair<uint32_t, double>> weights; // sorted by n-gram id
    std::array<double, Cider::kMaxOrder> norm{};
    int64_t length = 0; // bigram count, as pycocoevalcap's counts2vec measures "length"
};

} // namespace

CiderScores Cider::score(const CaptionCorpus &corpus, const JobControl &job)
{
    NGramIndex index;
    const std::size_t trials = corpus.size();
    std::vector<Counts> candidates(trials);
    std::vector<std::vector<Counts>> references(trials);
    const auto total = static_cast<int64_t>(trials);
    for (std::size_t t = 0; t < trials; ++t) {
        if (t % 256 == 0) // counting: the first half of the work
            job.report("CIDEr", static_cast<int64_t>(t / 2), total);
        candidates[t] = index.counts(index.words(CaptionCorpus::splitWhitespace(corpus.candidates()[t])), kMaxOrder);
        for (const auto &reference : corpus.references()[t])
            references[t].push_back(index.counts(index.words(CaptionCorpus::splitWhitespace(reference)), kMaxOrder));
    }
    // Document frequency: in how many trials' reference sets an n-gram occurs.
    std::vector<double> documentFrequency(index.ngramCount(), 0.0);
    std::vector<std::size_t> lastTrial(index.ngramCount(), static_cast<std::size_t>(-1));
    for (std::size_t t = 0; t < trials; ++t)
        for (const auto &counts : references[t])
            for (const auto &[id, count] : counts)
                if (lastTrial[id] != t) {
                    lastTrial[id] = t;
                    documentFrequency[id] += 1.0;
                }
    const double logTrials = std::log(static_cast<double>(trials));

    auto vectorOf = [&](const Counts &counts) {
        TfIdfVector v;
        v.weights.reserve(counts.size());
        for (const auto &[id, tf] : counts) {
            const double df = std::log(std::max(1.0, documentFrequency[id]));
            const double w = static_cast<double>(tf) * (logTrials - df);
            const int n = index.order(id) - 1;
            v.weights.push_back({id, w});
            v.norm[n] += w * w;
            if (n == 1)
                v.length += tf;
        }
        for (auto &x : v.norm)
            x = std::sqrt(x);
        return v;
    };

    const double twoSigma2 = 2 * kSigma * kSigma;
    CiderScores result;
    result.perTrial.reserve(trials);
    for (std::size_t t = 0; t < trials; ++t) {
        if (t % 256 == 0) // the cosines: the second half
            job.report("CIDEr", static_cast<int64_t>((trials + t) / 2), total);
        const TfIdfVector candidate = vectorOf(candidates[t]);
        std::array<double, kMaxOrder> sum{};
        for (const auto &referenceCounts : references[t]) {
            const TfIdfVector reference = vectorOf(referenceCounts);
            std::array<double, kMaxOrder> value{};
            // Both weight lists are sorted by id: walk them together.
            std::size_t j = 0;
            for (const auto &[id, w] : candidate.weights) {
                while (j < reference.weights.size() && reference.weights[j].first < id)
                    ++j;
                if (j < reference.weights.size() && reference.weights[j].first == id) {
                    const double r = reference.weights[j].second;
                    value[index.order(id) - 1] += std::min(w, r) * r;
                }
            }
            const double delta = static_cast<double>(candidate.length - reference.length);
            for (int n = 0; n < kMaxOrder; ++n) {
                if (candidate.norm[n] != 0 && reference.norm[n] != 0)
                    value[n] /= candidate.norm[n] * reference.norm[n];
                value[n] *= std::pow(std::numbers::e, -(delta * delta) / twoSigma2);
                sum[n] += value[n];
            }
        }
        double mean = pairwiseSum(sum.data(), sum.size()) / kMaxOrder;
        mean /= static_cast<double>(references[t].size());
        mean *= 10.0;
        result.perTrial.push_back(mean);
    }
    result.corpus = numpyMean(result.perTrial);
    return result;
}

} // namespace vindex::eval
