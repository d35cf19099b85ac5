#pragma once
// HF CLIPTextModel(WithProjection): token + position embeddings, causal pre-LN blocks (quick_gelu or gelu per
// hidden_act), final_layer_norm; pooled = the final-normed state at the end-of-text position, text_embeds =
// text_projection(pooled) (no bias). The end position follows transformers: argmax of the ids when the config's
// eos_token_id is 2 (the original CLIP configs, where <|endoftext|> is the largest id), else the first position
// holding eos_token_id.
#include "vindex/models/Compute.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <string>
#include <vector>

namespace vindex::models {

class WeightLoader;

class ClipTextModel {
public:
    struct TextOutput {
        at::Tensor lastHiddenState; // [B, L, C], after final_layer_norm (as transformers returns it)
        at::Tensor pooled;          // [B, C]
        at::Tensor embeds;          // [B, P] = text_projection(pooled); pooled when there is no projection
    };

    // textConfig: the text_config object (transformers' CLIPTextConfig defaults for absent fields). weights: the
    // CLIPModel's root (text_model.* and text_projection.weight, the latter optional); shapes checked against the
    // config, errors name the checkpoint and the tensor.
    ClipTextModel(const nlohmann::json &textConfig, const WeightLoader &weights);
    ~ClipTextModel();
    ClipTextModel(const ClipTextModel &) = delete;
    ClipTextModel &operator=(const ClipTextModel &) = delete;

    // ids [B, L] (int64, any device), L <= maxPositions(). Padding after the end token does not change pooled or
    // embeds (causal attention), so batches may be padded with any id. ModelError for other shapes or ids
    // outside the vocabulary.
    TextOutput forward(const at::Tensor &inputIds) const;
    // Unequal-length id lists, padded with the end id to the longest and run as one batch: embeds [N, P].
    at::Tensor embed(const std::vector<std::vector<int64_t>> &ids) const;
    // The position that is pooled, per row of ids [B, L] (the rule above).
    at::Tensor poolingPositions(const at::Tensor &inputIds) const;

    int64_t hiddenSize() const { return m_hiddenSize; }
    int64_t projectionSize() const; // P (hiddenSize() without a projection)
    int64_t vocabSize() const { return m_vocabSize; }
    int64_t maxPositions() const { return m_maxPositions; }
    int64_t eosTokenId() const { return m_eosTokenId; }
    int numLayers() const;
    const Compute &compute() const { return m_compute; }
    const std::string &source() const { return m_source; }

private:
    struct Weights;
    std::unique_ptr<const Weights> m_weights;
    Compute m_compute;
    std::string m_source;
    int64_t m_hiddenSize = 0, m_vocabSize = 0, m_maxPositions = 0, m_eosTokenId = 0;
};

} // namespace vindex::models
