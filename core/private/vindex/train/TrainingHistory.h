#pragma once
// Where a run stands and what it has seen: the position to resume from (epoch in progress, steps done in it) and
// UMBRAE's lists — train loss and learning rate per step, validation loss per validation batch — plus the mean
// validation loss of each epoch and the best one so far. Saved in every checkpoint. No LibTorch here.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <vector>

namespace vindex::train {

struct TrainingHistory {
    int64_t epoch = 0;       // the epoch in progress (0-based)
    int64_t stepInEpoch = 0; // optimizer steps already done in it
    int64_t globalStep = 0;  // optimizer steps done in the whole run
    std::vector<double> losses, lrs;
    std::vector<double> valLosses;      // per validation batch, as train.py's val_losses
    std::vector<double> epochValLosses; // mean of each finished epoch's validation batches
    double bestValLoss = std::numeric_limits<double>::infinity();
    int64_t bestEpoch = -1;

    nlohmann::ordered_json toJson() const;
    static TrainingHistory fromJson(const nlohmann::json &json); // throws Error on wrong types
};

} // namespace vindex::train
