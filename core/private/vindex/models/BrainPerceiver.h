#pragma once
// UMBRAE's shared `Perceiver`: ln_vision LayerNorm → PerceiverResampler → llm_proj Linear. It turns the subject
// tokenizer's tokens into the target feature layout [latents × out width]; every subject shares it.
#include "vindex/models/PerceiverResampler.h"

#include <ATen/core/Tensor.h>

namespace vindex::models {

class WeightLoader;

class BrainPerceiver {
public:
    // weights scoped at the module ("perceiver."): ln_vision.*, llm_proj.*, perceiver.* (the resampler).
    static BrainPerceiver load(const WeightLoader &weights, int64_t heads, int64_t dimHead, double layerNormEps = 1e-5);

    // tokens [B, N, width] → [B, latentCount, outputWidth]
    at::Tensor forward(const at::Tensor &tokens) const;

    const PerceiverResampler &resampler() const { return m_resampler; }
    int64_t width() const { return m_resampler.width(); }
    int64_t outputWidth() const { return m_projWeight.size(0); }

    // "<prefix>ln_vision.weight", …, "<prefix>llm_proj.bias", then the resampler under "<prefix>perceiver.".
    void appendParameters(const std::string &prefix, ParameterList &out);

private:
    at::Tensor m_lnWeight, m_lnBias, m_projWeight, m_projBias;
    PerceiverResampler m_resampler;
    double m_eps = 1e-5;
};

} // namespace vindex::models
