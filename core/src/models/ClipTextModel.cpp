#include "vindex/models/ClipTextModel.h"

#include "models/VisionOps.h"
#include "vindex/core/Error.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>

#include <sstream>

namespace vindex::models {

using namespace visionops;

struct ClipTextModel::Weights {
    at::Tensor tokenEmbedding, positionEmbedding, finalNormWeight, finalNormBias, projection;
    std::vector<Block> blocks;
    int64_t heads = 0;
    double eps = 1e-5;
    Activation activation = Activation::QuickGelu;
};

ClipTextModel::ClipTextModel(const nlohmann::json &config, const WeightLoader &weights)
{
    m_compute = weights.compute();
    m_source = weights.source();
    // CLIPTextConfig defaults (ViT-B/32's text tower) for fields a config leaves out.
    m_hiddenSize = configInt(config, "hidden_size", 512);
    m_vocabSize = configInt(config, "vocab_size", 49408);
    m_maxPositions = configInt(config, "max_position_embeddings", 77);
    m_eosTokenId = configInt(config, "eos_token_id", 49407);
    const int64_t intermediate = configInt(config, "intermediate_size", 2048);
    const int64_t layers = configInt(config, "num_hidden_layers", 12);

    auto w = std::make_unique<Weights>();
    w->heads = configInt(config, "num_attention_heads", 8);
    if (w->heads <= 0 || m_hiddenSize % w->heads != 0)
        throw ModelError(m_source + ": text hidden_size " + std::to_string(m_hiddenSize) +
                         " is not divisible by num_attention_heads " + std::to_string(w->heads));
    w->eps = configDouble(config, "layer_norm_eps", 1e-5);
    w->activation = activationFromName(configString(config, "hidden_act", "quick_gelu"), m_source + " (text_config)");
    const auto text = weights.scoped("text_model.");
    const int64_t C = m_hiddenSize;
    w->tokenEmbedding = text.get("embeddings.token_embedding.weight", {m_vocabSize, C});
    w->positionEmbedding = text.get("embeddings.position_embedding.weight", {m_maxPositions, C});
    w->finalNormWeight = text.get("final_layer_norm.weight", {C});
    w->finalNormBias = text.get("final_layer_norm.bias", {C});
    w->blocks = loadClipStyleBlocks(text, layers, C, intermediate);
    if (weights.has("text_projection.weight"))
        w->projection = weights.get("text_projection.weight", {-1, C});
    m_weights = std::move(w);
}

ClipTextModel::~ClipTextModel() = default;

int64_t ClipTextModel::projectionSize() const
{
    return m_weights->projection.defined() ? m_weights->projection.size(0) : m_hiddenSize;
}

int ClipTextModel::numLayers() const
{
    return static_cast<int>(m_weights->blocks.size());
}

at::Tensor ClipTextModel::poolingPositions(const at::Tensor &inputIds) const
{
    // transformers' CLIPTextTransformer: legacy configs (eos_token_id == 2) take the argmax of the ids.
    if (m_eosTokenId == 2)
        return inputIds.argmax(-1);
    return inputIds.eq(m_eosTokenId).to(at::kInt).argmax(-1);
}

ClipTextModel::TextOutput ClipTextModel::forward(const at::Tensor &inputIds) const
{
    const auto &w = *m_weights;
    if (inputIds.dim() != 2 || inputIds.size(1) == 0 || inputIds.size(1) > m_maxPositions ||
        !at::isIntegralType(inputIds.scalar_type(), false)) {
        std::ostringstream shape;
        shape << inputIds.sizes() << " " << inputIds.scalar_type();
        throw ModelError(m_source + ": text input ids have shape " + shape.str() +
                         ", expected integer ids [B, L] with 1 <= L <= " + std::to_string(m_maxPositions));
    }
    const auto ids = inputIds.to(m_compute.device, at::kLong);
    if (ids.numel() > 0) {
        const auto low = ids.min().item<int64_t>(), high = ids.max().item<int64_t>();
        if (low < 0 || high >= m_vocabSize)
            throw ModelError(m_source + ": text input id " + std::to_string(low < 0 ? low : high) +
                             " is outside the vocabulary of " + std::to_string(m_vocabSize));
    }
    const int64_t length = ids.size(1);
    auto x = at::embedding(w.tokenEmbedding, ids) + w.positionEmbedding.slice(0, 0, length).unsqueeze(0);
    for (const auto &block : w.blocks)
        x = block.forward(x, w.heads, w.eps, w.activation, /*causal=*/true);
    x = at::layer_norm(x, {m_hiddenSize}, w.finalNormWeight, w.finalNormBias, w.eps);

    TextOutput out;
    out.lastHiddenState = x;
    const auto positions = poolingPositions(ids);
    out.pooled = x.index({at::arange(ids.size(0), ids.options()), positions});
    out.embeds = w.projection.defined() ? at::linear(out.pooled, w.projection) : out.pooled;
    return out;
}

at::Tensor ClipTextModel::embed(const std::vector<std::vector<int64_t>> &ids) const
{
    if (ids.empty())
        return at::empty({0, projectionSize()}, at::TensorOptions().dtype(m_compute.dtype).device(m_compute.device));
    std::size_t longest = 0;
    for (const auto &row : ids)
        longest = std::max(longest, row.size());
    auto batch = at::full({static_cast<int64_t>(ids.size()), static_cast<int64_t>(longest)},
                          m_eosTokenId == 2 ? 0 : m_eosTokenId, at::kLong);
    for (std::size_t r = 0; r < ids.size(); ++r) {
        if (ids[r].empty())
            throw ModelError(m_source + ": text " + std::to_string(r) + " has no ids");
        std::copy(ids[r].begin(), ids[r].end(), batch[static_cast<int64_t>(r)].data_ptr<int64_t>());
    }
    return forward(batch).embeds;
}

} // namespace vindex::models
