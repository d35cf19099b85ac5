#pragma once
// What CLIP-S needs of a CLIP model: unnormalised text and image embeddings. The evaluation layer knows no model;
// models::loadClipEmbedder (models/ClipEmbedding.h) gives one backed by a CLIP folder, tests may give any other.
#include "vindex/io/RgbImage.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace vindex::eval {

class ClipEmbedder {
public:
    using Features = std::vector<std::vector<float>>; // one unnormalised row per text or image

    virtual ~ClipEmbedder() = default;
    // text_embeds of the texts as given (one batch; no prefix added here).
    virtual Features textFeatures(const std::vector<std::string> &texts) const = 0;
    // image_embeds of 8-bit images through the model's own preprocessing (one batch).
    virtual Features imageFeatures(const std::vector<io::RgbImage> &images) const = 0;
    virtual int64_t featureSize() const = 0;
};

// Loads a CLIP folder on a device ("cpu", "cuda[:N]") in a dtype ("f32", "f16", "bf16"); errors name the file.
using ClipEmbedderLoader = std::function<std::shared_ptr<const ClipEmbedder>(
    const std::string &folder, const std::string &device, const std::string &dtype)>;

} // namespace vindex::eval
