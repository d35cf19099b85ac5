#pragma once
// A ViT image encoder as Hugging Face transformers computes it (CLIP, DINOv2, SigLIP), with every hidden state,
// so that LLaVA-style feature selection (layer -2, CLS dropped) and Dense Connector's layer averages can be taken
// from one forward pass. Weights are loaded once, in the compute dtype/device.
#include "vindex/models/Compute.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json_fwd.hpp>

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace vindex::models {

class WeightLoader;

// Variants that reuse a checkpoint differently (Dense Connector's SigLIP drops the last block and the head).
struct VisionTowerOptions {
    int dropLastLayers = 0; // blocks removed from the end
    bool withHead = true;   // SigLIP attention-pooling head (also needs vision_use_head != false in config)
    // Position-embedding resize for other input grids: false = transformers 5 (F.interpolate size=(h, w));
    // true = torch.hub DINOv2 / older transformers (scale_factor (n + 0.1) / N), as MMVP's DINO tower runs.
    bool legacyInterpolation = false;
};

class VisionTower {
public:
    struct VisionOutput {
        at::Tensor lastHiddenState;           // [B, T, C] (CLIP: not normed; DINOv2/SigLIP: after the final norm)
        std::vector<at::Tensor> hiddenStates; // index 0 = embeddings (after pre_layrnorm for CLIP), i = block i
        at::Tensor pooled;                    // [B, C]; undefined when the tower has no pooler (SigLIP w/o head)
    };

    using Options = VisionTowerOptions;

    virtual ~VisionTower();
    VisionTower(const VisionTower &) = delete;
    VisionTower &operator=(const VisionTower &) = delete;

    // pixelValues [B, 3, H, W] (any float dtype, any device: moved to the compute device/dtype). H and W must be
    // multiples of the patch size; a grid other than the configured one interpolates the position embeddings.
    virtual VisionOutput forward(const at::Tensor &pixelValues, bool withHiddenStates = true) const = 0;

    // LLaVA's feature selection: hiddenStates[layer] (negative counts from the end, -1 = last block), without the
    // CLS token unless keepCls. Throws ModelError when layer is out of range.
    at::Tensor selectFeatures(const at::Tensor &pixelValues, int layer, bool keepCls) const;

    int64_t hiddenSize() const { return m_hiddenSize; }
    int64_t patchSize() const { return m_patchSize; }
    int64_t imageSize() const { return m_imageSize; } // the configured (trained) input side
    int numLayers() const { return m_numLayers; }     // blocks actually run (after dropLastLayers)
    bool hasClsToken() const { return m_hasClsToken; }
    const std::string &family() const { return m_family; } // "clip", "dinov2", "siglip"
    // Normalization the tower was trained with (the family's defaults; preprocessor_config.json may override).
    const std::array<float, 3> &imageMean() const { return m_imageMean; }
    const std::array<float, 3> &imageStd() const { return m_imageStd; }
    const Compute &compute() const { return m_compute; }
    const std::string &source() const { return m_source; } // the weights file, for messages

    // Reads folder/config.json and picks the class from model_type: clip_vision_model, clip (its vision_config),
    // dinov2, siglip_vision_model, siglip, llava (its vision_config; the tower is inside the same weights).
    // weightPrefix "auto" finds the tower's key prefix ("", "vision_model.", "vision_tower.vision_model.", ...).
    // Throws ModelError naming the file and the field for an unknown model_type.
    static std::unique_ptr<VisionTower> load(const std::string &folder, const Compute &compute,
                                             const std::string &weightPrefix = "auto", const Options &options = {});
    // From a vision config (the `vision_config` object or a vision model's whole config.json; model_type picks
    // the class, clip_vision_model when absent) and weights already scoped at the tower's prefix.
    static std::unique_ptr<VisionTower> fromWeights(const nlohmann::json &visionConfig,
                                                    const WeightLoader &scopedWeights, const Options &options = {});
    // The prefix under which a tower's weights sit in these weights ("" when at the top); throws ModelError.
    static std::string detectPrefix(const WeightLoader &weights);

protected:
    VisionTower() = default;
    // What tells the families apart before their own weights.
    struct Family {
        const char *name; // "clip", "dinov2", "siglip"
        bool hasClsToken;
        std::array<float, 3> imageMean, imageStd;
        int64_t defaultPatchSize; // patch_size of the family's config class when the config leaves it out
    };
    // What every family sets alike: the family's fields, compute and source from the weights; hidden_size,
    // patch_size, image_size and num_hidden_layers (less options.dropLastLayers) from the config, with
    // transformers' defaults when absent (768, the family's patch size, 224, 12).
    void readSharedConfig(const nlohmann::json &config, const WeightLoader &weights, const Options &options,
                          const Family &family);

    Compute m_compute;
    std::string m_source;
    std::string m_family;
    int64_t m_hiddenSize = 0;
    int64_t m_patchSize = 0;
    int64_t m_imageSize = 0;
    int m_numLayers = 0;
    bool m_hasClsToken = true;
    std::array<float, 3> m_imageMean{};
    std::array<float, 3> m_imageStd{};
};

} // namespace vindex::models
