#include "vindex/models/LlamaModel.h"

#include "vindex/core/Error.h"
#include "vindex/models/KvCache.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>
#include <torch/csrc/api/include/torch/version.h>

#include <cmath>
#include <limits>

namespace vindex::models {

namespace {

at::Tensor rotateHalf(const at::Tensor &x)
{
    const int64_t half = x.size(-1) / 2;
    return at::cat({-x.narrow(-1, half, half), x.narrow(-1, 0, half)}, -1);
}

std::string shapeText(const at::Tensor &t)
{
    std::string s = "[";
    for (int64_t i = 0; i < t.dim(); ++i)
        s += (i ? ", " : "") + std::to_string(t.size(i));
    return s + "]";
}

} // namespace

LlamaModel::Layout LlamaModel::detectLayout(const WeightLoader &weights)
{
    if (weights.has("language_model.model.embed_tokens.weight"))
        return {"language_model.model.", "language_model.lm_head.weight"};
    if (weights.has("model.language_model.embed_tokens.weight"))
        return {"model.language_model.", "lm_head.weight"};
    if (weights.has("model.embed_tokens.weight"))
        return {"model.", "lm_head.weight"};
    throw ModelError(weights.source() +
                     ": no LLaMA decoder found (looked for model.embed_tokens.weight, "
                     "language_model.model.embed_tokens.weight and model.language_model.embed_tokens.weight)");
}

LlamaModel::LlamaModel(const LlamaConfig &config, const WeightLoader &weights, const Layout &layout) : m_config(config)
{
    const int64_t H = config.hiddenSize, F = config.intermediateSize, D = config.headDim;
    const int64_t qWidth = config.numHeads * D, kvWidth = config.numKeyValueHeads * D;
    const WeightLoader decoder = weights.scoped(layout.decoderPrefix);
    m_embed = decoder.get("embed_tokens.weight", {config.vocabSize, H});
    m_norm = decoder.get("norm.weight", {H});
    if (config.tieWordEmbeddings && !weights.has(layout.lmHeadName))
        m_lmHead = m_embed;
    else
        m_lmHead = weights.get(layout.lmHeadName, {config.vocabSize, H});
    for (int64_t i = 0; i < config.numLayers; ++i) {
        const WeightLoader w = decoder.scoped("layers." + std::to_string(i) + ".");
        Layer layer;
        layer.inputNorm = w.get("input_layernorm.weight", {H});
        layer.postNorm = w.get("post_attention_layernorm.weight", {H});
        layer.q = w.get("self_attn.q_proj.weight", {qWidth, H});
        layer.k = w.get("self_attn.k_proj.weight", {kvWidth, H});
        layer.v = w.get("self_attn.v_proj.weight", {kvWidth, H});
        layer.o = w.get("self_attn.o_proj.weight", {H, qWidth});
        layer.gate = w.get("mlp.gate_proj.weight", {F, H});
        layer.up = w.get("mlp.up_proj.weight", {F, H});
        layer.down = w.get("mlp.down_proj.weight", {H, F});
        m_layers.push_back(std::move(layer));
    }
    // HF: inv_freq = 1 / theta^(arange(0, D, 2) / D) in fp32; linear scaling divides it.
    const auto exponents = at::arange(0, D, 2, at::TensorOptions().dtype(at::kLong)).to(at::kFloat) / double(D);
    m_invFreq = at::pow(config.ropeTheta, exponents).reciprocal();
    if (config.ropeLinearFactor != 1.0)
        m_invFreq = m_invFreq / config.ropeLinearFactor;
    m_invFreq = m_invFreq.to(m_embed.device());
}

c10::ScalarType LlamaModel::dtype() const
{
    return m_embed.scalar_type();
}
c10::Device LlamaModel::device() const
{
    return m_embed.device();
}

at::Tensor LlamaModel::embed(const at::Tensor &ids) const
{
    const at::Tensor index = ids.to(m_embed.device(), at::kLong);
    if (index.numel() > 0) {
        const int64_t low = index.min().item<int64_t>(), high = index.max().item<int64_t>();
        if (low < 0 || high >= m_embed.size(0))
            throw ModelError("token id " + std::to_string(low < 0 ? low : high) + " is outside the vocabulary of " +
                             std::to_string(m_embed.size(0)) + " (image placeholders must be spliced as embeddings)");
    }
    return at::embedding(m_embed, index);
}

at::Tensor LlamaModel::rmsNorm(const at::Tensor &x, const at::Tensor &weight) const
{
    const at::Tensor h = x.to(at::kFloat);
    const at::Tensor variance = h.pow(2).mean(-1, true);
    return weight * (h * at::rsqrt(variance + m_config.rmsNormEps)).to(x.scalar_type());
}

at::Tensor LlamaModel::attention(const Layer &layer, int64_t index, const at::Tensor &x, const at::Tensor &cos,
                                 const at::Tensor &sin, const at::Tensor &allowed, KvCache *cache) const
{
    const int64_t B = x.size(0), T = x.size(1), D = m_config.headDim;
    const int64_t heads = m_config.numHeads, kvHeads = m_config.numKeyValueHeads, groups = heads / kvHeads;
    at::Tensor q = at::linear(x, layer.q).view({B, T, heads, D}).transpose(1, 2);
    at::Tensor k = at::linear(x, layer.k).view({B, T, kvHeads, D}).transpose(1, 2);
    at::Tensor v = at::linear(x, layer.v).view({B, T, kvHeads, D}).transpose(1, 2);
    q = q * cos + rotateHalf(q) * sin;
    k = k * cos + rotateHalf(k) * sin;
    if (cache)
        std::tie(k, v) = cache->store(index, k, v);
    const int64_t S = k.size(2);

    at::Tensor out;
#if TORCH_VERSION_MAJOR >= 2
    if (x.is_cuda()) {
        // Fused kernels on the GPU; the same math (the softmax accumulates in fp32).
        if (groups > 1) {
            k = k.unsqueeze(2).expand({B, kvHeads, groups, S, D}).reshape({B, heads, S, D});
            v = v.unsqueeze(2).expand({B, kvHeads, groups, S, D}).reshape({B, heads, S, D});
        }
        out = at::scaled_dot_product_attention(q, k, v, allowed);
    }
#endif
    if (!out.defined()) {
        // Grouped-query attention without copying K/V: the query heads of one group share a K/V head.
        const at::Tensor grouped = q.reshape({B, kvHeads, groups * T, D});
        at::Tensor scores = at::matmul(grouped, k.transpose(-1, -2)).view({B, heads, T, S});
        scores = (scores * (1.0 / std::sqrt(static_cast<double>(D)))).to(at::kFloat);
        scores.masked_fill_(allowed.logical_not(), std::numeric_limits<float>::lowest());
        const at::Tensor weights = at::softmax(scores, -1).to(q.scalar_type());
        out = at::matmul(weights.view({B, kvHeads, groups * T, S}), v).view({B, heads, T, D});
    }
    return at::linear(out.transpose(1, 2).reshape({B, T, heads * D}), layer.o);
}

at::Tensor LlamaModel::forward(const at::Tensor &inputsEmbeds, const at::Tensor &positions,
                               const at::Tensor &attentionMask, KvCache *cache, Logits logits) const
{
    if (inputsEmbeds.dim() != 3 || inputsEmbeds.size(2) != m_config.hiddenSize)
        throw ModelError("LLaMA input embeddings must be [batch, tokens, " + std::to_string(m_config.hiddenSize) +
                         "], got " + shapeText(inputsEmbeds));
    const int64_t B = inputsEmbeds.size(0), T = inputsEmbeds.size(1);
    const int64_t past = cache ? cache->length() : 0, total = past + T;
    if (positions.dim() != 2 || positions.size(0) != B || positions.size(1) != T)
        throw ModelError("LLaMA positions must be [" + std::to_string(B) + ", " + std::to_string(T) + "], got " +
                         shapeText(positions));
    if (attentionMask.dim() != 2 || attentionMask.size(0) != B || attentionMask.size(1) != total)
        throw ModelError("LLaMA attention mask must be [" + std::to_string(B) + ", " + std::to_string(total) +
                         "] (cached + new tokens), got " + shapeText(attentionMask));
    const auto device = m_embed.device();
    const auto dtype = m_embed.scalar_type();
    at::Tensor x = inputsEmbeds.to(device, dtype);

    // cos/sin [B, 1, T, D] computed in fp32, then cast (HF).
    const at::Tensor freqs = positions.to(device, at::kFloat).unsqueeze(-1) * m_invFreq;
    const at::Tensor angles = at::cat({freqs, freqs}, -1);
    const at::Tensor cos = angles.cos().to(dtype).unsqueeze(1), sin = angles.sin().to(dtype).unsqueeze(1);

    // [B, 1, T, total]: causal over cache slots, padding keys masked. A query may always see its own slot so that
    // no row is fully masked (padding rows then stay finite; nobody attends to them).
    const auto longOptions = at::TensorOptions().dtype(at::kLong).device(device);
    const at::Tensor keySlots = at::arange(total, longOptions).view({1, total});
    const at::Tensor querySlots = at::arange(past, total, longOptions).view({T, 1});
    const at::Tensor keyReal = attentionMask.to(device).to(at::kBool).view({B, 1, 1, total});
    const at::Tensor allowed =
        keySlots.le(querySlots).view({1, 1, T, total}) & (keyReal | keySlots.eq(querySlots).view({1, 1, T, total}));

    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        const Layer &layer = m_layers[i];
        const at::Tensor h =
            x + attention(layer, static_cast<int64_t>(i), rmsNorm(x, layer.inputNorm), cos, sin, allowed, cache);
        const at::Tensor n = rmsNorm(h, layer.postNorm);
        x = h + at::linear(at::silu(at::linear(n, layer.gate)) * at::linear(n, layer.up), layer.down);
    }
    if (cache)
        cache->advance(T);
    x = rmsNorm(logits == Logits::LastOnly ? x.narrow(1, T - 1, 1) : x, m_norm);
    return at::linear(x, m_lmHead).to(at::kFloat);
}

at::Tensor LlamaModel::forward(const at::Tensor &inputsEmbeds) const
{
    const int64_t B = inputsEmbeds.size(0), T = inputsEmbeds.size(1);
    const auto options = at::TensorOptions().dtype(at::kLong).device(m_embed.device());
    const at::Tensor positions = at::arange(T, options).unsqueeze(0).expand({B, T});
    return forward(inputsEmbeds, positions, at::ones({B, T}, options), nullptr, Logits::All);
}

} // namespace vindex::models
