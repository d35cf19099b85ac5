#pragma once
// What a model folder or checkpoint file is, as recognised by ModelRegistry.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace vindex::models {

enum class ModelKind {
    ClipVision,    // CLIPVisionModel (openai/clip-vit-large-patch14[-336])
    ClipFull,      // CLIPModel: text + vision towers with projections
    Dinov2,        // Dinov2Model (facebook/dinov2-*)
    SiglipVision,  // SiglipVisionModel (google/siglip-so400m-patch14-384)
    Llama,         // a plain LLaMA / Vicuna decoder
    LlavaOriginal, // LLaVA-1.5 original layout: model.mm_projector + a separate CLIP folder (mm_vision_tower)
    LlavaHf,       // llava-hf LlavaForConditionalGeneration (one file with the CLIP tower inside)
    Shikra,        // Shikra: single linear projector, <im_start> <im_patch>×N <im_end>
    BrainXS,       // UMBRAE single-subject brain encoder
    BrainX,        // UMBRAE cross-subject brain encoder (per-subject tokenizers fmri{s})
};

struct ModelDescription {
    ModelKind kind;
    std::string displayName; // "LLaVA-1.5 (original layout)"
    std::string path;        // the folder or file that was identified
    std::string weightsPath; // what WeightLoader should open (folder, index or file)
    nlohmann::json config;   // config.json (empty for bare checkpoints)
    // LLaVA original / Shikra: the resolved vision tower folder ("" when it could not be found; see notes).
    std::string visionTowerPath;
    std::vector<std::string> notes; // human-readable facts and warnings
};

const char *modelKindName(ModelKind kind); // "llava-original", "clip-vision", ...

} // namespace vindex::models
