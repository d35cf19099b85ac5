#include "vindex/models/OptionScorer.h"

#include "vindex/core/Error.h"
#include "vindex/models/KvCache.h"
#include "vindex/models/LlamaModel.h"

#include <ATen/ATen.h>

#include <algorithm>

namespace vindex::models {

OptionScorer::OptionScorer(const LlamaModel &model) : m_model(model) {}

std::vector<std::vector<double>>
OptionScorer::tokenLogProbabilities(const at::Tensor &promptEmbeds,
                                    const std::vector<std::vector<int64_t>> &continuations) const
{
    const auto &config = m_model.config();
    if (promptEmbeds.dim() != 2 || promptEmbeds.size(0) == 0 || promptEmbeds.size(1) != config.hiddenSize)
        throw ModelError("option scoring: the prompt must be [tokens, " + std::to_string(config.hiddenSize) +
                         "] embeddings");
    if (continuations.empty())
        throw ModelError("option scoring: no continuations");
    std::size_t longest = 0;
    for (std::size_t k = 0; k < continuations.size(); ++k) {
        if (continuations[k].empty())
            throw ModelError("option scoring: continuation " + std::to_string(k) + " has no tokens");
        longest = std::max(longest, continuations[k].size());
        for (const int64_t id : continuations[k])
            if (id < 0 || id >= config.vocabSize)
                throw ModelError("option scoring: continuation " + std::to_string(k) + " has id " + std::to_string(id) +
                                 " outside the vocabulary (0.." + std::to_string(config.vocabSize - 1) + ")");
    }
    const int64_t K = static_cast<int64_t>(continuations.size()), T = promptEmbeds.size(0);
    const int64_t L = static_cast<int64_t>(longest);
    const auto device = m_model.device();
    const auto longOptions = at::TensorOptions().dtype(at::kLong).device(device);

    // The prompt once; its last position predicts every continuation's first token.
    KvCache cache(config, K, T + L, Compute{device, m_model.dtype()});
    cache.keepRows({0});
    const at::Tensor prefill = m_model.forward(promptEmbeds.unsqueeze(0), at::arange(T, longOptions).view({1, T}),
                                               at::ones({1, T}, longOptions), &cache, LlamaModel::Logits::LastOnly);
    const at::Tensor firstLogProbs = prefill.view({-1}).log_softmax(-1).to(at::kCPU, at::kDouble);

    std::vector<std::vector<double>> result(continuations.size());
    for (std::size_t k = 0; k < continuations.size(); ++k)
        result[k].push_back(firstLogProbs[continuations[k][0]].item<double>());
    if (L == 1)
        return result;

    // Tokens 0..L-2 of every continuation (right-padded with its last real token, masked out) predict tokens 1..L-1.
    cache.repeatFirstRow(K);
    const int64_t steps = L - 1;
    std::vector<int64_t> ids(static_cast<std::size_t>(K * steps)), targets(ids.size());
    std::vector<int64_t> mask(static_cast<std::size_t>(K * (T + steps)), 1);
    for (int64_t k = 0; k < K; ++k) {
        const auto &c = continuations[static_cast<std::size_t>(k)];
        for (int64_t s = 0; s < steps; ++s) {
            const bool real = s < static_cast<int64_t>(c.size()) - 1;
            ids[static_cast<std::size_t>(k * steps + s)] = real ? c[static_cast<std::size_t>(s)] : c.front();
            targets[static_cast<std::size_t>(k * steps + s)] = real ? c[static_cast<std::size_t>(s) + 1] : 0;
            mask[static_cast<std::size_t>(k * (T + steps) + T + s)] = real ? 1 : 0;
        }
    }
    const at::Tensor idTensor = at::tensor(ids, at::TensorOptions().dtype(at::kLong)).view({K, steps}).to(device);
    const at::Tensor maskTensor = at::tensor(mask, at::TensorOptions().dtype(at::kLong)).view({K, T + steps});
    const at::Tensor positions = at::arange(T, T + steps, longOptions).view({1, steps}).expand({K, steps});
    const at::Tensor logits =
        m_model.forward(m_model.embed(idTensor), positions.contiguous(), maskTensor.to(device), &cache);
    // Only the chosen tokens' values leave the device: [K, steps].
    const at::Tensor targetTensor =
        at::tensor(targets, at::TensorOptions().dtype(at::kLong)).view({K, steps, 1}).to(device);
    const at::Tensor chosen =
        logits.log_softmax(-1).gather(-1, targetTensor).squeeze(-1).to(at::kCPU, at::kDouble).contiguous();
    const double *values = chosen.data_ptr<double>();
    for (int64_t k = 0; k < K; ++k) {
        const auto &c = continuations[static_cast<std::size_t>(k)];
        for (std::size_t j = 1; j < c.size(); ++j)
            result[static_cast<std::size_t>(k)].push_back(values[k * steps + static_cast<int64_t>(j) - 1]);
    }
    return result;
}

} // namespace vindex::models
