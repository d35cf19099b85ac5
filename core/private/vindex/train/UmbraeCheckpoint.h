#pragma once
// UMBRAE's training checkpoint, the dict train.py saves with torch.save: epoch, model_state_dict (an OrderedDict),
// optimizer_state_dict (AdamW: state by parameter index — step, exp_avg, exp_avg_sq — and param_groups with the
// OneCycleLR fields), lr_scheduler (OneCycleLR.state_dict() of PyTorch 2.x), train_losses, val_losses, lrs.
// write() produces it so that Python's torch.load reads our runs; read() takes everything but the weights (those
// go through BrainEncoder::load) from a file Python wrote.
#include "vindex/io/HostTensor.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace vindex::models {
class BrainEncoder;
}

namespace vindex::train {

class AdamW;
class OneCycleLR;
struct TrainingHistory;

class UmbraeCheckpoint {
public:
    struct Group {
        std::vector<int64_t> params; // indices into the state, in named_parameters() order
        double lr = 0, beta1 = 0, beta2 = 0, eps = 0, weightDecay = 0;
        double initialLr = 0, maxLr = 0, minLr = 0, maxMomentum = 0, baseMomentum = 0;
    };
    struct ParamState {
        double step = 0;
        io::HostTensor expAvg, expAvgSq;
    };
    struct Contents {
        int64_t epoch = -1; // the last epoch train.py finished (-1: not recorded)
        bool hasOptimizer = false;
        std::vector<Group> groups;
        std::map<int64_t, ParamState> states;
        bool hasScheduler = false;
        int64_t totalSteps = 0, lastEpoch = -1, stepCount = 0;
        std::vector<double> losses, valLosses, lrs;
    };

    // epoch: what train.py would have in its `epoch` variable (the epoch in progress or just finished). Atomic.
    static void write(const std::string &path, models::BrainEncoder &encoder, const AdamW &optimizer,
                      const OneCycleLR &scheduler, const TrainingHistory &history, int64_t epoch);
    // Throws FormatError naming the file for a malformed optimizer or scheduler entry; missing entries just leave
    // hasOptimizer / hasScheduler false (a bare state dict, or train_brainx.py's weights-only files).
    static Contents read(const std::string &path);
};

} // namespace vindex::train
