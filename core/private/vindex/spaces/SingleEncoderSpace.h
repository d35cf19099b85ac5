#pragma once
// SE (LLaVA-1.5 / LLaVA-NeXT at its base grid) and Shikra grounding: the vision tower's selected layer (−2, CLS
// dropped) through the model's own projector. For LLaVA-NeXT only the base-resolution grid is decoded: brain
// features stand for one 336-px view, so there are no high-resolution crops to fill and none are made.
#include "vindex/spaces/FeatureSpace.h"

namespace vindex::spaces {

class SingleEncoderSpace : public FeatureSpace {
public:
    SingleEncoderSpace(const models::MultimodalModel &model, SpaceKind kind);
    at::Tensor imageFeatures(const at::Tensor &pixelValues) const override;

protected:
    at::Tensor tokensFromFeatures(const at::Tensor &features) const override;
};

} // namespace vindex::spaces
