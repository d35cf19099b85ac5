#pragma once
// Image → vision-tower features file: the engine side of `vindex features` (the CLI and GUI stay free of
// LibTorch). Features are written as one F32 tensor "features" [1, tokens, width] in a .safetensors file, with
// the tower, layer, image and preprocessing in its metadata. No LibTorch header here: the CLI includes this.
#include <cstdint>
#include <string>

namespace vindex::models {

struct FeatureExtractionRequest {
    // A vision tower folder (CLIP / DINOv2 / SigLIP, whole CLIP, llava-hf), or a LLaVA-1.5 / Shikra folder whose
    // mm_vision_tower is used (with that model's padding: LLaVA 'pad' on the mean colour, Shikra white).
    std::string visionPath;
    std::string imagePath;      // PNG or JPEG
    std::string outputPath;     // .safetensors, written atomically
    int layer = -2;             // hidden state index (negative from the end; 0 = embeddings)
    int size = 0;               // input side; 0 = the preprocessor's / tower's own
    bool keepCls = false;       // keep the CLS token (CLIP, DINOv2)
    std::string pad = "auto";   // auto (from the model folder) | none | mean | white
    std::string device = "cpu"; // --device / --dtype spellings (Compute::parse)
    std::string dtype = "f32";
};

struct FeatureExtractionResult {
    std::string towerPath; // the folder the tower was loaded from
    std::string family;    // clip / dinov2 / siglip
    int layer = 0;         // as requested
    int numLayers = 0;
    std::string pad;       // none / mean / white
    int64_t inputSize = 0; // pixel side fed to the tower
    int64_t tokens = 0, width = 0;
    std::string outputPath;
    std::string tensorName; // "features"
};

// Throws ModelError (tower, layer out of range), FormatError (unreadable image), Error (bad pad spelling).
FeatureExtractionResult extractImageFeatures(const FeatureExtractionRequest &request);

} // namespace vindex::models
