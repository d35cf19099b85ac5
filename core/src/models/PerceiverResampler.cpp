#include "vindex/models/PerceiverResampler.h"

#include "vindex/core/Error.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>
#include <torch/csrc/api/include/torch/version.h>

#include <cmath>
#include <string>

namespace vindex::models {

PerceiverResampler PerceiverResampler::load(const WeightLoader &weights, int64_t heads, int64_t dimHead,
                                            double layerNormEps)
{
    PerceiverResampler p;
    p.m_latents = weights.get("latents", {-1, -1}); // [latents, width]: both sizes come from here
    p.m_latentCount = p.m_latents.size(0);
    p.m_width = p.m_latents.size(1);
    const int64_t d = p.m_width;
    // [media, 1, width]; UMBRAE feeds one media, so only the first embedding is ever added.
    p.m_mediaPosEmb = weights.get("media_pos_emb", {-1, 1, d});
    p.m_normWeight = weights.get("norm.weight", {d});
    p.m_normBias = weights.get("norm.bias", {d});
    p.m_heads = heads;
    p.m_dimHead = dimHead;
    p.m_eps = layerNormEps;

    for (int64_t i = 0; weights.has("layers." + std::to_string(i) + ".0.to_q.weight"); ++i) {
        const WeightLoader attn = weights.scoped("layers." + std::to_string(i) + ".0.");
        const WeightLoader ff = weights.scoped("layers." + std::to_string(i) + ".1.");
        const int64_t inner = heads * dimHead;
        Layer layer;
        try {
            layer.toQ = attn.get("to_q.weight", {inner, d});
        } catch (const ModelError &e) {
            // The split is not stored: a mismatch here usually means the options, not the file, are wrong.
            throw ModelError(std::string(e.what()) + " (heads " + std::to_string(heads) + " × dim_head " +
                             std::to_string(dimHead) +
                             "; set the heads / dim_head options, --heads / --dim-head "
                             "on the command line)");
        }
        layer.normMediaWeight = attn.get("norm_media.weight", {d});
        layer.normMediaBias = attn.get("norm_media.bias", {d});
        layer.normLatentsWeight = attn.get("norm_latents.weight", {d});
        layer.normLatentsBias = attn.get("norm_latents.bias", {d});
        layer.toKv = attn.get("to_kv.weight", {2 * inner, d});
        layer.toOut = attn.get("to_out.weight", {d, inner});
        // FeedForward = Sequential(LayerNorm, Linear(no bias), GELU, Linear(no bias)): indices 0, 1, 3.
        layer.ffNormWeight = ff.get("0.weight", {d});
        layer.ffNormBias = ff.get("0.bias", {d});
        layer.ffIn = ff.get("1.weight", {-1, d});
        layer.ffOut = ff.get("3.weight", {d, layer.ffIn.size(0)});
        p.m_layers.push_back(std::move(layer));
    }
    if (p.m_layers.empty())
        throw ModelError(weights.source() + ": tensor 'layers.0.0.to_q.weight' is missing (a resampler needs at "
                                            "least one layer)");
    return p;
}

at::Tensor PerceiverResampler::attention(const Layer &layer, const at::Tensor &media, const at::Tensor &latents) const
{
    const int64_t b = latents.size(0), l = latents.size(1);
    const at::Tensor x = at::layer_norm(media, {m_width}, layer.normMediaWeight, layer.normMediaBias, m_eps);
    const at::Tensor lat = at::layer_norm(latents, {m_width}, layer.normLatentsWeight, layer.normLatentsBias, m_eps);

    // Keys and values come from media and latents together (Flamingo's variant of Perceiver attention).
    const auto kv = at::linear(at::cat({x, lat}, 1), layer.toKv).chunk(2, -1);
    const int64_t n = kv[0].size(1);
    // "(h d)" with h outer: split the last dim as [heads, dimHead].
    const at::Tensor k = kv[0].reshape({b, n, m_heads, m_dimHead}).transpose(1, 2);
    const at::Tensor v = kv[1].reshape({b, n, m_heads, m_dimHead}).transpose(1, 2);
    const double scale = 1.0 / std::sqrt(static_cast<double>(m_dimHead));
    at::Tensor out;
#if TORCH_VERSION_MAJOR >= 2
    // On a GPU the fused kernels (the same softmax(q·kᵀ·scale)·v, scaled inside instead of before).
    if (lat.is_cuda())
        out = at::scaled_dot_product_attention(
            at::linear(lat, layer.toQ).view({b, l, m_heads, m_dimHead}).transpose(1, 2), k, v);
#endif
    if (!out.defined()) {
        // The reference's order: q scaled first; softmax subtracts the row max itself, as the reference does.
        const at::Tensor q = (at::linear(lat, layer.toQ) * scale).view({b, l, m_heads, m_dimHead}).transpose(1, 2);
        out = at::matmul(at::softmax(at::matmul(q, k.transpose(-2, -1)), -1), v);
    }
    return at::linear(out.transpose(1, 2).reshape({b, l, m_heads * m_dimHead}), layer.toOut);
}

at::Tensor PerceiverResampler::forward(const at::Tensor &media) const
{
    const at::Tensor x = media + m_mediaPosEmb.select(0, 0); // [1, width] broadcasts over batch and tokens
    at::Tensor latents = m_latents.unsqueeze(0).expand({media.size(0), m_latentCount, m_width});
    for (const Layer &layer : m_layers) {
        latents = attention(layer, x, latents) + latents;
        at::Tensor h = at::layer_norm(latents, {m_width}, layer.ffNormWeight, layer.ffNormBias, m_eps);
        h = at::linear(at::gelu(at::linear(h, layer.ffIn)), layer.ffOut); // nn.GELU(): exact erf form
        latents = h + latents;
    }
    return at::layer_norm(latents, {m_width}, m_normWeight, m_normBias, m_eps);
}

void PerceiverResampler::appendParameters(const std::string &prefix, ParameterList &out)
{
    // Registration order of lucidrains' modules: latents, media_pos_emb, layers (PerceiverAttention: norm_media,
    // norm_latents, to_q, to_kv, to_out; FeedForward: LayerNorm, Linear, GELU, Linear), then the final norm.
    out.push_back({prefix + "latents", &m_latents});
    out.push_back({prefix + "media_pos_emb", &m_mediaPosEmb});
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        Layer &layer = m_layers[i];
        const std::string attn = prefix + "layers." + std::to_string(i) + ".0.";
        const std::string ff = prefix + "layers." + std::to_string(i) + ".1.";
        out.push_back({attn + "norm_media.weight", &layer.normMediaWeight});
        out.push_back({attn + "norm_media.bias", &layer.normMediaBias});
        out.push_back({attn + "norm_latents.weight", &layer.normLatentsWeight});
        out.push_back({attn + "norm_latents.bias", &layer.normLatentsBias});
        out.push_back({attn + "to_q.weight", &layer.toQ});
        out.push_back({attn + "to_kv.weight", &layer.toKv});
        out.push_back({attn + "to_out.weight", &layer.toOut});
        out.push_back({ff + "0.weight", &layer.ffNormWeight});
        out.push_back({ff + "0.bias", &layer.ffNormBias});
        out.push_back({ff + "1.weight", &layer.ffIn});
        out.push_back({ff + "3.weight", &layer.ffOut});
    }
    out.push_back({prefix + "norm.weight", &m_normWeight});
    out.push_back({prefix + "norm.bias", &m_normBias});
}

} // namespace vindex::models
