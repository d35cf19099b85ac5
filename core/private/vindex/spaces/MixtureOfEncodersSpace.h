#pragma once
// ME: MMVP's Interleaved Mixture-of-Features. The same CLIP-normalised pixels go through CLIP (layer −2, CLS dropped)
// and DINOv2 (its last block before the final norm, CLS dropped); each has its own mlp2x_gelu projector, and the
// projected tokens interleave c0, d0, c1, d1, … (2N visual tokens). A brain encoder predicts both halves at once:
// features are [N, C_clip + C_dino], CLIP channels first.
//
// Where the DINO side comes from. MMVP calls torch.hub.load('facebookresearch/dinov2', 'dinov2_vitl14'), so its
// released folders name no DINO tower; the first of these that exists is used:
//   1. config.json "mm_dino_tower": a DINOv2 folder (HF layout) or torch.hub weights file (absolute, relative to
//      the model folder, or an HF hub name);
//   2. the run's option (`vindex caption --dino PATH`): the same kinds of path;
//   3. torch.hub's own cache: $TORCH_HOME/hub/checkpoints/dinov2_vitl14_pretrain.pth (Dinov2HubCheckpoint.h).
// The projector: "model.dino_mm_projector.{0,2}.*" in the model's weights, or dino_mm_projector.{safetensors,bin}
// in the folder (MMVP's adapter file); "mm_dino_interpolation": "hub" (default: torch.hub's position-embedding
// resize, as MMVP runs) or "hf" (transformers').
#include "vindex/spaces/FeatureSpace.h"

#include <memory>
#include <string>

namespace vindex::models {
class Projector;
class VisionTower;
} // namespace vindex::models

namespace vindex::spaces {

class MixtureOfEncodersSpace : public FeatureSpace {
public:
    // dinoTower: the run's DINOv2 path (2. above), "" for none. Throws ModelError naming the three places when no
    // DINOv2 is found, or naming the folder when the projector is missing.
    MixtureOfEncodersSpace(const models::MultimodalModel &model, const std::string &dinoTower = {});
    ~MixtureOfEncodersSpace() override;

    at::Tensor imageFeatures(const at::Tensor &pixelValues) const override;
    const models::VisionTower &dinoTower() const { return *m_dino; }
    // The DINOv2 weights the space loaded: a torch.hub file, or an HF folder (dinoIsFolder).
    const std::string &dinoWeights() const { return m_dinoWeights; }
    bool dinoIsFolder() const { return m_dinoIsFolder; }
    // Feature channels of each tower: features are [N, clipWidth + dinoWidth].
    int64_t clipWidth() const { return m_clipWidth; }
    int64_t dinoWidth() const { return m_featureWidth - m_clipWidth; }

protected:
    at::Tensor tokensFromFeatures(const at::Tensor &features) const override;

private:
    std::unique_ptr<models::VisionTower> m_dino;
    std::unique_ptr<models::Projector> m_dinoProjector;
    int64_t m_clipWidth = 0;
    std::string m_dinoWeights;
    bool m_dinoIsFolder = false;
};

} // namespace vindex::spaces
