#pragma once
// HF CLIPVisionModel: conv patches (no bias) + CLS + positions, pre_layrnorm, pre-norm blocks with quick_gelu;
// last_hidden_state is the last block's output (not normed), pooled = post_layernorm(CLS).
#include "vindex/models/VisionTower.h"

namespace vindex::models {

class ClipVisionModel : public VisionTower {
public:
    // config: the vision config (transformers' defaults for absent fields); weights scoped at the tower.
    ClipVisionModel(const nlohmann::json &config, const WeightLoader &weights, const Options &options = {});
    ~ClipVisionModel() override;

    VisionOutput forward(const at::Tensor &pixelValues, bool withHiddenStates = true) const override;

private:
    struct Weights;
    std::unique_ptr<const Weights> m_weights;
};

} // namespace vindex::models
