#pragma once
// ME: MMVP's Interleaved Mixture-of-Features. The same CLIP-normalised pixels go through CLIP (layer −2, CLS dropped)
// and DINOv2 (its last block before the final norm, CLS dropped); each has its own mlp2x_gelu projector, and the
// projected tokens interleave c0, d0, c1, d1, … (2N visual tokens). A brain encoder predicts both halves at once:
// features are [N, C_clip + C_dino], CLIP channels first.
//
// Where the DINO side comes from (MMVP loads it from torch.hub, so its folder layout is ours to define):
//   config.json "mm_dino_tower": the DINOv2 folder (absolute, relative to the model folder, or a hub name);
//   the projector: "model.dino_mm_projector.{0,2}.*" in the model's weights, or dino_mm_projector.{safetensors,bin}
//   in the folder; "mm_dino_interpolation": "hub" (default: torch.hub's position-embedding resize, as MMVP runs)
//   or "hf" (transformers').
#include "vindex/spaces/FeatureSpace.h"

#include <memory>

namespace vindex::models {
class Projector;
class VisionTower;
} // namespace vindex::models

namespace vindex::spaces {

class MixtureOfEncodersSpace : public FeatureSpace {
public:
    explicit MixtureOfEncodersSpace(const models::MultimodalModel &model);
    ~MixtureOfEncodersSpace() override;

    at::Tensor imageFeatures(const at::Tensor &pixelValues) const override;
    const models::VisionTower &dinoTower() const { return *m_dino; }

protected:
    at::Tensor tokensFromFeatures(const at::Tensor &features) const override;

private:
    std::unique_ptr<models::VisionTower> m_dino;
    std::unique_ptr<models::Projector> m_dinoProjector;
    int64_t m_clipWidth = 0;
};

} // namespace vindex::spaces
