#include "vindex/eval/Rouge.h"

#include "NGramIndex.h"
#include "PairwiseSum.h"

#include <algorithm>

namespace vindex::eval {

std::size_t Rouge::lcs(const std::vector<uint32_t> &a, const std::vector<uint32_t> &b)
{
    if (a.empty() || b.empty())
        return 0;
    std::vector<std::size_t> previous(b.size() + 1, 0), current(b.size() + 1, 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j)
            current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : std::max(previous[j], current[j - 1]);
        std::swap(previous, current);
    }
    return previous[b.size()];
}

RougeScores Rouge::score(const CaptionCorpus &corpus, const JobControl &job)
{
    RougeScores result;
    result.perTrial.reserve(corpus.size());
    NGramIndex index;
    const double beta2 = kBeta * kBeta;
    for (std::size_t t = 0; t < corpus.size(); ++t) {
        if (t % 256 == 0)
            job.report("ROUGE-L", static_cast<int64_t>(t), static_cast<int64_t>(corpus.size()));
        const auto candidate = index.words(CaptionCorpus::splitSpaces(corpus.candidates()[t]));
        double precision = 0, recall = 0;
        bool first = true;
        for (const auto &reference : corpus.references()[t]) {
            const auto words = index.words(CaptionCorpus::splitSpaces(reference));
            const auto common = static_cast<double>(lcs(words, candidate));
            const double p = common / static_cast<double>(candidate.size());
            const double r = common / static_cast<double>(words.size());
            precision = first ? p : std::max(precision, p);
            recall = first ? r : std::max(recall, r);
            first = false;
        }
        double f = 0.0;
        if (precision != 0 && recall != 0)
            f = ((1 + beta2) * precision * recall) / (recall + beta2 * precision);
        result.perTrial.push_back(f);
    }
    result.corpus = numpyMean(result.perTrial);
    return result;
}

} // namespace vindex::eval
