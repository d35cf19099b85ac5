#pragma once
// AdamW with PyTorch's exact arithmetic (torch.optim.AdamW, single-tensor path as it runs on the CPU): decoupled
// weight decay p ← p·(1 − lr·wd), m ← lerp(m, g, 1 − β1), v ← β2·v + (1 − β2)·g², bias corrections from the
// group's current β1/β2 (OneCycleLR cycles β1), p ← p − lr/(1 − β1^t) · m / (√v / √(1 − β2^t) + ε). Parameters
// without a gradient are skipped and get no state, as in torch. Torch header: the trainer and tests use it.
#include "vindex/models/ParameterList.h"

#include <ATen/core/Tensor.h>

#include <cstddef>
#include <string>
#include <vector>

namespace vindex::train {

struct AdamWGroup {
    std::vector<std::string> names; // state-dict names, for checkpoints and messages
    std::vector<at::Tensor> params;
    double lr = 1e-3;
    double beta1 = 0.9, beta2 = 0.999;
    double eps = 1e-8;
    double weightDecay = 1e-2;
    // OneCycleLR keeps its per-group values in the group, as torch does (and torch's checkpoints carry them).
    double initialLr = 0, maxLr = 0, minLr = 0, maxMomentum = 0, baseMomentum = 0;
};

struct AdamWParamState {
    bool initialized = false;
    double step = 0; // torch keeps a float32 tensor; counted in float32 here too
    at::Tensor expAvg, expAvgSq;
};

class AdamW {
public:
    explicit AdamW(std::vector<AdamWGroup> groups);

    // UMBRAE's groups: weight decay for parameters whose name has no "bias", 0 for the rest; the decay group first
    // (torch numbers checkpoint state in this order).
    static std::vector<AdamWGroup> umbraeGroups(const models::ParameterList &parameters, double lr,
                                                double weightDecay = 1e-2, double beta1 = 0.9, double beta2 = 0.999,
                                                double eps = 1e-8);

    // Drops the gradients (torch's zero_grad(set_to_none=True)).
    void zeroGrad();
    void step();

    std::vector<AdamWGroup> &groups() { return m_groups; }
    const std::vector<AdamWGroup> &groups() const { return m_groups; }
    // Flat index as in torch's state_dict(): group 0's parameters, then group 1's, …
    std::size_t parameterCount() const { return m_states.size(); }
    AdamWParamState &state(std::size_t flatIndex);
    const AdamWParamState &state(std::size_t flatIndex) const;
    const std::string &name(std::size_t flatIndex) const;
    const at::Tensor &parameter(std::size_t flatIndex) const;
    // Flat index of a parameter name; -1 when absent.
    int64_t indexOf(const std::string &name) const;

private:
    std::pair<std::size_t, std::size_t> locate(std::size_t flatIndex) const;

    std::vector<AdamWGroup> m_groups;
    std::vector<AdamWParamState> m_states;
};

} // namespace vindex::train
