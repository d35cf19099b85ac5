#pragma once
// transformers' MPNetModel as sentence encoders use it (all-mpnet-base-v2, which CAPTURE's soft matching uses):
// word + position embeddings, the position ids counting from padding_idx + 1 = 2 over the non-padding tokens
// (padding_idx is 1, MPNet's <pad>), LayerNorm; post-LayerNorm encoder layers that all add one relative attention
// bias (T5-style buckets: 32 buckets, max distance 128, bidirectional; the bucket count is 32 whatever
// relative_attention_num_buckets says, as transformers computes it) shared across layers. The pooler is not used.
#include "vindex/models/Compute.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <string>

namespace vindex::models {

class WeightLoader;

class MpnetModel {
public:
    static constexpr int64_t kPaddingId = 1; // MPNetEmbeddings.padding_idx, fixed in transformers

    // config: config.json (model_type "mpnet"; MPNetConfig defaults for absent fields). weights: the checkpoint's
    // root; the tensors are read under "mpnet." when the checkpoint has that prefix. Errors name file and tensor.
    MpnetModel(const nlohmann::json &config, const WeightLoader &weights);
    ~MpnetModel();
    MpnetModel(const MpnetModel &) = delete;
    MpnetModel &operator=(const MpnetModel &) = delete;

    // ids, attentionMask: [B, L] integers, padding with kPaddingId; L + 1 < maxPositions(). The last hidden state.
    at::Tensor forward(const at::Tensor &ids, const at::Tensor &attentionMask) const;
    // The bucket of each relative position (key - query), as MPNetEncoder.relative_position_bucket.
    static at::Tensor relativePositionBuckets(const at::Tensor &relativePositions, int64_t buckets = 32,
                                              int64_t maxDistance = 128);

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
