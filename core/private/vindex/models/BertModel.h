#pragma once
// transformers' BertModel as sentence encoders use it (all-MiniLM-L6-v2 and the other BERT-family
// sentence-transformers): word + absolute position + token type 0 embeddings, LayerNorm, post-LayerNorm encoder
// layers; the last hidden state is what sentence-transformers pools. The pooler is not used.
#include "vindex/models/Compute.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <string>

namespace vindex::models {

class WeightLoader;

class BertModel {
public:
    // config: config.json (model_type "bert"; transformers' BertConfig defaults for absent fields;
    // position_embedding_type must be "absolute"). weights: the checkpoint's root; the tensors are read under
    // "bert." when the checkpoint has that prefix (a BertFor... head model). Errors name the file and the tensor.
    BertModel(const nlohmann::json &config, const WeightLoader &weights);
    ~BertModel();
    BertModel(const BertModel &) = delete;
    BertModel &operator=(const BertModel &) = delete;

    // ids, attentionMask: [B, L] integers (mask 1 for tokens, 0 for padding), L <= maxPositions(). Returns the last
    // hidden state [B, L, hiddenSize()]. ModelError for other shapes or ids outside the vocabulary.
    at::Tensor forward(const at::Tensor &ids, const at::Tensor &attentionMask) const;

    int64_t hiddenSize() const { return m_hiddenSize; }
    int64_t vocabSize() const { return m_vocabSize; }
    int64_t maxPositions() const { return m_maxPositions; }
    int numLayers() const;
    const Compute &compute() const { return m_compute; }
    const std::string &source() const { return m_source; }

private:
    struct Weights;
    std::unique_ptr<const Weights> m_weights;
    Compute m_compute;
    std::string m_source;
    int64_t m_hiddenSize = 0, m_vocabSize = 0, m_maxPositions = 0;
};

} // namespace vindex::models
