#include "vindex/models/T5Model.h"

#include "models/VisionOps.h"
#include "vindex/core/Error.h"
#include "vindex/io/JsonFile.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <sstream>

namespace vindex::models {

using visionops::configBool;
using visionops::configDouble;
using visionops::configInt;
using visionops::configString;

namespace {

struct Attention {
    at::Tensor q, k, v, o;
};

struct Block {
    at::Tensor selfNorm, crossNorm, ffnNorm;
    Attention self, cross;
    at::Tensor wi, wi1, wo; // wi = wi_0 when gated
};

// T5LayerNorm: RMS over the last dimension in float32, weight only, back to the weight's dtype.
at::Tensor rmsNorm(const at::Tensor &x, const at::Tensor &weight, double eps)
{
    const auto variance = x.to(at::kFloat).pow(2).mean(-1, true);
    auto y = x * at::rsqrt(variance + eps);
    if (weight.scalar_type() == at::kHalf || weight.scalar_type() == at::kBFloat16)
        y = y.to(weight.scalar_type());
    return weight * y;
}

// [B, L, H*D] -> [B, H, L, D]
at::Tensor splitHeads(const at::Tensor &x, int64_t heads)
{
    return x.view({x.size(0), x.size(1), heads, -1}).transpose(1, 2);
}

// Scores without 1/sqrt(d) (T5 folds it into the initialisation), softmax in float32.
at::Tensor attend(const at::Tensor &q, const at::Tensor &k, const at::Tensor &v, const at::Tensor &bias)
{
    auto scores = at::matmul(q, k.transpose(-1, -2));
    if (bias.defined())
        scores = scores + bias;
    const auto weights = at::softmax(scores.to(at::kFloat), -1).to(scores.scalar_type());
    auto out = at::matmul(weights, v); // [B, H, L, D]
    return out.transpose(1, 2).reshape({out.size(0), out.size(2), -1});
}

// fp16 overflow guard of transformers' T5 blocks (clamp to the largest finite value minus 1000 when any is inf).
at::Tensor clampHalf(const at::Tensor &x)
{
    if (x.scalar_type() != at::kHalf)
        return x;
    const double maxValue = 65504.0;
    const double clamp = at::isinf(x).any().item<bool>() ? maxValue - 1000 : maxValue;
    return at::clamp(x, -clamp, clamp);
}

at::Tensor activate(const at::Tensor &x, const std::string &name)
{
    if (name == "relu")
        return at::relu(x);
    if (name == "gelu_new" || name == "gelu_pytorch_tanh")
        return at::gelu(x, "tanh");
    if (name == "gelu")
        return at::gelu(x);
    if (name == "silu" || name == "swish")
        return at::silu(x);
    throw ModelError("T5 activation '" + name + "' is not supported");
}

} // namespace

struct T5Model::Weights {
    at::Tensor shared, lmHead, encoderBias, decoderBias, encoderFinalNorm, decoderFinalNorm;
    std::vector<Block> encoder, decoder;
};

T5Model::Config T5Model::Config::fromJson(const nlohmann::json &json, const std::string &source)
{
    Config c;
    c.vocabSize = configInt(json, "vocab_size", 32128);
    c.dModel = configInt(json, "d_model", 512);
    c.dKv = configInt(json, "d_kv", 64);
    c.numHeads = configInt(json, "num_heads", 8);
    c.dFf = configInt(json, "d_ff", 2048);
    c.encoderLayers = configInt(json, "num_layers", 6);
    c.decoderLayers = json.contains("num_decoder_layers") && !json["num_decoder_layers"].is_null()
                          ? configInt(json, "num_decoder_layers", c.encoderLayers)
                          : c.encoderLayers;
    c.relativeBuckets = configInt(json, "relative_attention_num_buckets", 32);
    c.relativeMaxDistance = configInt(json, "relative_attention_max_distance", 128);
    c.layerNormEps = configDouble(json, "layer_norm_epsilon", 1e-6);
    c.padTokenId = configInt(json, "pad_token_id", 0);
    c.eosTokenId = json.contains("eos_token_id") && json["eos_token_id"].is_array() && !json["eos_token_id"].empty()
                       ? json["eos_token_id"][0].get<int64_t>()
                       : configInt(json, "eos_token_id", 1);
    c.decoderStartTokenId = configInt(json, "decoder_start_token_id", c.padTokenId);
    // T5Config: "gated-<act>" or "<act>"; "gated-gelu" means the tanh approximation (gelu_new).
    const std::string proj = configString(json, "feed_forward_proj", "relu");
    const auto dash = proj.find('-');
    if (dash != std::string::npos && (proj.substr(0, dash) != "gated" || proj.find('-', dash + 1) != std::string::npos))
        throw ModelError(source + ": feed_forward_proj '" + proj + "' is not gated-<activation> or <activation>");
    c.gated = dash != std::string::npos;
    c.activation = proj == "gated-gelu" ? "gelu_new" : proj.substr(dash == std::string::npos ? 0 : dash + 1);
    activate(at::zeros({1}), c.activation); // rejects unknown names early
    c.scaleDecoderOutputs = json.contains("scale_decoder_outputs") ? configBool(json, "scale_decoder_outputs", true)
                                                                   : configBool(json, "tie_word_embeddings", true);
    if (c.numHeads <= 0 || c.dKv <= 0 || c.dModel <= 0 || c.vocabSize <= 0 || c.relativeBuckets < 2 ||
        c.relativeMaxDistance <= 0 || c.encoderLayers <= 0 || c.decoderLayers <= 0)
        throw ModelError(source + ": T5 sizes (d_model, d_kv, num_heads, layers, buckets) must be positive");
    return c;
}

T5Model::T5Model(const Config &config, const WeightLoader &weights) : m_config(config)
{
    m_compute = weights.compute();
    m_source = weights.source();
    const int64_t D = config.dModel, inner = config.numHeads * config.dKv, F = config.dFf;
    auto w = std::make_unique<Weights>();
    w->shared = weights.get("shared.weight", {config.vocabSize, D});
    w->lmHead = weights.has("lm_head.weight") ? weights.get("lm_head.weight", {config.vocabSize, D}) : w->shared;
    const auto attention = [&](const WeightLoader &scope) {
        return Attention{scope.get("q.weight", {inner, D}), scope.get("k.weight", {inner, D}),
                         scope.get("v.weight", {inner, D}), scope.get("o.weight", {D, inner})};
    };
    const auto ffn = [&](const WeightLoader &scope, Block &block) {
        if (config.gated) {
            block.wi = scope.get("wi_0.weight", {F, D});
            block.wi1 = scope.get("wi_1.weight", {F, D});
        } else {
            block.wi = scope.get("wi.weight", {F, D});
        }
        block.wo = scope.get("wo.weight", {D, F});
    };
    for (int64_t i = 0; i < config.encoderLayers; ++i) {
        const auto b = weights.scoped("encoder.block." + std::to_string(i) + ".layer.");
        Block block;
        block.selfNorm = b.get("0.layer_norm.weight", {D});
        block.self = attention(b.scoped("0.SelfAttention."));
        block.ffnNorm = b.get("1.layer_norm.weight", {D});
        ffn(b.scoped("1.DenseReluDense."), block);
        w->encoder.push_back(std::move(block));
    }
    for (int64_t i = 0; i < config.decoderLayers; ++i) {
        const auto b = weights.scoped("decoder.block." + std::to_string(i) + ".layer.");
        Block block;
        block.selfNorm = b.get("0.layer_norm.weight", {D});
        block.self = attention(b.scoped("0.SelfAttention."));
        block.crossNorm = b.get("1.layer_norm.weight", {D});
        block.cross = attention(b.scoped("1.EncDecAttention."));
        block.ffnNorm = b.get("2.layer_norm.weight", {D});
        ffn(b.scoped("2.DenseReluDense."), block);
        w->decoder.push_back(std::move(block));
    }
    const std::vector<int64_t> biasShape{config.relativeBuckets, config.numHeads};
    w->encoderBias = weights.get("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight", biasShape);
    w->decoderBias = weights.get("decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight", biasShape);
    w->encoderFinalNorm = weights.get("encoder.final_layer_norm.weight", {D});
    w->decoderFinalNorm = weights.get("decoder.final_layer_norm.weight", {D});
    m_weights = std::move(w);
}

std::unique_ptr<T5Model> T5Model::load(const std::string &folder, Compute compute)
{
    const auto configPath = (std::filesystem::path(folder) / "config.json").string();
    if (!std::filesystem::is_regular_file(configPath))
        throw ModelError(configPath + ": missing; a T5 folder holds config.json and its weights");
    const auto json = io::readJsonFile(configPath);
    const std::string modelType = json.value("model_type", std::string());
    if (modelType != "t5" || !json.value("is_encoder_decoder", true))
        throw ModelError(configPath + ": model_type is \"" + modelType +
                         "\", not a T5 encoder-decoder (model_type \"t5\")");
    return std::make_unique<T5Model>(Config::fromJson(json, configPath), WeightLoader(folder, compute));
}

T5Model::~T5Model() = default;

namespace {

// transformers' T5Attention._relative_position_bucket (relative = key position - query position).
at::Tensor relativeBuckets(const at::Tensor &relative, bool bidirectional, int64_t numBuckets, int64_t maxDistance)
{
    auto buckets = at::zeros_like(relative);
    auto position = relative;
    if (bidirectional) {
        numBuckets /= 2;
        buckets = buckets + relative.gt(0).to(at::kLong) * numBuckets;
        position = relative.abs();
    } else {
        position = -at::minimum(relative, at::zeros_like(relative));
    }
    const int64_t maxExact = numBuckets / 2;
    const auto isSmall = position.lt(maxExact);
    auto large = maxExact + (at::log(position.to(at::kFloat) / maxExact) /
                             std::log(static_cast<double>(maxDistance) / maxExact) * (numBuckets - maxExact))
                                .to(at::kLong);
    large = at::minimum(large, at::full_like(large, numBuckets - 1));
    return buckets + at::where(isSmall, position, large);
}

// [1, H, q, k] bias for query positions [queryStart, queryStart + q) against keys [0, k).
at::Tensor positionBias(const at::Tensor &table, int64_t queryStart, int64_t queryLength, int64_t keyLength,
                        bool bidirectional, int64_t numBuckets, int64_t maxDistance)
{
    const auto options = at::TensorOptions().dtype(at::kLong).device(table.device());
    const auto context = at::arange(queryStart, queryStart + queryLength, options).unsqueeze(1);
    const auto memory = at::arange(keyLength, options).unsqueeze(0);
    const auto buckets = relativeBuckets(memory - context, bidirectional, numBuckets, maxDistance);
    return at::embedding(table, buckets).permute({2, 0, 1}).unsqueeze(0);
}

// torch.finfo(dtype).min: what transformers adds to the scores of masked keys.
double lowestValue(at::ScalarType dtype)
{
    if (dtype == at::kHalf)
        return -65504.0;
    if (dtype == at::kBFloat16)
        return -3.3895313892515355e38;
    return static_cast<double>(std::numeric_limits<float>::lowest());
}

// Additive mask [B, 1, 1, S] of an attention mask [B, S] (1 keep, 0 padding), in `dtype`.
at::Tensor paddingBias(const at::Tensor &mask, int64_t batch, int64_t length, const at::TensorOptions &options)
{
    if (!mask.defined())
        return at::zeros({batch, 1, 1, length}, options);
    return (1.0 - mask.to(options).view({batch, 1, 1, length})) * lowestValue(options.dtype().toScalarType());
}

at::Tensor feedForward(const Block &b, const at::Tensor &x, bool gated, const std::string &activation)
{
    auto hidden = activate(at::linear(x, b.wi), activation);
    if (gated)
        hidden = hidden * at::linear(x, b.wi1);
    if (hidden.scalar_type() != b.wo.scalar_type() && b.wo.scalar_type() != at::kChar)
        hidden = hidden.to(b.wo.scalar_type());
    return at::linear(hidden, b.wo);
}

} // namespace

at::Tensor T5Model::embed(const at::Tensor &ids, const char *what) const
{
    if (ids.dim() != 2 || ids.size(1) == 0 || !at::isIntegralType(ids.scalar_type(), false)) {
        std::ostringstream shape;
        shape << ids.sizes() << " " << ids.scalar_type();
        throw ModelError(m_source + ": T5 " + what + " ids have shape " + shape.str() + ", expected integer [B, L]");
    }
    const auto onDevice = ids.to(m_compute.device, at::kLong);
    const auto low = onDevice.min().item<int64_t>(), high = onDevice.max().item<int64_t>();
    if (low < 0 || high >= m_config.vocabSize)
        throw ModelError(m_source + ": T5 " + what + " id " + std::to_string(low < 0 ? low : high) +
                         " is outside the vocabulary of " + std::to_string(m_config.vocabSize));
    return at::embedding(m_weights->shared, onDevice);
}

at::Tensor T5Model::encode(const at::Tensor &inputIds, const at::Tensor &attentionMask) const
{
    const auto &w = *m_weights;
    const auto &c = m_config;
    auto x = embed(inputIds, "input");
    const int64_t B = x.size(0), S = x.size(1);
    const auto options = x.options();
    const auto mask = attentionMask.defined() ? attentionMask.to(m_compute.device) : attentionMask;
    const auto bias =
        positionBias(w.encoderBias, 0, S, S, true, c.relativeBuckets, c.relativeMaxDistance).to(options.dtype()) +
        paddingBias(mask, B, S, options);
    for (const auto &b : w.encoder) {
        const auto h = rmsNorm(x, b.selfNorm, c.layerNormEps);
        const auto q = splitHeads(at::linear(h, b.self.q), c.numHeads);
        const auto k = splitHeads(at::linear(h, b.self.k), c.numHeads);
        const auto v = splitHeads(at::linear(h, b.self.v), c.numHeads);
        x = clampHalf(x + at::linear(attend(q, k, v, bias), b.self.o));
        x = clampHalf(x + feedForward(b, rmsNorm(x, b.ffnNorm, c.layerNormEps), c.gated, c.activation));
    }
    return rmsNorm(x, w.encoderFinalNorm, c.layerNormEps);
}

T5Model::DecoderCache T5Model::startDecoding(const at::Tensor &encoderHidden, const at::Tensor &attentionMask) const
{
    DecoderCache cache;
    const int64_t B = encoderHidden.size(0), S = encoderHidden.size(1);
    const auto mask = attentionMask.defined() ? attentionMask.to(m_compute.device) : attentionMask;
    cache.encoderBias = paddingBias(mask, B, S, encoderHidden.options());
    for (const auto &b : m_weights->decoder) {
        cache.crossKeys.push_back(splitHeads(at::linear(encoderHidden, b.cross.k), m_config.numHeads));
        cache.crossValues.push_back(splitHeads(at::linear(encoderHidden, b.cross.v), m_config.numHeads));
        cache.selfKeys.emplace_back();
        cache.selfValues.emplace_back();
    }
    return cache;
}

void T5Model::DecoderCache::reorder(const at::Tensor &rowIndices)
{
    const auto rows = rowIndices.to(encoderBias.device(), at::kLong);
    for (auto *tensors : {&selfKeys, &selfValues})
        for (auto &t : *tensors)
            if (t.defined())
                t = t.index_select(1, rows);
    for (auto *tensors : {&crossKeys, &crossValues})
        for (auto &t : *tensors)
            t = t.index_select(0, rows);
    encoderBias = encoderBias.index_select(0, rows);
    spare = at::Tensor();
}

void T5Model::DecoderCache::reorderBeams(const at::Tensor &beamIndex)
{
    const auto rows = beamIndex.to(encoderBias.device(), at::kLong);
    for (auto *tensors : {&selfKeys, &selfValues})
        for (auto &t : *tensors) {
            if (!t.defined())
                continue;
            if (!spare.defined() || spare.sizes() != t.sizes())
                spare = at::empty_like(t);
            auto gathered = spare.slice(0, 0, length);
            at::index_select_out(gathered, t.slice(0, 0, length), 1, rows);
            std::swap(t, spare);
        }
}

std::pair<at::Tensor, at::Tensor> T5Model::DecoderCache::append(std::size_t layer, const at::Tensor &keys,
                                                                const at::Tensor &values)
{
    const int64_t total = length + keys.size(2);
    for (auto [buffer, step] : {std::pair{&selfKeys[layer], &keys}, std::pair{&selfValues[layer], &values}}) {
        if (!buffer->defined() || buffer->size(0) < total) {
            const int64_t capacity = std::max<int64_t>(total, buffer->defined() ? 2 * buffer->size(0) : 32);
            auto grown = at::empty({capacity, step->size(0), step->size(1), step->size(3)}, step->options());
            if (buffer->defined())
                grown.slice(0, 0, length).copy_(buffer->slice(0, 0, length));
            *buffer = grown;
        }
        buffer->slice(0, length, total).copy_(step->permute({2, 0, 1, 3}));
    }
    return {selfKeys[layer].slice(0, 0, total).permute({1, 2, 0, 3}),
            selfValues[layer].slice(0, 0, total).permute({1, 2, 0, 3})};
}

at::Tensor T5Model::decode(DecoderCache &cache, const at::Tensor &decoderIds) const
{
    const auto &w = *m_weights;
    const auto &c = m_config;
    auto x = embed(decoderIds, "decoder");
    const int64_t T = x.size(1), past = cache.length, total = past + T;
    // Causal: query i (absolute past + i) sees keys 0 .. past + i.
    auto selfBias = positionBias(w.decoderBias, past, T, total, false, c.relativeBuckets, c.relativeMaxDistance)
                        .to(x.scalar_type());
    if (T > 1) { // transformers adds the dtype's lowest value to the bias of future keys
        const auto options = at::TensorOptions().dtype(at::kLong).device(x.device());
        const auto future = at::arange(total, options).unsqueeze(0).gt(at::arange(past, total, options).unsqueeze(1));
        selfBias = selfBias + future.to(x.scalar_type()).view({1, 1, T, total}) * lowestValue(x.scalar_type());
    }
    for (std::size_t i = 0; i < w.decoder.size(); ++i) {
        const auto &b = w.decoder[i];
        const auto h = rmsNorm(x, b.selfNorm, c.layerNormEps);
        const auto q = splitHeads(at::linear(h, b.self.q), c.numHeads);
        const auto [k, v] = cache.append(i, splitHeads(at::linear(h, b.self.k), c.numHeads),
                                         splitHeads(at::linear(h, b.self.v), c.numHeads));
        x = clampHalf(x + at::linear(attend(q, k, v, selfBias), b.self.o));
        const auto hc = rmsNorm(x, b.crossNorm, c.layerNormEps);
        const auto qc = splitHeads(at::linear(hc, b.cross.q), c.numHeads);
        x = clampHalf(x +
                      at::linear(attend(qc, cache.crossKeys[i], cache.crossValues[i], cache.encoderBias), b.cross.o));
        x = clampHalf(x + feedForward(b, rmsNorm(x, b.ffnNorm, c.layerNormEps), c.gated, c.activation));
    }
    cache.length = total;
    x = rmsNorm(x, w.decoderFinalNorm, c.layerNormEps);
    if (c.scaleDecoderOutputs)
        x = x * std::pow(static_cast<double>(c.dModel), -0.5);
    return at::linear(x, w.lmHead);
}

at::Tensor T5Model::forward(const at::Tensor &inputIds, const at::Tensor &attentionMask,
                            const at::Tensor &decoderIds) const
{
    const auto hidden = encode(inputIds, attentionMask);
    auto cache = startDecoding(hidden, attentionMask);
    return decode(cache, decoderIds);
}

} // namespace vindex::models
