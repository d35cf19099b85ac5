#include "vindex/train/LossScaler.h"

#include <ATen/ATen.h>

namespace vindex::train {

LossScaler::LossScaler(LossScalerOptions options) : m_options(options), m_scale(options.initialScale) {}

at::Tensor LossScaler::scaled(const at::Tensor &loss) const
{
    return loss * m_scale;
}

bool LossScaler::unscale(const std::vector<at::Tensor> &parameters) const
{
    // One flag on the gradients' device and one host read at the end: a read per parameter would make every step
    // wait for the device that many times.
    at::Tensor finite;
    const double inverse = 1.0 / m_scale;
    for (const at::Tensor &p : parameters) {
        if (!p.grad().defined())
            continue;
        at::Tensor grad = p.mutable_grad();
        grad.mul_(inverse);
        const at::Tensor all = at::isfinite(grad).all();
        finite = finite.defined() ? at::logical_and(finite, all) : all;
    }
    return !finite.defined() || finite.item<bool>();
}

void LossScaler::update(bool foundNonFinite)
{
    if (foundNonFinite) {
        m_scale *= m_options.backoffFactor;
        m_growthTracker = 0;
        ++m_skipped;
        return;
    }
    if (++m_growthTracker == m_options.growthInterval) {
        m_scale *= m_options.growthFactor;
        m_growthTracker = 0;
    }
}

nlohmann::ordered_json LossScaler::toJson() const
{
    return {{"scale", m_scale}, {"growth_tracker", m_growthTracker}, {"skipped", m_skipped}};
}

void LossScaler::restore(const nlohmann::json &state)
{
    m_scale = state.value("scale", m_scale);
    m_growthTracker = state.value("growth_tracker", m_growthTracker);
    m_skipped = state.value("skipped", m_skipped);
}

} // namespace vindex::train
