#pragma once
// One subject's trials as train.py feeds them, split as the data recipe says (DataRecipe.h: the fitted splits one
// after the other for training, the selection split for validation): training batches of `batch` trials in an order
// shuffled per epoch
// (a pure function of seed and epoch, so a resumed run sees the same batches), each batch taking repeat
// step % 3 of its trials (the reference's rule; fewer repeats wrap around), floor(trials / batch) steps per epoch
// (MindEye's with_epoch; one partial batch when there are fewer trials than a batch); validation batches on the
// mean of the repeats — every validation trial, or with the recipe's wholeSelectionBatches only the whole batches
// (train.py's loader batches the test set with partial=False). Targets come by the trials' image ids from a
// FeatureCache or a function (on-the-fly targets, augmented for training batches). Batches carry the subject's number
// (BrainX picks its tokenizer by it).
#include "vindex/data/Subject.h"
#include "vindex/train/DataRecipe.h"
#include "vindex/train/TrainingSession.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace vindex::train {

class FeatureCache;

class BrainDataset {
public:
    // Throws DataError when the subject has no training trials.
    BrainDataset(data::Subject subject, const FeatureCache *targets,
                 const DataRecipe &recipe = DataRecipe::named(DataRecipe::kDefault));

    // Targets [ids, tokens, width] for image ids; training: the ids are a training batch (augmentation applies).
    using TargetFunction = std::function<at::Tensor(const std::vector<int64_t> &imageIds, bool training)>;

    // train_adaptation.py's --data_ratio: keep floor(ratio × training trials) of them (at least one), a subset
    // drawn once from seed — the same for every epoch and on resume. Throws Error unless 0 < ratio <= 1.
    void limitTraining(double ratio, uint64_t seed);

    int64_t trainCount() const { return static_cast<int64_t>(m_train.size()); }
    int64_t valCount() const { return static_cast<int64_t>(m_val.size()); }
    int64_t voxelCount() const { return m_subject.voxelCount(); }
    int64_t stepsPerEpoch(int64_t batch) const;
    // Every image id of the validation trials and, with training, of the training trials (for the target cache).
    std::vector<int64_t> imageIds(bool training = true) const;

    // Training trial indices of an epoch, shuffled (Fisher–Yates over a 64-bit Mersenne Twister seeded from seed
    // and epoch).
    std::vector<int64_t> epochOrder(uint64_t seed, int64_t epoch) const;
    // first / count: only samples [first, first + count) of the step's batch (a data-parallel rank's shard;
    // count < 0: to the batch's end).
    TrainingBatch trainBatch(const std::vector<int64_t> &order, int64_t step, int64_t batch, int64_t first = 0,
                             int64_t count = -1) const;
    // Validation batches over the validation trials in split order, one at a time: all of them (the last batch may be
    // smaller), or with wholeSelectionBatches floor(trials / batch) whole batches.
    int64_t valBatchCount(int64_t batch) const;
    TrainingBatch valBatch(int64_t index, int64_t batch) const;

    void setTargets(const FeatureCache *targets);
    void setTargets(TargetFunction targets) { m_targets = std::move(targets); }
    const data::Subject &subject() const { return m_subject; }

private:
    TrainingBatch assemble(const std::vector<const data::Trial *> &trials, int repeat, bool training) const;

    data::Subject m_subject;
    TargetFunction m_targets;
    std::vector<data::Trial> m_train, m_val;
    bool m_wholeValBatches = false;
};

} // namespace vindex::train
