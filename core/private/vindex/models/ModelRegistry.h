#pragma once
// Recognises a model folder or checkpoint file (config.json fields, tensor names) and says clearly what it is, or
// why it is not supported. Also resolves model references the way users keep them: absolute paths, paths relative to
// the referring folder (LLaVA's mm_vision_tower), and hub names under $VINDEX_MODELS or a Hugging Face cache.
#include "vindex/models/ModelDescription.h"

#include <string>

namespace vindex::models {

class ModelRegistry {
public:
    // Throws ModelError naming the file and field when the model is broken or unsupported.
    static ModelDescription identify(const std::string &path);

    // reference: absolute path, path relative to relativeTo, or "org/name" looked up under $VINDEX_MODELS/org/name,
    // $VINDEX_MODELS/models--org--name/snapshots/*, $HF_HUB_CACHE, $HF_HOME/hub and ~/.cache/huggingface/hub.
    // Returns "" when nothing is found (nothing is ever downloaded).
    static std::string resolveModelPath(const std::string &reference, const std::string &relativeTo);
};

} // namespace vindex::models
