#include "vindex/models/BrainPerceiver.h"

#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>

namespace vindex::models {

BrainPerceiver BrainPerceiver::load(const WeightLoader &weights, int64_t heads, int64_t dimHead, double layerNormEps)
{
    BrainPerceiver p;
    p.m_resampler = PerceiverResampler::load(weights.scoped("perceiver."), heads, dimHead, layerNormEps);
    const int64_t d = p.m_resampler.width();
    p.m_lnWeight = weights.get("ln_vision.weight", {d});
    p.m_lnBias = weights.get("ln_vision.bias", {d});
    p.m_projWeight = weights.get("llm_proj.weight", {-1, d});
    p.m_projBias = weights.get("llm_proj.bias", {p.m_projWeight.size(0)});
    p.m_eps = layerNormEps;
    return p;
}

at::Tensor BrainPerceiver::forward(const at::Tensor &tokens) const
{
    const at::Tensor x = at::layer_norm(tokens, {width()}, m_lnWeight, m_lnBias, m_eps);
    return at::linear(m_resampler.forward(x), m_projWeight, m_projBias);
}

void BrainPerceiver::appendParameters(const std::string &prefix, ParameterList &out)
{
    // UMBRAE's Perceiver registers ln_vision, llm_proj, then the resampler.
    out.push_back({prefix + "ln_vision.weight", &m_lnWeight});
    out.push_back({prefix + "ln_vision.bias", &m_lnBias});
    out.push_back({prefix + "llm_proj.weight", &m_projWeight});
    out.push_back({prefix + "llm_proj.bias", &m_projBias});
    m_resampler.appendParameters(prefix + "perceiver.", out);
}

} // namespace vindex::models
