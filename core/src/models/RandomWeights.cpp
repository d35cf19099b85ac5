#include "vindex/models/RandomWeights.h"

#include "vindex/core/Error.h"

#include <algorithm>
#include <memory>
#include <random>

namespace vindex::models {

LlamaConfig RandomWeights::llamaConfig(const std::string &name)
{
    LlamaConfig c; // LLaMA-7B's defaults
    if (name == "llama-7b")
        return c;
    if (name == "llama-13b") {
        c.hiddenSize = 5120;
        c.intermediateSize = 13824;
        c.numLayers = 40;
        c.numHeads = c.numKeyValueHeads = 40;
        return c;
    }
    std::string names;
    for (const std::string &n : llamaNames())
        names += (names.empty() ? "" : ", ") + n;
    throw Error("random weights: unknown architecture '" + name + "' (known: " + names + ")");
}

std::vector<std::string> RandomWeights::llamaNames()
{
    return {"llama-7b", "llama-13b"};
}

std::map<std::string, io::HostTensor> RandomWeights::llama(const LlamaConfig &config, unsigned seed)
{
    const int64_t h = config.hiddenSize, f = config.intermediateSize, v = config.vocabSize;
    const int64_t qOut = config.numHeads * config.headDim, kvOut = config.numKeyValueHeads * config.headDim;
    // One buffer long enough for the largest Hankel view (rows + columns − 1 numbers), then a block of ones.
    const int64_t longest = std::max({v + h, f + h, qOut + h}) + 1;
    auto buffer = std::make_shared<std::vector<float>>(static_cast<std::size_t>(longest + h));
    std::mt19937 generator(seed);
    std::normal_distribution<float> normal(0.0f, 0.02f);
    for (int64_t i = 0; i < longest; ++i)
        (*buffer)[static_cast<std::size_t>(i)] = normal(generator);
    std::fill(buffer->begin() + longest, buffer->end(), 1.0f);
    const auto *storage = reinterpret_cast<const std::byte *>(buffer->data());

    std::map<std::string, io::HostTensor> tensors;
    const auto matrix = [&](const std::string &name, int64_t rows, int64_t columns) {
        tensors.emplace(name, io::HostTensor(io::DType::F32, {rows, columns}, {1, 1}, 0, storage, buffer));
    };
    const auto ones = [&](const std::string &name) {
        tensors.emplace(name, io::HostTensor(io::DType::F32, {h}, {1}, longest, storage, buffer));
    };
    matrix("model.embed_tokens.weight", v, h);
    for (int64_t i = 0; i < config.numLayers; ++i) {
        const std::string p = "model.layers." + std::to_string(i) + ".";
        ones(p + "input_layernorm.weight");
        ones(p + "post_attention_layernorm.weight");
        matrix(p + "self_attn.q_proj.weight", qOut, h);
        matrix(p + "self_attn.k_proj.weight", kvOut, h);
        matrix(p + "self_attn.v_proj.weight", kvOut, h);
        matrix(p + "self_attn.o_proj.weight", h, qOut);
        matrix(p + "mlp.gate_proj.weight", f, h);
        matrix(p + "mlp.up_proj.weight", f, h);
        matrix(p + "mlp.down_proj.weight", h, f);
    }
    ones("model.norm.weight");
    matrix("lm_head.weight", v, h);
    return tensors;
}

} // namespace vindex::models
