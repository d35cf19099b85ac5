#include "vindex/models/MpnetModel.h"

#include "models/PostNormEncoderLayer.h"
#include "models/VisionOps.h"
#include "vindex/core/Error.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>

#include <cmath>

namespace vindex::models {

using namespace visionops;

struct MpnetModel::Weights {
    at::Tensor wordEmbedding, positionEmbedding, normWeight, normBias, relativeAttentionBias;
    std::vector<PostNormEncoderLayer> layers;
    int64_t heads = 12;
    double eps = 1e-5;
    Activation activation = Activation::Gelu;
};

MpnetModel::MpnetModel(const nlohmann::json &config, const WeightLoader &weights)
{
    m_compute = weights.compute();
    m_source = weights.source();
    // MPNetConfig defaults (mpnet-base) for fields a config leaves out.
    m_hiddenSize = configInt(config, "hidden_size", 768);
    m_vocabSize = configInt(config, "vocab_size", 30527);
    m_maxPositions = configInt(config, "max_position_embeddings", 514);
    const int64_t intermediate = configInt(config, "intermediate_size", 3072);
    const int64_t layers = configInt(config, "num_hidden_layers", 12);
    const int64_t buckets = configInt(config, "relative_attention_num_buckets", 32);

    auto w = std::make_unique<Weights>();
    w->heads = configInt(config, "num_attention_heads", 12);
    if (w->heads <= 0 || m_hiddenSize % w->heads != 0)
        throw ModelError(m_source + ": hidden_size " + std::to_string(m_hiddenSize) +
                         " is not divisible by num_attention_heads " + std::to_string(w->heads));
    if (buckets < 32)
        throw ModelError(m_source + ": relative_attention_num_buckets " + std::to_string(buckets) +
                         " is below the 32 buckets MPNet's encoder looks up");
    w->eps = configDouble(config, "layer_norm_eps", 1e-5);
    w->activation = activationFromName(configString(config, "hidden_act", "gelu"), m_source + " (config.json)");
    const auto root = weights.scoped(weights.has("embeddings.word_embeddings.weight") ? "" : "mpnet.");
    const int64_t C = m_hiddenSize;
    w->wordEmbedding = root.get("embeddings.word_embeddings.weight", {m_vocabSize, C});
    w->positionEmbedding = root.get("embeddings.position_embeddings.weight", {m_maxPositions, C});
    w->normWeight = root.get("embeddings.LayerNorm.weight", {C});
    w->normBias = root.get("embeddings.LayerNorm.bias", {C});
    w->relativeAttentionBias = root.get("encoder.relative_attention_bias.weight", {buckets, w->heads});
    const PostNormEncoderLayer::Names names{"attention.attn.q", "attention.attn.k",    "attention.attn.v",
                                            "attention.attn.o", "attention.LayerNorm", "intermediate.dense",
                                            "output.dense",     "output.LayerNorm"};
    for (int64_t i = 0; i < layers; ++i)
        w->layers.push_back(PostNormEncoderLayer::load(root.scoped("encoder.layer." + std::to_string(i) + "."), names,
                                                       C, intermediate));
    m_weights = std::move(w);
}

MpnetModel::~MpnetModel() = default;

int MpnetModel::numLayers() const
{
    return static_cast<int>(m_weights->layers.size());
}

at::Tensor MpnetModel::relativePositionBuckets(const at::Tensor &relativePositions, int64_t buckets,
                                               int64_t maxDistance)
{
    // The same tensor operations as transformers (float32 log, truncation toward zero), so buckets agree exactly.
    auto n = -relativePositions;
    const int64_t half = buckets / 2;
    auto bucket = n.lt(0).to(at::kLong) * half;
    n = n.abs();
    const int64_t maxExact = half / 2;
    const auto isSmall = n.lt(maxExact);
    auto large = maxExact + (at::log(n.to(at::kFloat) / static_cast<double>(maxExact)) /
                             std::log(static_cast<double>(maxDistance) / static_cast<double>(maxExact)) *
                             static_cast<double>(half - maxExact))
                                .to(at::kLong);
    large = at::minimum(large, at::full_like(large, half - 1));
    return bucket + at::where(isSmall, n, large);
}

at::Tensor MpnetModel::forward(const at::Tensor &inputIds, const at::Tensor &attentionMask) const
{
    const auto &w = *m_weights;
    // Position ids reach L + 1 (they start at padding_idx + 1 = 2).
    checkEncoderInput(inputIds, attentionMask, m_maxPositions - kPaddingId - 1, m_vocabSize, m_source);
    const auto ids = inputIds.to(m_compute.device, at::kLong);
    const int64_t length = ids.size(1);
    // create_position_ids_from_input_ids: count the non-padding ids, padding keeps position padding_idx.
    const auto notPadding = ids.ne(kPaddingId).to(at::kInt);
    const auto positions = (at::cumsum(notPadding, 1).to(at::kInt) * notPadding).to(at::kLong) + kPaddingId;
    auto x = at::embedding(w.wordEmbedding, ids) + at::embedding(w.positionEmbedding, positions);
    x = at::layer_norm(x, {m_hiddenSize}, w.normWeight, w.normBias, w.eps);

    // One relative position bias [1, H, L, L] for every layer, plus the padding mask.
    const auto range = at::arange(length, ids.options());
    const auto relative = range.unsqueeze(0) - range.unsqueeze(1); // key - query
    const auto positionBias =
        at::embedding(w.relativeAttentionBias, relativePositionBuckets(relative)).permute({2, 0, 1}).unsqueeze(0);
    const auto bias = positionBias + paddingBias(attentionMask.to(m_compute.device), x.scalar_type());
    for (const auto &layer : w.layers)
        x = layer.forward(x, bias, w.heads, w.eps, w.activation);
    return x;
}

} // namespace vindex::models
