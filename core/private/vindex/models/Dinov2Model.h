#pragma once
// HF Dinov2Model: conv patches (bias) + CLS + positions (interpolated for other grids), blocks with layerscale
// and exact GELU (or SwiGLU); last_hidden_state = layernorm(all tokens), pooled = its CLS; hidden states pre-norm.
#include "vindex/models/VisionTower.h"

namespace vindex::models {

class Dinov2Model : public VisionTower {
public:
    // config: the vision config (transformers' defaults for absent fields); weights scoped at the tower.
    Dinov2Model(const nlohmann::json &config, const WeightLoader &weights, const Options &options = {});
    ~Dinov2Model() override;

    VisionOutput forward(const at::Tensor &pixelValues, bool withHiddenStates = true) const override;

private:
    struct Weights;
    std::unique_ptr<const Weights> m_weights;
};

} // namespace vindex::models
