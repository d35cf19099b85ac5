#include "vindex/train/BrainDataset.h"

#include "vindex/core/Error.h"
#include "vindex/train/FeatureCache.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <iterator>
#include <random>

namespace vindex::train {

BrainDataset::BrainDataset(data::Subject subject, const FeatureCache *targets, const DataRecipe &recipe)
    : m_subject(std::move(subject)), m_val(m_subject.trials(recipe.select)),
      m_wholeValBatches(recipe.wholeSelectionBatches)
{
    for (const data::Split split : recipe.fit) {
        std::vector<data::Trial> trials = m_subject.trials(split);
        m_train.insert(m_train.end(), std::make_move_iterator(trials.begin()), std::make_move_iterator(trials.end()));
    }
    if (m_train.empty())
        throw DataError("subject " + std::to_string(m_subject.id()) + " has no training trials in the " +
                        data::nsdLayoutName(m_subject.preferredLayout()) + " layout");
    if (targets)
        setTargets(targets);
}

void BrainDataset::setTargets(const FeatureCache *targets)
{
    m_targets = [targets](const std::vector<int64_t> &ids, bool) { return targets->features(ids); };
}

void BrainDataset::limitTraining(double ratio, uint64_t seed)
{
    if (!(ratio > 0 && ratio <= 1))
        throw Error("data ratio must lie in (0, 1], got " + std::to_string(ratio));
    if (ratio == 1)
        return;
    const auto keep = std::max<std::size_t>(1, static_cast<std::size_t>(ratio * static_cast<double>(m_train.size())));
    // A draw of its own (epoch −1 of the shuffle), kept in split order.
    std::vector<int64_t> order = epochOrder(seed, -1);
    order.resize(keep);
    std::sort(order.begin(), order.end());
    std::vector<data::Trial> kept;
    kept.reserve(keep);
    for (const int64_t i : order)
        kept.push_back(m_train[static_cast<std::size_t>(i)]);
    m_train = std::move(kept);
}

int64_t BrainDataset::stepsPerEpoch(int64_t batch) const
{
    return std::max<int64_t>(1, trainCount() / std::max<int64_t>(1, batch));
}

std::vector<int64_t> BrainDataset::imageIds(bool training) const
{
    std::vector<int64_t> ids;
    for (const auto *split : {&m_train, &m_val})
        if (training || split == &m_val)
            for (const data::Trial &t : *split)
                ids.push_back(t.imageId);
    return ids;
}

std::vector<int64_t> BrainDataset::epochOrder(uint64_t seed, int64_t epoch) const
{
    std::vector<int64_t> order(m_train.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<int64_t>(i);
    // Our own shuffle: std::shuffle's algorithm differs between standard libraries.
    std::mt19937_64 engine(seed * 0x9E3779B97F4A7C15ull + static_cast<uint64_t>(epoch));
    for (std::size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[engine() % i]);
    return order;
}

TrainingBatch BrainDataset::assemble(const std::vector<const data::Trial *> &trials, int repeat, bool training) const
{
    const int64_t voxels = voxelCount();
    at::Tensor x = at::empty({static_cast<int64_t>(trials.size()), voxels}, at::kFloat);
    std::vector<int64_t> images;
    for (std::size_t i = 0; i < trials.size(); ++i) {
        std::vector<float> row;
        if (repeat < 0) {
            row = m_subject.meanBetas(*trials[i]);
        } else {
            auto repeats = m_subject.repeatBetas(*trials[i]);
            if (repeats.empty())
                throw DataError("subject " + std::to_string(m_subject.id()) + ": image " +
                                std::to_string(trials[i]->imageId) + " has no betas");
            row = std::move(repeats[static_cast<std::size_t>(repeat) % repeats.size()]);
        }
        if (static_cast<int64_t>(row.size()) != voxels)
            throw DataError("subject " + std::to_string(m_subject.id()) + ": a trial has " +
                            std::to_string(row.size()) + " voxels, expected " + std::to_string(voxels));
        std::copy(row.begin(), row.end(), x[static_cast<int64_t>(i)].data_ptr<float>());
        images.push_back(trials[i]->imageId);
    }
    if (!m_targets)
        throw Error("training data: no targets");
    return {x, m_targets(images, training), m_subject.id()};
}

TrainingBatch BrainDataset::trainBatch(const std::vector<int64_t> &order, int64_t step, int64_t batch, int64_t first,
                                       int64_t count) const
{
    std::vector<const data::Trial *> trials;
    const auto begin = static_cast<std::size_t>(step * batch), end = begin + static_cast<std::size_t>(batch);
    const std::size_t from = begin + static_cast<std::size_t>(std::max<int64_t>(first, 0));
    const std::size_t to = count < 0 ? end : std::min(end, from + static_cast<std::size_t>(count));
    for (std::size_t i = from; i < order.size() && i < to; ++i)
        trials.push_back(&m_train[static_cast<std::size_t>(order[i])]);
    if (trials.empty())
        throw Error("training data: step " + std::to_string(step) + " is past the epoch");
    return assemble(trials, static_cast<int>(step % 3), true);
}

int64_t BrainDataset::valBatchCount(int64_t batch) const
{
    batch = std::max<int64_t>(1, batch);
    return m_wholeValBatches ? valCount() / batch : (valCount() + batch - 1) / batch;
}

TrainingBatch BrainDataset::valBatch(int64_t index, int64_t batch) const
{
    std::vector<const data::Trial *> trials;
    const auto first = static_cast<std::size_t>(index * batch);
    for (std::size_t i = first; i < m_val.size() && i < first + static_cast<std::size_t>(batch); ++i)
        trials.push_back(&m_val[i]);
    if (trials.empty())
        throw Error("validation data: batch " + std::to_string(index) + " is past the split");
    return assemble(trials, -1, false);
}

} // namespace vindex::train
