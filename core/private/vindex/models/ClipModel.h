#pragma once
// A whole CLIP in the Hugging Face layout (CLIPModel: config.json with text_config and vision_config,
// model.safetensors or pytorch_model.bin, vocab.json + merges.txt, preprocessor_config.json optional): the BPE
// tokenizer, the text tower with text_projection, the vision tower with visual_projection and the image
// preprocessing, giving the unnormalised text_embeds / image_embeds that CLIPScore compares.
#include "vindex/io/RgbImage.h"
#include "vindex/models/Compute.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <string>
#include <vector>

namespace vindex::models {

class ClipBpeTokenizer;
class WeightLoader;
class ClipTextModel;
class ImagePreprocessor;
class VisionTower;

class ClipModel {
public:
    // ModelError / FormatError naming the file when the folder is not a CLIPModel (model_type "clip" with both
    // configs), a tensor is missing or has another shape, or the tokenizer files are missing or malformed.
    static std::unique_ptr<ClipModel> load(const std::string &folder, const Compute &compute);
    // A CLIP in OpenAI's checkpoint layout (OpenAiClipCheckpoint.h; PAC-S's checkpoints) with OpenAI's tokenizer
    // vocabulary (bpe_simple_vocab_16e6.txt.gz; vocabFile empty: that name in the checkpoint's folder) and OpenAI's
    // image transform (bicubic resize of the shortest side, torchvision's centre crop, CLIP's mean/std).
    // ModelError naming the vocabulary path when it is missing, else as OpenAiClipCheckpoint::load.
    static std::unique_ptr<ClipModel> loadOpenAi(const std::string &checkpointFile, const std::string &vocabFile,
                                                 const Compute &compute);
    ~ClipModel();

    // Unnormalised text_embeds [N, P] of texts as given (no prefix), tokenized to the context length.
    at::Tensor encodeTexts(const std::vector<std::string> &texts) const;
    // Unnormalised image_embeds [N, P] = visual_projection(post_layernorm(CLS)) of pixel values [N, 3, H, W].
    at::Tensor encodePixels(const at::Tensor &pixelValues) const;
    // The same from 8-bit images through the model's preprocessing (resize shortest side, centre crop, mean/std).
    at::Tensor encodeImages(const std::vector<io::RgbImage> &images) const;

    const ClipBpeTokenizer &tokenizer() const { return *m_tokenizer; }
    const ClipTextModel &textModel() const { return *m_text; }
    const VisionTower &visionTower() const { return *m_vision; }
    const ImagePreprocessor &preprocessor() const { return *m_preprocessor; }
    int64_t projectionSize() const;
    const std::string &folder() const { return m_folder; } // the checkpoint file for loadOpenAi

private:
    ClipModel() = default;
    // Towers, projection and the checks common to both layouts; the tokenizer is set already.
    void build(const nlohmann::json &config, const WeightLoader &weights);

    std::string m_folder;
    std::unique_ptr<ClipBpeTokenizer> m_tokenizer;
    std::unique_ptr<ClipTextModel> m_text;
    std::unique_ptr<VisionTower> m_vision;
    std::unique_ptr<ImagePreprocessor> m_preprocessor;
    at::Tensor m_visualProjection; // [P, Cv]
};

} // namespace vindex::models
