#pragma once
// NF: M3 (Matryoshka Multimodal Models). The projected grid of visual tokens (24×24 for CLIP-336) is average-pooled
// to S tokens, S ∈ {1, 9, 36, 144, 576} (kernels 24, 8, 4, 2, 1), row-major — pooling after the projector, as M3
// does. Brain features are the un-pooled tower features (the SE layout); the scale only changes the tokens.
#include "vindex/spaces/FeatureSpace.h"

namespace vindex::spaces {

class NestedFeatureSpace : public FeatureSpace {
public:
    // scale 0: config.json "matryoshka_vis_token_scale", else the full grid. Throws Error when the scale is not a
    // square whose side divides the grid's.
    NestedFeatureSpace(const models::MultimodalModel &model, int64_t scale);
    int64_t scale() const { return m_visualTokens; }
    at::Tensor imageFeatures(const at::Tensor &pixelValues) const override;

    // [B, g², H] → [B, S, H]: the pooling alone (tests and the GUI's scale preview use it).
    static at::Tensor poolTokens(const at::Tensor &tokens, int64_t scale);

protected:
    at::Tensor tokensFromFeatures(const at::Tensor &features) const override;
};

} // namespace vindex::spaces
