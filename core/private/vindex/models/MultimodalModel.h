#pragma once
// A LLaVA-style multimodal LLM composed from our parts: vision tower → feature selection → projector → spliced
// into the prompt embeddings of a LLaMA decoder. Three layouts: LLaVA-1.5 / NeXT original (model.mm_projector, CLIP
// in the folder named by mm_vision_tower, "<image>" placeholder −200), llava-hf / llava_next (everything in one
// file, one <image> id per image token) and Shikra (single linear projector, <im_start> <im_patch>×N <im_end>).
// LLaVA-NeXT adds anyres tiling and image_newline (AnyResolutionTiling). Visual tokens may come from
// an image or directly as features (the brain path: a brain encoder predicts the same features).
#include "vindex/models/AnyResolutionTiling.h"
#include "vindex/models/Compute.h"
#include "vindex/models/ConversationTemplate.h"
#include "vindex/models/Generator.h"
#include "vindex/models/ModelDescription.h"

#include <ATen/core/Tensor.h>

#include <memory>
#include <string>
#include <vector>

namespace vindex::io {
struct RgbImage;
}

namespace vindex::models {

class ImagePreprocessor;
class LlamaModel;
class Projector;
class Tokenizer;
class VisionTower;
class WeightLoader;

class MultimodalModel {
public:
    // What load() reads: the whole model, or only what turns images into visual features (vision tower and
    // preprocessing; training targets need no 7B language model in memory).
    enum class Parts { Whole, VisionOnly };
    // folder: a LLaVA (either layout) or Shikra model folder. Throws ModelError naming what is missing.
    static std::unique_ptr<MultimodalModel> load(const std::string &folder, const Compute &compute,
                                                 Parts parts = Parts::Whole);
    ~MultimodalModel();

    ModelKind kind() const { return m_description.kind; }
    const ModelDescription &description() const { return m_description; }
    const Compute &compute() const { return m_compute; }
    const Tokenizer &tokenizer() const { return *m_tokenizer; }
    const LlamaModel &llm() const; // throws ModelError when loaded VisionOnly
    bool hasLanguageModel() const { return m_llm != nullptr; }
    int64_t hiddenSize() const { return m_hiddenSize; } // the language model's width (from its config)
    bool hasVisionTower() const { return m_tower != nullptr; }
    const VisionTower &visionTower() const; // throws ModelError when the tower was not found
    const ConversationTemplate &conversation() const { return m_template; }
    // Visual tokens one image (or one trial's features) occupies in the prompt.
    int64_t imageTokenCount() const { return m_imageTokens; }
    int64_t featureWidth() const { return m_featureWidth; } // the vision tower's width (projector input)

    // LLaVA-NeXT: an image becomes several tiles (anyres), whose tokens packTiles() stitches together.
    bool tilesImages() const { return m_tiling != nullptr; }
    const AnyResolutionTiling *tiling() const { return m_tiling.get(); }

    // The family's preprocessing (LLaVA: pad to square on the mean colour; Shikra: white; llava-hf: none;
    // NeXT: one row per tile, [tiles, 3, H, W]).
    at::Tensor pixelValues(const io::RgbImage &image) const;
    at::Tensor pixelValuesFromFile(const std::string &path) const;
    // pixel values [B, 3, H, W] → the selected layer's patch features [B, N, C] (mm_vision_select_layer).
    at::Tensor visionFeatures(const at::Tensor &pixelValues) const;
    // [.., N, C] → [.., N, hidden]
    at::Tensor projectFeatures(const at::Tensor &features) const;
    // Visual tokens per tile [tiles, T, hidden] → the prompt's visual tokens [T', hidden]: NeXT stitches tiles of an
    // image of this size and ends rows with image_newline (one tile, e.g. a brain encoder's grid: its tokens then
    // one image_newline); other models take a single tile as it is.
    at::Tensor packTiles(const at::Tensor &tileTokens, int imageWidth, int imageHeight) const;

    // The whole prompt text for a user message (the template around it; "<image>" marks where the visual tokens
    // go; the default message puts them first as LLaVA's run_llava does).
    std::string promptText(const std::string &userMessage) const;
    // Prompt ids; visual token positions hold the placeholder (LLaVA original: one −200; llava-hf: N <image> ids;
    // Shikra: <im_start> N×<im_patch> <im_end>).
    std::vector<int64_t> promptIds(const std::string &promptText) const;
    // The same with room for visualTokens tokens (a feature space may make more or fewer than imageTokenCount()).
    std::vector<int64_t> promptIds(const std::string &promptText, int64_t visualTokens) const;
    // Prompt embeddings [T, hidden] with the projected visual features [N, C] spliced at the placeholder; features
    // may be undefined for a text-only prompt (then the prompt must hold no placeholder).
    at::Tensor promptEmbeddings(const std::vector<int64_t> &ids, const at::Tensor &features) const;
    // The same with visual tokens already in the LLM's width [T, hidden] (a feature space's output).
    at::Tensor promptEmbeddingsFromTokens(const std::vector<int64_t> &ids, const at::Tensor &visualTokens) const;

    // Generation over prompts with visual tokens already made (one [T, hidden] per prompt).
    GenerationResult generateFromTokens(const std::vector<std::string> &promptTexts,
                                        const std::vector<at::Tensor> &visualTokens,
                                        const GenerationOptions &options) const;

private:
    MultimodalModel();
    // NeXT: the tiling from the config and image_newline from the weights.
    void loadTiling(const WeightLoader &weights, AnyResolutionTiling::Convention convention,
                    const std::string &newlineKey, bool whole);

    ModelDescription m_description;
    Compute m_compute;
    ConversationTemplate m_template;
    std::unique_ptr<Tokenizer> m_tokenizer;
    std::unique_ptr<LlamaModel> m_llm;
    std::unique_ptr<Projector> m_projector;
    std::unique_ptr<VisionTower> m_tower;
    std::unique_ptr<ImagePreprocessor> m_preprocessor;
    std::unique_ptr<AnyResolutionTiling> m_tiling; // LLaVA-NeXT only
    at::Tensor m_imageNewline;                     // [hidden], NeXT's spatial_unpad only
    int m_selectLayer = -2;
    bool m_keepCls = false;
    int64_t m_imageTokens = 0;
    int64_t m_featureWidth = 0;
    int64_t m_hiddenSize = 0;
    int64_t m_placeholderId = -200; // id standing for visual tokens in promptIds
    std::string m_imageMarker = "<image>";
};

} // namespace vindex::models
