#pragma once
// NF: M3 (Matryoshka Multimodal Models). The projected grid of visual tokens is average-pooled to about S tokens,
// S ∈ {1, 9, 36, 144, 576}, row-major — pooling after the projector, as M3 does. Brain features are the un-pooled
// tower features (the SE layout); the scale only changes the tokens.
//
// The arithmetic is M3's own (llava_arch.py, matryoshka_vis_token_process), for any square grid of T tokens: side =
// int(√T) (T must be a square: M3 views the tokens as side × side), kernel = stride = int(√(T / S)) in double
// precision, and avg_pool2d without padding keeps ⌊side / kernel⌋ blocks per side, dropping the rows and columns
// that do not fill a block. The token count is therefore ⌊side / kernel⌋², not always S:
//   24 × 24 (CLIP-336): S = 1, 9, 36, 144, 576 → kernels 24, 8, 4, 2, 1 → 1, 9, 36, 144, 576 tokens;
//   16 × 16 (CLIP-224, a clip_224 brain encoder): kernels 16, 5, 2, 1, 0 → 1, 9, 64, 256 tokens, and S = 576 is
//   refused (kernel 0: the reference's avg_pool2d fails too).
#include "vindex/spaces/FeatureSpace.h"

namespace vindex::spaces {

class NestedFeatureSpace : public FeatureSpace {
public:
    // scale 0: config.json "matryoshka_vis_token_scale", else the full grid; Error for a negative scale. A scale
    // M3 cannot apply to the model's own grid is accepted (visualTokenCount() 0): brain features of another grid are
    // pooled by theirs, and pooling the tower's own features then fails with M3's reason.
    NestedFeatureSpace(const models::MultimodalModel &model, int64_t scale);
    // S as asked (the token count of the model's own grid is visualTokenCount()).
    int64_t scale() const { return m_scale; }
    at::Tensor imageFeatures(const at::Tensor &pixelValues) const override;

    // M3's kernel for T tokens at scale S; Error naming both when T is not a square or the kernel would be 0.
    static int64_t poolKernel(int64_t tokens, int64_t scale);
    // Whether M3 pools T tokens at scale S (a square grid, kernel ≥ 1).
    static bool canPool(int64_t tokens, int64_t scale);
    // The tokens M3 leaves: ⌊side / kernel⌋².
    static int64_t pooledTokenCount(int64_t tokens, int64_t scale);
    // [B, T, H] → [B, pooledTokenCount(T, S), H]: the pooling alone (tests and the GUI's scale preview use it).
    static at::Tensor poolTokens(const at::Tensor &tokens, int64_t scale);

protected:
    at::Tensor tokensFromFeatures(const at::Tensor &features) const override;

private:
    int64_t m_scale = 0;
};

} // namespace vindex::spaces
