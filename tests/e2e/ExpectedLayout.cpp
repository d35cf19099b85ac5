#include "ExpectedLayout.h"

namespace {

using Shape = std::vector<int64_t>;

void linear(Layout &l, const std::string &name, int64_t out, int64_t in, bool bias = true)
{
    l[name + ".weight"] = {out, in};
    if (bias)
        l[name + ".bias"] = {out};
}

void layerNorm(Layout &l, const std::string &name, int64_t width)
{
    l[name + ".weight"] = {width};
    l[name + ".bias"] = {width};
}

// The pre-LN transformer block shared by CLIP and SigLIP encoders.
void clipEncoderLayers(Layout &l, const std::string &prefix, int64_t layers, int64_t width, int64_t ffn)
{
    for (int64_t i = 0; i < layers; ++i) {
        const std::string p = prefix + "encoder.layers." + std::to_string(i) + ".";
        for (const char *proj : {"q_proj", "k_proj", "v_proj", "out_proj"})
            linear(l, p + "self_attn." + proj, width, width);
        layerNorm(l, p + "layer_norm1", width);
        layerNorm(l, p + "layer_norm2", width);
        linear(l, p + "mlp.fc1", ffn, width);
        linear(l, p + "mlp.fc2", width, ffn);
    }
}

int64_t num(const nlohmann::json &c, const char *key)
{
    return c.at(key).get<int64_t>();
}

} // namespace

void merge(Layout &into, const Layout &from)
{
    into.insert(from.begin(), from.end());
}

Layout clipVisionLayout(const nlohmann::json &c, const std::string &prefix)
{
    Layout l;
    const int64_t h = num(c, "hidden_size"), patch = num(c, "patch_size"), grid = num(c, "image_size") / patch;
    l[prefix + "embeddings.class_embedding"] = {h};
    l[prefix + "embeddings.patch_embedding.weight"] = {h, num(c, "num_channels"), patch, patch};
    l[prefix + "embeddings.position_embedding.weight"] = {grid * grid + 1, h};
    layerNorm(l, prefix + "pre_layrnorm", h);
    clipEncoderLayers(l, prefix, num(c, "num_hidden_layers"), h, num(c, "intermediate_size"));
    layerNorm(l, prefix + "post_layernorm", h);
    return l;
}

Layout clipTextLayout(const nlohmann::json &c, const std::string &prefix)
{
    Layout l;
    const int64_t h = num(c, "hidden_size");
    l[prefix + "embeddings.token_embedding.weight"] = {num(c, "vocab_size"), h};
    l[prefix + "embeddings.position_embedding.weight"] = {num(c, "max_position_embeddings"), h};
    clipEncoderLayers(l, prefix, num(c, "num_hidden_layers"), h, num(c, "intermediate_size"));
    layerNorm(l, prefix + "final_layer_norm", h);
    return l;
}

Layout dinov2Layout(const nlohmann::json &c, const std::string &prefix)
{
    Layout l;
    const int64_t h = num(c, "hidden_size"), patch = num(c, "patch_size"), grid = num(c, "image_size") / patch;
    const int64_t ffn = h * num(c, "mlp_ratio");
    l[prefix + "embeddings.cls_token"] = {1, 1, h};
    l[prefix + "embeddings.mask_token"] = {1, h};
    l[prefix + "embeddings.position_embeddings"] = {1, grid * grid + 1, h};
    l[prefix + "embeddings.patch_embeddings.projection.weight"] = {h, num(c, "num_channels"), patch, patch};
    l[prefix + "embeddings.patch_embeddings.projection.bias"] = {h};
    for (int64_t i = 0; i < num(c, "num_hidden_layers"); ++i) {
        const std::string p = prefix + "encoder.layer." + std::to_string(i) + ".";
        for (const char *proj : {"query", "key", "value"})
            linear(l, p + "attention.attention." + proj, h, h);
        linear(l, p + "attention.output.dense", h, h);
        layerNorm(l, p + "norm1", h);
        layerNorm(l, p + "norm2", h);
        l[p + "layer_scale1.lambda1"] = {h};
        l[p + "layer_scale2.lambda1"] = {h};
        linear(l, p + "mlp.fc1", ffn, h);
        linear(l, p + "mlp.fc2", h, ffn);
    }
    layerNorm(l, prefix + "layernorm", h);
    return l;
}

Layout siglipVisionLayout(const nlohmann::json &c, const std::string &prefix)
{
    Layout l;
    const int64_t h = num(c, "hidden_size"), patch = num(c, "patch_size"), grid = num(c, "image_size") / patch;
    const int64_t ffn = num(c, "intermediate_size");
    l[prefix + "embeddings.patch_embedding.weight"] = {h, num(c, "num_channels"), patch, patch};
    l[prefix + "embeddings.patch_embedding.bias"] = {h};
    l[prefix + "embeddings.position_embedding.weight"] = {grid * grid, h}; // no CLS token
    clipEncoderLayers(l, prefix, num(c, "num_hidden_layers"), h, ffn);
    layerNorm(l, prefix + "post_layernorm", h);
    // Attention-pooling head (vision_use_head defaults to true).
    l[prefix + "head.probe"] = {1, 1, h};
    l[prefix + "head.attention.in_proj_weight"] = {3 * h, h};
    l[prefix + "head.attention.in_proj_bias"] = {3 * h};
    linear(l, prefix + "head.attention.out_proj", h, h);
    layerNorm(l, prefix + "head.layernorm", h);
    linear(l, prefix + "head.mlp.fc1", ffn, h);
    linear(l, prefix + "head.mlp.fc2", h, ffn);
    return l;
}

Layout llamaLayout(const nlohmann::json &c, const std::string &modelPrefix, const std::string &lmHead)
{
    Layout l;
    const int64_t h = num(c, "hidden_size"), ffn = num(c, "intermediate_size"), vocab = num(c, "vocab_size");
    const int64_t heads = num(c, "num_attention_heads");
    const int64_t kvHeads = c.contains("num_key_value_heads") ? num(c, "num_key_value_heads") : heads;
    const int64_t headDim = c.contains("head_dim") ? num(c, "head_dim") : h / heads;
    l[modelPrefix + "embed_tokens.weight"] = {vocab, h};
    for (int64_t i = 0; i < num(c, "num_hidden_layers"); ++i) {
        const std::string p = modelPrefix + "layers." + std::to_string(i) + ".";
        linear(l, p + "self_attn.q_proj", heads * headDim, h, false);
        linear(l, p + "self_attn.k_proj", kvHeads * headDim, h, false);
        linear(l, p + "self_attn.v_proj", kvHeads * headDim, h, false);
        linear(l, p + "self_attn.o_proj", h, heads * headDim, false);
        linear(l, p + "mlp.gate_proj", ffn, h, false);
        linear(l, p + "mlp.up_proj", ffn, h, false);
        linear(l, p + "mlp.down_proj", h, ffn, false);
        l[p + "input_layernorm.weight"] = {h};
        l[p + "post_attention_layernorm.weight"] = {h};
    }
    l[modelPrefix + "norm.weight"] = {h};
    l[lmHead + ".weight"] = {vocab, h};
    return l;
}

Layout brainXsLayout(const nlohmann::json &c)
{
    // UMBRAE BrainXS: x[B,nvox] → lin1 Linear(1, latents) per voxel → lin2 Linear(nvox, hidden) → perceiver.
    Layout l;
    const int64_t nvox = num(c, "in_dim"), hidden = num(c, "hidden_dim"), out = num(c, "out_dim");
    const int64_t latents = num(c, "num_latents"), inner = num(c, "heads") * num(c, "dim_head");
    linear(l, "lin1", latents, 1);
    linear(l, "lin2", hidden, nvox);
    layerNorm(l, "perceiver.ln_vision", hidden);
    linear(l, "perceiver.llm_proj", out, hidden);
    l["perceiver.perceiver.latents"] = {latents, hidden};
    l["perceiver.perceiver.media_pos_emb"] = {1, 1, hidden};
    for (int64_t i = 0; i < num(c, "depth"); ++i) {
        const std::string p = "perceiver.perceiver.layers." + std::to_string(i) + ".";
        layerNorm(l, p + "0.norm_media", hidden);
        layerNorm(l, p + "0.norm_latents", hidden);
        l[p + "0.to_q.weight"] = {inner, hidden};
        l[p + "0.to_kv.weight"] = {2 * inner, hidden};
        l[p + "0.to_out.weight"] = {hidden, inner};
        // FeedForward: LayerNorm, Linear(dim, 4·dim, no bias), GELU, Linear(4·dim, dim, no bias).
        layerNorm(l, p + "1.0", hidden);
        l[p + "1.1.weight"] = {4 * hidden, hidden};
        l[p + "1.3.weight"] = {hidden, 4 * hidden};
    }
    layerNorm(l, "perceiver.perceiver.norm", hidden);
    return l;
}
