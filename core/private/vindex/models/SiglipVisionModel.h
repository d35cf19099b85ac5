#pragma once
// HF SiglipVisionModel: conv patches (bias) + positions, no CLS, gelu tanh blocks; last_hidden_state =
// post_layernorm(all tokens); pooled = the attention-pooling head (probe → MultiheadAttention → LN + MLP residual).
#include "vindex/models/VisionTower.h"

namespace vindex::models {

class SiglipVisionModel : public VisionTower {
public:
    // config: the vision config (transformers' defaults for absent fields); weights scoped at the tower.
    SiglipVisionModel(const nlohmann::json &config, const WeightLoader &weights, const Options &options = {});
    ~SiglipVisionModel() override;

    VisionOutput forward(const at::Tensor &pixelValues, bool withHiddenStates = true) const override;

private:
    struct Weights;
    std::unique_ptr<const Weights> m_weights;
};

} // namespace vindex::models
