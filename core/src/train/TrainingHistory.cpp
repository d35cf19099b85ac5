#include "vindex/train/TrainingHistory.h"

#include "vindex/core/Error.h"

#include <cmath>

namespace vindex::train {

nlohmann::ordered_json TrainingHistory::toJson() const
{
    // JSON has no infinity: "no best yet" is null.
    return {{"epoch", epoch},
            {"step_in_epoch", stepInEpoch},
            {"global_step", globalStep},
            {"train_losses", losses},
            {"lrs", lrs},
            {"val_losses", valLosses},
            {"epoch_val_losses", epochValLosses},
            {"best_val_loss", std::isfinite(bestValLoss) ? nlohmann::ordered_json(bestValLoss) : nullptr},
            {"best_epoch", bestEpoch}};
}

TrainingHistory TrainingHistory::fromJson(const nlohmann::json &json)
{
    TrainingHistory h;
    try {
        h.epoch = json.at("epoch").get<int64_t>();
        h.stepInEpoch = json.at("step_in_epoch").get<int64_t>();
        h.globalStep = json.at("global_step").get<int64_t>();
        h.losses = json.at("train_losses").get<std::vector<double>>();
        h.lrs = json.at("lrs").get<std::vector<double>>();
        h.valLosses = json.at("val_losses").get<std::vector<double>>();
        h.epochValLosses = json.value("epoch_val_losses", std::vector<double>{});
        if (json.contains("best_val_loss") && !json["best_val_loss"].is_null())
            h.bestValLoss = json["best_val_loss"].get<double>();
        h.bestEpoch = json.value("best_epoch", int64_t{-1});
    } catch (const nlohmann::json::exception &e) {
        throw Error(std::string("training history: ") + e.what());
    }
    return h;
}

} // namespace vindex::train
