#pragma once
// A visual feature space of the method: how a multimodal LLM turns vision features — from its vision tower(s) for
// an image (the upper bound, and training targets), or predicted by a brain encoder in the same layout — into the
// visual tokens spliced into its prompt. One subclass per space:
//   SE  single encoder (LLaVA-1.5 / NeXT base grid)          tower layer −2 → projector
//   ME  mixture of encoders (MMVP Interleaved-MoF)             CLIP and DINOv2 → two projectors → c0, d0, c1, d1, …
//   AF  aggregated features (Dense Connector DCI / SCI / STI)  final + layer-group means → projector
//   NF  nested features (M3 Matryoshka)                        projector → average-pool the grid to S tokens
//   grounding (Shikra)                                         layer −2 → one linear projector, 256 tokens
// Torch header: front ends (CLI, GUI) use the decode layer's torch-free API instead.
#include <ATen/core/Tensor.h>

#include <memory>
#include <string>

namespace vindex::models {
class MultimodalModel;
}

namespace vindex::spaces {

enum class SpaceKind { SingleEncoder, MixtureOfEncoders, AggregatedFeatures, NestedFeatures, Grounding };

const char *spaceName(SpaceKind kind); // "se", "me", "af", "nf", "shikra"
// Accepts the names above (and "grounding" for shikra); throws Error listing them otherwise.
SpaceKind spaceFromName(const std::string &name);

struct SpaceOptions {
    SpaceKind kind = SpaceKind::SingleEncoder;
    int64_t scale = 0; // NF: visual tokens after pooling (a square number dividing the grid); 0 = the model's default
    // ME: the DINOv2 tower when the model's config.json names none ("mm_dino_tower"): a torch.hub weights file
    // (dinov2_vitl14_pretrain.pth) or an HF DINOv2 folder. "" = torch.hub's cache (see MixtureOfEncodersSpace.h).
    std::string dinoTower;
};

class FeatureSpace {
public:
    virtual ~FeatureSpace();
    FeatureSpace(const FeatureSpace &) = delete;
    FeatureSpace &operator=(const FeatureSpace &) = delete;

    // Builds the space on a loaded model. Throws ModelError naming the folder when the model lacks what the space
    // needs (a DINO tower and projector for ME, a Dense Connector projector for AF, a Shikra model for grounding).
    static std::unique_ptr<FeatureSpace> create(const models::MultimodalModel &model, const SpaceOptions &options);

    SpaceKind kind() const { return m_kind; }
    std::string describe() const; // "nf (9 tokens)", for manifests and logs

    // The layout the model's own tower gives: [featureTokens, featureWidth] per image. A brain encoder must predict
    // featureWidth-wide tokens; it may predict another number of them (visualTokens takes any count).
    int64_t featureTokens() const { return m_featureTokens; }
    int64_t featureWidth() const { return m_featureWidth; }
    // Visual tokens one image of the model's own tower occupies in the prompt.
    int64_t visualTokenCount() const { return m_visualTokens; }

    // Preprocessed pixels [B, 3, H, W] → features [B, featureTokens, featureWidth].
    virtual at::Tensor imageFeatures(const at::Tensor &pixelValues) const = 0;
    // Features [B, N, C] (or [N, C]) → visual tokens [B, visualTokenCount, hidden] (or [T, hidden]). Throws
    // ModelError naming both layouts when the features are not in this space's layout (e.g. a brain encoder
    // trained for another space).
    at::Tensor visualTokens(const at::Tensor &features) const;
    // One trial's features → its prompt tokens [T, hidden]. For LLaVA-NeXT, [tiles, N, C] image features are tokens
    // per tile stitched by the image's size; [N, C] (a brain encoder's grid, a features file) is one tile and gets
    // one image_newline. Other models: the same as visualTokens.
    at::Tensor promptTokens(const at::Tensor &features, int imageWidth = 0, int imageHeight = 0) const;

    const models::MultimodalModel &model() const { return m_model; }

protected:
    FeatureSpace(const models::MultimodalModel &model, SpaceKind kind);
    // [B, N, C] in the checked layout → [B, T, hidden].
    virtual at::Tensor tokensFromFeatures(const at::Tensor &features) const = 0;

    const models::MultimodalModel &m_model;
    SpaceKind m_kind;
    int64_t m_featureTokens = 0;
    int64_t m_featureWidth = 0;
    int64_t m_visualTokens = 0;
};

} // namespace vindex::spaces
