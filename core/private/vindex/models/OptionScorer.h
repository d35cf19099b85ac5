#pragma once
// Teacher-forced log-likelihoods of several continuations of one prompt (multiple-choice answering): the prompt
// (embeddings, visual tokens already spliced in) is run once into a KV cache, the cache is repeated for every
// continuation, and the continuations run together, right-padded, in one more pass. log p(token_j | prompt,
// tokens_<j) comes from log_softmax of the fp32 logits at the position before token j.
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace vindex::models {

class LlamaModel;

class OptionScorer {
public:
    explicit OptionScorer(const LlamaModel &model); // the model must outlive this

    // promptEmbeds [T, hidden]; continuations: token ids, each non-empty. Returns, per continuation, the log-
    // probability of each of its tokens (natural log). ModelError for an empty prompt or continuation, or ids
    // outside the vocabulary.
    std::vector<std::vector<double>>
    tokenLogProbabilities(const at::Tensor &promptEmbeds, const std::vector<std::vector<int64_t>> &continuations) const;

private:
    const LlamaModel &m_model;
};

} // namespace vindex::models
