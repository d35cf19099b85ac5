#pragma once
// The LLaMA/Vicuna decoder with Hugging Face numerics: RMSNorm in fp32, rotary embeddings (rotate_half, cos/sin in
// fp32), SiLU-gated MLP, grouped-query attention with the softmax in fp32, untied (or tied) lm_head. It takes
// input embeddings, so that images and brain features can be spliced in as embeddings by the caller.
#include "vindex/models/LlamaConfig.h"

#include <ATen/core/Tensor.h>

#include <string>
#include <vector>

namespace vindex::models {

class KvCache;
class WeightLoader;

class LlamaModel {
public:
    // Where the decoder sits in a checkpoint.
    struct Layout {
        std::string decoderPrefix = "model.";      // embed_tokens, layers.N, norm
        std::string lmHeadName = "lm_head.weight"; // full name
    };
    enum class Logits { All, LastOnly };

    // weights: the whole checkpoint (unscoped). Shapes are checked against the config; errors name the tensor and
    // the file. Examples: original LLaVA/Shikra/Vicuna {"model.", "lm_head.weight"}; llava-hf
    // {"language_model.model.", "language_model.lm_head.weight"}; llava-hf as newer transformers save it
    // {"model.language_model.", "lm_head.weight"}.
    LlamaModel(const LlamaConfig &config, const WeightLoader &weights, const Layout &layout);
    // The layout found by the names in the checkpoint (the three above); throws ModelError when none fits.
    static Layout detectLayout(const WeightLoader &weights);

    const LlamaConfig &config() const { return m_config; }
    c10::ScalarType dtype() const;
    c10::Device device() const;

    // ids [B, T] (int64, any device) → embeddings [B, T, H]. Throws ModelError for ids outside the vocabulary
    // (e.g. the -200 image placeholder, which the caller must splice out first).
    at::Tensor embed(const at::Tensor &ids) const;

    // inputsEmbeds [B, T, H]; positions [B, T] (rotary positions per sequence: 0.. for each prompt whatever its
    // padding); attentionMask [B, past + T], 1 = real token, 0 = padding (left padding); cache: null for one
    // full pass, else T new slots are appended after cache->length(). Returns logits [B, T, V] in fp32
    // (or [B, 1, V] for Logits::LastOnly).
    at::Tensor forward(const at::Tensor &inputsEmbeds, const at::Tensor &positions, const at::Tensor &attentionMask,
                       KvCache *cache, Logits logits = Logits::All) const;
    // Convenience: no padding, positions 0..T-1, no cache.
    at::Tensor forward(const at::Tensor &inputsEmbeds) const;

private:
    struct Layer {
        at::Tensor inputNorm, postNorm, q, k, v, o, gate, up, down;
    };
    at::Tensor rmsNorm(const at::Tensor &x, const at::Tensor &weight) const;
    at::Tensor attention(const Layer &layer, int64_t index, const at::Tensor &x, const at::Tensor &cos,
                         const at::Tensor &sin, const at::Tensor &allowed, KvCache *cache) const;

    LlamaConfig m_config;
    at::Tensor m_embed, m_norm, m_lmHead, m_invFreq;
    std::vector<Layer> m_layers;
};

} // namespace vindex::models
