#include "vindex/models/BertModel.h"

#include "models/PostNormEncoderLayer.h"
#include "models/VisionOps.h"
#include "vindex/core/Error.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>

namespace vindex::models {

using namespace visionops;

struct BertModel::Weights {
    at::Tensor wordEmbedding, positionEmbedding, tokenTypeEmbedding, normWeight, normBias;
    std::vector<PostNormEncoderLayer> layers;
    int64_t heads = 12;
    double eps = 1e-12;
    Activation activation = Activation::Gelu;
};

BertModel::BertModel(const nlohmann::json &config, const WeightLoader &weights)
{
    m_compute = weights.compute();
    m_source = weights.source();
    // BertConfig defaults (bert-base-uncased) for fields a config leaves out.
    m_hiddenSize = configInt(config, "hidden_size", 768);
    m_vocabSize = configInt(config, "vocab_size", 30522);
    m_maxPositions = configInt(config, "max_position_embeddings", 512);
    const int64_t intermediate = configInt(config, "intermediate_size", 3072);
    const int64_t layers = configInt(config, "num_hidden_layers", 12);
    const int64_t typeVocab = configInt(config, "type_vocab_size", 2);
    const auto positionType = configString(config, "position_embedding_type", "absolute");
    if (positionType != "absolute")
        throw ModelError(m_source + ": BERT position_embedding_type '" + positionType +
                         "' is not supported (only \"absolute\")");

    auto w = std::make_unique<Weights>();
    w->heads = configInt(config, "num_attention_heads", 12);
    if (w->heads <= 0 || m_hiddenSize % w->heads != 0)
        throw ModelError(m_source + ": hidden_size " + std::to_string(m_hiddenSize) +
                         " is not divisible by num_attention_heads " + std::to_string(w->heads));
    w->eps = configDouble(config, "layer_norm_eps", 1e-12);
    w->activation = activationFromName(configString(config, "hidden_act", "gelu"), m_source + " (config.json)");
    const auto root = weights.scoped(weights.has("embeddings.word_embeddings.weight") ? "" : "bert.");
    const int64_t C = m_hiddenSize;
    w->wordEmbedding = root.get("embeddings.word_embeddings.weight", {m_vocabSize, C});
    w->positionEmbedding = root.get("embeddings.position_embeddings.weight", {m_maxPositions, C});
    w->tokenTypeEmbedding = root.get("embeddings.token_type_embeddings.weight", {typeVocab, C});
    w->normWeight = root.get("embeddings.LayerNorm.weight", {C});
    w->normBias = root.get("embeddings.LayerNorm.bias", {C});
    const PostNormEncoderLayer::Names names{
        "attention.self.query",       "attention.self.key", "attention.self.value", "attention.output.dense",
        "attention.output.LayerNorm", "intermediate.dense", "output.dense",         "output.LayerNorm"};
    for (int64_t i = 0; i < layers; ++i)
        w->layers.push_back(PostNormEncoderLayer::load(root.scoped("encoder.layer." + std::to_string(i) + "."), names,
                                                       C, intermediate));
    m_weights = std::move(w);
}

BertModel::~BertModel() = default;

int BertModel::numLayers() const
{
    return static_cast<int>(m_weights->layers.size());
}

at::Tensor BertModel::forward(const at::Tensor &inputIds, const at::Tensor &attentionMask) const
{
    const auto &w = *m_weights;
    checkEncoderInput(inputIds, attentionMask, m_maxPositions, m_vocabSize, m_source);
    const auto ids = inputIds.to(m_compute.device, at::kLong);
    const int64_t length = ids.size(1);
    // token_type_ids default to zeros: every row adds token type 0.
    auto x = at::embedding(w.wordEmbedding, ids) + w.positionEmbedding.slice(0, 0, length).unsqueeze(0) +
             w.tokenTypeEmbedding[0];
    x = at::layer_norm(x, {m_hiddenSize}, w.normWeight, w.normBias, w.eps);
    const auto bias = paddingBias(attentionMask.to(m_compute.device), x.scalar_type());
    for (const auto &layer : w.layers)
        x = layer.forward(x, bias, w.heads, w.eps, w.activation);
    return x;
}

} // namespace vindex::models
