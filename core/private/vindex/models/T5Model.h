#pragma once
// transformers' T5ForConditionalGeneration in LibTorch (T5, T5.1.1, Flan-T5): a shared token embedding; encoder and
// decoder stacks of pre-norm blocks with T5LayerNorm (RMS, weight only), attention without 1/sqrt(d) scaling plus a
// relative position bias (log buckets; bidirectional in the encoder, causal in the decoder; the table lives in each
// stack's block 0 and is shared by all its blocks), decoder cross-attention, and a ReLU (wi, wo) or gated (wi_0,
// wi_1, wo; "gated-gelu" = tanh-approximated GELU) feed-forward; the lm_head (Flan-T5: its own lm_head.weight;
// original T5: the shared embedding, decoder output scaled by d_model^-0.5).
// Decoding keeps a cache: self-attention keys/values grow by one step each call, cross-attention keys/values are
// computed once from the encoder output.
#include "vindex/models/Compute.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <string>
#include <vector>

namespace vindex::models {

class WeightLoader;

class T5Model {
public:
    struct Config {
        int64_t vocabSize = 32128, dModel = 512, dKv = 64, numHeads = 8, dFf = 2048;
        int64_t encoderLayers = 6, decoderLayers = 6;
        int64_t relativeBuckets = 32, relativeMaxDistance = 128;
        double layerNormEps = 1e-6;
        bool gated = false;
        std::string activation = "relu"; // relu, gelu (erf), gelu_new (tanh), silu
        bool scaleDecoderOutputs = true; // tied embeddings (original T5): decoder output * d_model^-0.5
        int64_t padTokenId = 0, eosTokenId = 1, decoderStartTokenId = 0;

        // From config.json with T5Config's defaults (feed_forward_proj "relu", tie_word_embeddings true, ...);
        // transformers 5's derived "scale_decoder_outputs" is honoured when present. ModelError naming `source`.
        static Config fromJson(const nlohmann::json &config, const std::string &source);
    };

    // Everything a decoding run keeps between steps, for a batch of B rows (B = batch * beams in beam search).
    struct DecoderCache {
        // Per layer, time first so that appending a step and gathering beams touch one block of memory:
        // [capacity, B, H, dKv], positions 0 .. length - 1 in use; capacity doubles as decoding goes on.
        std::vector<at::Tensor> selfKeys, selfValues;
        std::vector<at::Tensor> crossKeys, crossValues; // per layer [B, H, S, dKv]
        at::Tensor encoderBias;                         // [B, 1, 1, S]: 0 or the dtype's lowest for padding
        int64_t length = 0;                             // decoder positions seen so far
        // Keeps rows rowIndices [B'], in that order.
        void reorder(const at::Tensor &rowIndices);
        // Beam search's beam_idx: rows move only among the beams of one input, whose cross-attention keys/values
        // and encoder bias are equal, so only the self-attention cache moves.
        void reorderBeams(const at::Tensor &beamIndex);
        // Appends keys/values [B, H, T, dKv] of layer `layer` at positions length .. length + T - 1 and returns all
        // positions so far as [B, H, length + T, dKv] (a view).
        std::pair<at::Tensor, at::Tensor> append(std::size_t layer, const at::Tensor &keys, const at::Tensor &values);

        at::Tensor spare; // reorderBeams gathers into it, then swaps it with the gathered buffer
    };

    // weights: the checkpoint's root (shared.weight, encoder.*, decoder.*, lm_head.weight when untied).
    T5Model(const Config &config, const WeightLoader &weights);
    // A Hugging Face T5 folder: config.json plus model.safetensors / pytorch_model.bin (or their shards).
    static std::unique_ptr<T5Model> load(const std::string &folder, Compute compute);
    ~T5Model();
    T5Model(const T5Model &) = delete;
    T5Model &operator=(const T5Model &) = delete;

    // Encoder last_hidden_state [B, S, dModel] of ids [B, S]; mask [B, S] (1 = token, 0 = padding) or undefined.
    at::Tensor encode(const at::Tensor &inputIds, const at::Tensor &attentionMask = {}) const;
    // A cache over the encoder output (cross keys/values computed here).
    DecoderCache startDecoding(const at::Tensor &encoderHidden, const at::Tensor &attentionMask = {}) const;
    // Logits [B, T, vocab] of the next T decoder tokens [B, T] after those already in the cache (appended to it).
    at::Tensor decode(DecoderCache &cache, const at::Tensor &decoderIds) const;
    // Teacher-forced logits [B, T, vocab] (encoder, then the decoder over all of decoderIds at once).
    at::Tensor forward(const at::Tensor &inputIds, const at::Tensor &attentionMask, const at::Tensor &decoderIds) const;

    const Config &config() const { return m_config; }
    const Compute &compute() const { return m_compute; }
    const std::string &source() const { return m_source; }

private:
    struct Weights;
    at::Tensor embed(const at::Tensor &ids, const char *what) const;
    std::unique_ptr<const Weights> m_weights;
    Config m_config;
    Compute m_compute;
    std::string m_source;
};

} // namespace vindex::models
