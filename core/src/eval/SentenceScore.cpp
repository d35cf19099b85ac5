#include "vindex/eval/SentenceScore.h"

#include "vindex/core/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vindex::eval {

SentenceScore::SentenceScore(std::shared_ptr<const SentenceEmbedder> embedder, SentenceScoreOptions options)
    : m_embedder(std::move(embedder)), m_options(options)
{
    if (!m_embedder)
        throw Error("SentenceS needs a sentence embedder (e.g. all-MiniLM-L6-v2)");
    if (m_options.batchSize == 0)
        throw Error("SentenceS: the batch size must be at least 1");
}

SentenceReferenceReduction SentenceScore::reductionFromName(const std::string &name)
{
    if (name == "mean")
        return SentenceReferenceReduction::Mean;
    if (name == "max")
        return SentenceReferenceReduction::Max;
    if (name == "first")
        return SentenceReferenceReduction::First;
    throw Error("SentenceS reference reduction '" + name + "' is not known (accepted: mean, max, first)");
}

std::string SentenceScore::reductionName(SentenceReferenceReduction reduction)
{
    switch (reduction) {
    case SentenceReferenceReduction::Mean: return "mean";
    case SentenceReferenceReduction::Max: return "max";
    case SentenceReferenceReduction::First: return "first";
    }
    return "mean";
}

double SentenceScore::cosine(const std::vector<float> &a, const std::vector<float> &b)
{
    if (a.size() != b.size())
        throw Error("SentenceS: embeddings of " + std::to_string(a.size()) + " and " + std::to_string(b.size()) +
                    " dimensions cannot be compared");
    double dot = 0.0, na = 0.0, nb = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        dot += static_cast<double>(a[i]) * b[i];
        na += static_cast<double>(a[i]) * a[i];
        nb += static_cast<double>(b[i]) * b[i];
    }
    // F.normalize's floor: an all-zero row compares as 0.
    return dot / (std::max(std::sqrt(na), 1e-12) * std::max(std::sqrt(nb), 1e-12));
}

SentenceScoreResult SentenceScore::fromEmbeddings(const SentenceEmbedder::Embeddings &candidates,
                                                  const std::vector<SentenceEmbedder::Embeddings> &references,
                                                  SentenceReferenceReduction reduction)
{
    if (candidates.size() != references.size())
        throw Error("SentenceS: " + std::to_string(candidates.size()) + " candidates but " +
                    std::to_string(references.size()) + " reference lists");
    SentenceScoreResult result;
    result.perTrial.reserve(candidates.size());
    for (std::size_t t = 0; t < candidates.size(); ++t) {
        const auto &refs = references[t];
        if (refs.empty())
            throw Error("SentenceS: trial " + std::to_string(t) + " has no reference");
        double value = 0.0;
        if (reduction == SentenceReferenceReduction::First) {
            value = cosine(candidates[t], refs.front());
        } else if (reduction == SentenceReferenceReduction::Max) {
            value = -std::numeric_limits<double>::infinity();
            for (const auto &ref : refs)
                value = std::max(value, cosine(candidates[t], ref));
        } else {
            for (const auto &ref : refs)
                value += cosine(candidates[t], ref);
            value /= static_cast<double>(refs.size());
        }
        result.perTrial.push_back(value);
    }
    double sum = 0.0;
    for (const double v : result.perTrial)
        sum += v;
    result.corpus = result.perTrial.empty() ? 0.0 : sum / static_cast<double>(result.perTrial.size());
    return result;
}

SentenceEmbedder::Embeddings SentenceScore::embedAll(const std::vector<std::string> &texts, const JobControl &job,
                                                     const std::string &stage) const
{
    SentenceEmbedder::Embeddings rows;
    rows.reserve(texts.size());
    for (std::size_t start = 0; start < texts.size(); start += m_options.batchSize) {
        job.report(stage, static_cast<int64_t>(start), static_cast<int64_t>(texts.size()));
        const auto end = std::min(texts.size(), start + m_options.batchSize);
        auto batch = m_embedder->embed(std::vector<std::string>(texts.begin() + static_cast<std::ptrdiff_t>(start),
                                                                texts.begin() + static_cast<std::ptrdiff_t>(end)));
        if (batch.size() != end - start)
            throw Error(m_embedder->source() + ": gave " + std::to_string(batch.size()) + " embeddings for " +
                        std::to_string(end - start) + " texts");
        for (auto &row : batch)
            rows.push_back(std::move(row));
    }
    job.report(stage, static_cast<int64_t>(texts.size()), static_cast<int64_t>(texts.size()));
    return rows;
}

SentenceScoreResult SentenceScore::score(const std::vector<std::string> &candidates,
                                         const std::vector<std::vector<std::string>> &references,
                                         const JobControl &job) const
{
    if (candidates.size() != references.size())
        throw Error("SentenceS: " + std::to_string(candidates.size()) + " candidates but " +
                    std::to_string(references.size()) + " reference lists");
    std::vector<std::string> flat;
    for (std::size_t t = 0; t < references.size(); ++t) {
        if (references[t].empty())
            throw Error("SentenceS: trial " + std::to_string(t) + " has no reference");
        const bool firstOnly = m_options.reduction == SentenceReferenceReduction::First;
        flat.insert(flat.end(), references[t].begin(), firstOnly ? references[t].begin() + 1 : references[t].end());
    }
    const auto candidateRows = embedAll(candidates, job, "SentenceS candidates");
    auto referenceRows = embedAll(flat, job, "SentenceS references");
    std::vector<SentenceEmbedder::Embeddings> grouped(references.size());
    std::size_t next = 0;
    for (std::size_t t = 0; t < references.size(); ++t) {
        const std::size_t count = m_options.reduction == SentenceReferenceReduction::First ? 1 : references[t].size();
        for (std::size_t r = 0; r < count; ++r)
            grouped[t].push_back(std::move(referenceRows[next++]));
    }
    return fromEmbeddings(candidateRows, grouped, m_options.reduction);
}

} // namespace vindex::eval
