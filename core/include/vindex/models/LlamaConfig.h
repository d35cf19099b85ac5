#pragma once
// The hyper-parameters of a LLaMA/Vicuna decoder, read from a Hugging Face config.json: the plain LlamaConfig
// (Vicuna, LLaVA's original layout, Shikra) or the "text_config" nested in llava-hf's LlavaConfig.
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace vindex::models {

struct LlamaConfig {
    int64_t vocabSize = 32000;
    int64_t hiddenSize = 4096;
    int64_t intermediateSize = 11008;
    int64_t numLayers = 32;
    int64_t numHeads = 32;
    int64_t numKeyValueHeads = 32; // < numHeads: grouped-query attention
    int64_t headDim = 128;
    double rmsNormEps = 1e-6;
    double ropeTheta = 10000.0;
    double ropeLinearFactor = 1.0; // rope_scaling {"type": "linear", "factor": f}: positions divided by f
    int64_t maxPositionEmbeddings = 2048;
    bool tieWordEmbeddings = false;
    int64_t bosTokenId = 1;
    std::vector<int64_t> eosTokenIds{2}; // eos_token_id may be a list
    int64_t padTokenId = -1;

    // A config.json object (the top level; a nested "text_config" is used when present). sourceName names the file
    // in errors: ModelError "<file>: field 'x' ..." for missing or inconsistent fields.
    static LlamaConfig fromJson(const nlohmann::json &config, const std::string &sourceName);
    // folder/config.json, or the JSON file itself.
    static LlamaConfig load(const std::string &path);
};

} // namespace vindex::models
