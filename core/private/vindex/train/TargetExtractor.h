#pragma once
// Training targets: the features a frozen vision side gives for a stimulus — a multimodal LLM's feature space (its
// vision tower and preprocessing, the space's feature layout: SE, ME, AF, NF, shikra) or a vision tower folder
// directly (hidden_states[layer], CLS dropped, the tower family's preprocessing). Augmentation, when wanted, is applied
// to the images before they come here (ImageAugmentation.h).
#include "vindex/io/RgbImage.h"
#include "vindex/models/Compute.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace vindex::train {

struct TargetSpec {
    std::string mllm;   // a LLaVA / Shikra folder (with space), or
    std::string vision; // a vision tower folder (CLIP, DINOv2, SigLIP)
    std::string space = "se";
    int64_t scale = 0; // NF tokens (0 = the model's default)
    int layer = -2;    // vision tower path: the hidden state taken
    int imageSize = 0; // vision tower path: the side images are resized to (0: the tower's own)

    // What produced the features, without loading anything: kind, space, layer and the SHA-256 of every weight
    // file of the folder (and of the MLLM's vision tower folder). A feature cache records it. Throws Error when
    // neither or both of mllm / vision are given.
    nlohmann::ordered_json description() const;
};

class TargetExtractor {
public:
    // Loads the model(s). Throws ModelError naming the folder.
    static std::unique_ptr<TargetExtractor> load(const TargetSpec &spec, const models::Compute &compute);
    ~TargetExtractor();

    // Stimuli → features [B, tokens, width], float32 on the CPU, computed without gradients.
    at::Tensor features(const std::vector<io::RgbImage> &images) const;

private:
    TargetExtractor();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace vindex::train
