#include "vindex/eval/ClipScore.h"

#include "vindex/core/Error.h"
#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

namespace vindex::eval {

namespace {

void checkWidth(const ClipScore::Features &rows, std::size_t width, const char *what)
{
    for (const auto &row : rows)
        if (row.size() != width)
            throw Error(std::string("CLIP-S: ") + what + " features have " + std::to_string(row.size()) +
                        " dimensions, the image features " + std::to_string(width));
}

} // namespace

ClipScore::ClipScore(std::shared_ptr<const ClipEmbedder> embedder, ClipScoreOptions options)
    : m_embedder(std::move(embedder)), m_options(std::move(options))
{
    if (!m_embedder)
        throw Error("CLIP-S: no CLIP model was given");
    if (m_options.batchSize == 0)
        throw Error("CLIP-S: the batch size must be at least 1");
}

ClipScore::Features ClipScore::textFeatures(const std::vector<std::string> &texts, bool addPrefix) const
{
    Features rows;
    rows.reserve(texts.size());
    for (std::size_t from = 0; from < texts.size(); from += m_options.batchSize) {
        std::vector<std::string> chunk;
        for (std::size_t i = from; i < std::min(texts.size(), from + m_options.batchSize); ++i)
            chunk.push_back(addPrefix ? m_options.prefix + texts[i] : texts[i]);
        auto part = m_embedder->textFeatures(chunk);
        std::move(part.begin(), part.end(), std::back_inserter(rows));
    }
    return rows;
}

ClipScore::Features ClipScore::imageFeatures(const std::vector<io::RgbImage> &images) const
{
    return m_embedder->imageFeatures(images);
}

double ClipScore::cosine(const std::vector<float> &a, const std::vector<float> &b)
{
    if (a.size() != b.size())
        throw Error("CLIP-S: cosine of rows with " + std::to_string(a.size()) + " and " + std::to_string(b.size()) +
                    " dimensions");
    double dot = 0, na = 0, nb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        dot += static_cast<double>(a[i]) * b[i];
        na += static_cast<double>(a[i]) * a[i];
        nb += static_cast<double>(b[i]) * b[i];
    }
    return na > 0 && nb > 0 ? dot / (std::sqrt(na) * std::sqrt(nb)) : 0.0;
}

ClipScoreResult ClipScore::fromFeatures(const Features &images, const Features &candidates,
                                        const std::vector<Features> &references, double weight)
{
    if (images.size() != candidates.size())
        throw Error("CLIP-S: " + std::to_string(images.size()) + " images for " + std::to_string(candidates.size()) +
                    " candidate captions");
    if (!references.empty() && references.size() != candidates.size())
        throw Error("CLIP-S: " + std::to_string(references.size()) + " reference lists for " +
                    std::to_string(candidates.size()) + " candidate captions");
    const std::size_t width = images.empty() ? 0 : images.front().size();
    checkWidth(images, width, "image");
    checkWidth(candidates, width, "candidate");
    ClipScoreResult r;
    const std::size_t n = candidates.size();
    for (std::size_t t = 0; t < n; ++t) {
        const double cos = cosine(images[t], candidates[t]);
        r.imageCosine.push_back(cos);
        r.clipS.push_back(weight * std::max(cos, 0.0));
        r.clipSMean += r.clipS.back();
    }
    if (n > 0)
        r.clipSMean /= static_cast<double>(n);
    if (references.empty())
        return r;
    for (std::size_t t = 0; t < n; ++t) {
        if (references[t].empty())
            throw Error("CLIP-S: trial " + std::to_string(t) + " has no reference caption for RefCLIP-S");
        checkWidth(references[t], width, "reference");
        double best = -std::numeric_limits<double>::infinity();
        for (const auto &reference : references[t])
            best = std::max(best, cosine(candidates[t], reference));
        r.referenceCosine.push_back(best);
        const double a = r.clipS[t], sum = a + best;
        if (sum == 0.0)
            ++r.undefinedRefClipS;
        r.refClipS.push_back(sum == 0.0 ? 0.0 : 2.0 * a * best / sum);
        r.refClipSMean += r.refClipS.back();
    }
    if (n > 0)
        r.refClipSMean /= static_cast<double>(n);
    return r;
}

ClipScoreResult ClipScore::score(const ImageSource &images, const std::vector<std::string> &candidates,
                                 const std::vector<std::vector<std::string>> &references, const JobControl &job) const
{
    if (!references.empty() && references.size() != candidates.size())
        throw Error("CLIP-S: " + std::to_string(references.size()) + " reference lists for " +
                    std::to_string(candidates.size()) + " candidate captions");
    std::size_t referenceCount = 0;
    for (const auto &list : references)
        referenceCount += list.size();
    // Work units: one per image, candidate and reference text.
    const double total = static_cast<double>(2 * candidates.size() + referenceCount);
    double done = 0;
    const std::size_t batch = m_options.batchSize;

    Features imageRows;
    imageRows.reserve(candidates.size());
    for (std::size_t from = 0; from < candidates.size(); from += batch) {
        job.reportFraction(total > 0 ? done / total : 0.0, "CLIP image features");
        std::vector<io::RgbImage> chunk;
        for (std::size_t i = from; i < std::min(candidates.size(), from + batch); ++i)
            chunk.push_back(images(i));
        auto part = imageFeatures(chunk);
        std::move(part.begin(), part.end(), std::back_inserter(imageRows));
        done += static_cast<double>(chunk.size());
    }
    job.reportFraction(total > 0 ? done / total : 0.0, "CLIP text features");
    const auto candidateRows = textFeatures(candidates);
    done += static_cast<double>(candidates.size());

    std::vector<Features> referenceRows;
    if (!references.empty()) {
        job.reportFraction(total > 0 ? done / total : 0.0, "CLIP reference features");
        std::vector<std::string> flat;
        flat.reserve(referenceCount);
        for (const auto &list : references)
            flat.insert(flat.end(), list.begin(), list.end());
        const auto flatRows = textFeatures(flat);
        std::size_t offset = 0;
        for (const auto &list : references) {
            referenceRows.emplace_back(flatRows.begin() + static_cast<std::ptrdiff_t>(offset),
                                       flatRows.begin() + static_cast<std::ptrdiff_t>(offset + list.size()));
            offset += list.size();
        }
    }
    auto result = fromFeatures(imageRows, candidateRows, referenceRows, m_options.weight);
    job.reportFraction(1.0, "CLIP-S done");
    return result;
}

} // namespace vindex::eval
