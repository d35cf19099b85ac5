#include "vindex/train/AdamW.h"

#include "vindex/core/Error.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <cmath>

namespace vindex::train {

AdamW::AdamW(std::vector<AdamWGroup> groups) : m_groups(std::move(groups))
{
    for (const AdamWGroup &group : m_groups) {
        if (group.names.size() != group.params.size())
            throw Error("AdamW: a parameter group has " + std::to_string(group.params.size()) + " tensors but " +
                        std::to_string(group.names.size()) + " names");
        m_states.resize(m_states.size() + group.params.size());
    }
}

std::vector<AdamWGroup> AdamW::umbraeGroups(const models::ParameterList &parameters, double lr, double weightDecay,
                                            double beta1, double beta2, double eps)
{
    // UMBRAE's no_decay list is ['bias', 'LayerNorm.bias', 'LayerNorm.weight'] matched as substrings; its modules
    // are never named "LayerNorm", so only "bias" decides.
    AdamWGroup decay, noDecay;
    for (AdamWGroup *group : {&decay, &noDecay}) {
        group->lr = lr;
        group->beta1 = beta1;
        group->beta2 = beta2;
        group->eps = eps;
    }
    decay.weightDecay = weightDecay;
    noDecay.weightDecay = 0.0;
    for (const models::ParameterRef &parameter : parameters) {
        AdamWGroup &group = parameter.name.find("bias") == std::string::npos ? decay : noDecay;
        group.names.push_back(parameter.name);
        group.params.push_back(*parameter.tensor);
    }
    return {std::move(decay), std::move(noDecay)};
}

void AdamW::zeroGrad()
{
    for (AdamWGroup &group : m_groups)
        for (at::Tensor &param : group.params)
            if (param.grad().defined())
                param.mutable_grad().reset();
}

void AdamW::step()
{
    at::NoGradGuard noGrad;
    std::size_t flat = 0;
    for (AdamWGroup &group : m_groups) {
        for (std::size_t i = 0; i < group.params.size(); ++i, ++flat) {
            at::Tensor &param = group.params[i];
            const at::Tensor grad = param.grad();
            if (!grad.defined())
                continue;
            AdamWParamState &state = m_states[flat];
            if (!state.initialized) {
                state.expAvg = at::zeros_like(param, at::MemoryFormat::Preserve);
                state.expAvgSq = at::zeros_like(param, at::MemoryFormat::Preserve);
                state.initialized = true;
            }
            state.step = static_cast<float>(state.step + 1.0);
            // Python floats: every scalar below is computed in double exactly as torch's adam.py does.
            if (group.weightDecay != 0.0)
                param.mul_(1.0 - group.lr * group.weightDecay);
            state.expAvg.lerp_(grad, 1.0 - group.beta1);
            state.expAvgSq.mul_(group.beta2).addcmul_(grad, grad, 1.0 - group.beta2);
            const double biasCorrection1 = 1.0 - std::pow(group.beta1, state.step);
            const double biasCorrection2 = 1.0 - std::pow(group.beta2, state.step);
            const double stepSize = group.lr / biasCorrection1;
            const double biasCorrection2Sqrt = std::pow(biasCorrection2, 0.5);
            const at::Tensor denom = (state.expAvgSq.sqrt() / biasCorrection2Sqrt).add_(group.eps);
            param.addcdiv_(state.expAvg, denom, -stepSize);
        }
    }
}

std::pair<std::size_t, std::size_t> AdamW::locate(std::size_t flatIndex) const
{
    std::size_t index = flatIndex;
    for (std::size_t g = 0; g < m_groups.size(); ++g) {
        if (index < m_groups[g].params.size())
            return {g, index};
        index -= m_groups[g].params.size();
    }
    throw Error("AdamW: parameter index " + std::to_string(flatIndex) + " is out of range (" +
                std::to_string(m_states.size()) + " parameters)");
}

AdamWParamState &AdamW::state(std::size_t flatIndex)
{
    locate(flatIndex);
    return m_states[flatIndex];
}

const AdamWParamState &AdamW::state(std::size_t flatIndex) const
{
    locate(flatIndex);
    return m_states[flatIndex];
}

const std::string &AdamW::name(std::size_t flatIndex) const
{
    const auto [g, i] = locate(flatIndex);
    return m_groups[g].names[i];
}

const at::Tensor &AdamW::parameter(std::size_t flatIndex) const
{
    const auto [g, i] = locate(flatIndex);
    return m_groups[g].params[i];
}

int64_t AdamW::indexOf(const std::string &name) const
{
    int64_t flat = 0;
    for (const AdamWGroup &group : m_groups)
        for (const std::string &n : group.names) {
            if (n == name)
                return flat;
            ++flat;
        }
    return -1;
}

} // namespace vindex::train
