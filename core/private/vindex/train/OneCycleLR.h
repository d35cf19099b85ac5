#pragma once
// torch.optim.lr_scheduler.OneCycleLR over our AdamW, with PyTorch's exact arithmetic: phases ending at
// float(pct_start·total) − 1 (and 2·pct_start·total − 2 with three_phase) and total − 1, cosine or linear
// annealing of the learning rate between initial_lr = max_lr / div_factor, max_lr and min_lr = initial_lr /
// final_div_factor, and — cycle_momentum, on by default — Adam's β1 annealed inversely between max_momentum and
// base_momentum. Constructing it takes torch's initial step: the first optimizer step already uses lr(0) and
// β1 = max_momentum (not the β1 the optimizer was built with).
#include <cstdint>
#include <string>
#include <vector>

namespace vindex::train {

class AdamW;

struct OneCycleOptions {
    double maxLr = 3e-4;
    int64_t totalSteps = 1;
    double pctStart = 0.3;
    std::string annealStrategy = "cos"; // "cos" | "linear"
    bool cycleMomentum = true;
    double baseMomentum = 0.85, maxMomentum = 0.95;
    double divFactor = 25.0, finalDivFactor = 1e4;
    bool threePhase = false;
};

class OneCycleLR {
public:
    struct Phase {
        double endStep = 0;
        bool endStepIsInteger = false; // torch stores the last phase's end as an int (checkpoints keep the type)
        std::string startLr, endLr, startMomentum, endMomentum; // group keys: "initial_lr", "max_lr", …
    };

    // fresh: as torch with last_epoch = −1 (writes initial/max/min lr and momenta into the groups, then steps
    // once). fresh = false: the groups already hold those values (a restored optimizer); call restore() next.
    // Throws Error for options torch rejects.
    OneCycleLR(AdamW &optimizer, OneCycleOptions options, bool fresh = true);

    // After an optimizer step. Throws Error when stepped past total_steps (torch's ValueError).
    void step();
    // Continues a saved schedule: torch's last_epoch and _step_count; the groups' lr/β1 are set from last_epoch.
    void restore(int64_t lastEpoch, int64_t stepCount);

    int64_t lastEpoch() const { return m_lastEpoch; }
    int64_t stepCount() const { return m_stepCount; }
    const std::vector<double> &lastLr() const { return m_lastLr; }
    const std::vector<double> &baseLrs() const { return m_baseLrs; }
    const std::vector<Phase> &phases() const { return m_phases; }
    const OneCycleOptions &options() const { return m_options; }

    static double annealCos(double start, double end, double pct);
    static double annealLinear(double start, double end, double pct);

private:
    void apply();

    AdamW &m_optimizer;
    OneCycleOptions m_options;
    std::vector<Phase> m_phases;
    std::vector<double> m_baseLrs, m_lastLr;
    int64_t m_lastEpoch = -1;
    int64_t m_stepCount = 0;
};

} // namespace vindex::train
