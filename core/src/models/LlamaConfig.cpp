#include "vindex/models/LlamaConfig.h"

#include "vindex/core/Error.h"
#include "vindex/io/JsonFile.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace vindex::models {

namespace {

int64_t requiredInt(const nlohmann::json &json, const char *field, const std::string &source)
{
    if (!json.contains(field))
        throw ModelError(source + ": field '" + field + "' is missing (a LLaMA config needs it)");
    if (!json[field].is_number_integer() || json[field].get<int64_t>() <= 0)
        throw ModelError(source + ": field '" + field + "' must be a positive integer, found " + json[field].dump());
    return json[field].get<int64_t>();
}

double optionalNumber(const nlohmann::json &json, const char *field, double fallback, const std::string &source)
{
    if (!json.contains(field) || json[field].is_null())
        return fallback;
    if (!json[field].is_number())
        throw ModelError(source + ": field '" + field + "' must be a number, found " + json[field].dump());
    return json[field].get<double>();
}

bool optionalBool(const nlohmann::json &json, const char *field, bool fallback)
{
    return json.contains(field) && json[field].is_boolean() ? json[field].get<bool>() : fallback;
}

} // namespace

LlamaConfig LlamaConfig::fromJson(const nlohmann::json &root, const std::string &source)
{
    if (!root.is_object())
        throw ModelError(source + ": expected a JSON object");
    // llava-hf: the decoder's fields live in text_config; the token ids may sit at either level.
    const nlohmann::json &json =
        root.contains("text_config") && root["text_config"].is_object() ? root["text_config"] : root;
    LlamaConfig c;
    c.hiddenSize = requiredInt(json, "hidden_size", source);
    c.numLayers = requiredInt(json, "num_hidden_layers", source);
    c.numHeads = requiredInt(json, "num_attention_heads", source);
    c.intermediateSize = requiredInt(json, "intermediate_size", source);
    c.vocabSize = requiredInt(json, "vocab_size", source);
    c.numKeyValueHeads = json.contains("num_key_value_heads") && !json["num_key_value_heads"].is_null()
                             ? requiredInt(json, "num_key_value_heads", source)
                             : c.numHeads;
    if (json.contains("head_dim") && !json["head_dim"].is_null())
        c.headDim = requiredInt(json, "head_dim", source);
    else if (c.hiddenSize % c.numHeads != 0)
        throw ModelError(source + ": hidden_size " + std::to_string(c.hiddenSize) +
                         " is not a multiple of num_attention_heads " + std::to_string(c.numHeads));
    else
        c.headDim = c.hiddenSize / c.numHeads;
    if (c.numHeads % c.numKeyValueHeads != 0)
        throw ModelError(source + ": num_attention_heads " + std::to_string(c.numHeads) +
                         " is not a multiple of num_key_value_heads " + std::to_string(c.numKeyValueHeads));
    if (c.headDim % 2 != 0)
        throw ModelError(source + ": head_dim " + std::to_string(c.headDim) + " must be even for rotary embeddings");
    if (json.contains("hidden_act") && json["hidden_act"].is_string() && json["hidden_act"] != "silu")
        throw ModelError(source + ": field 'hidden_act' is " + json["hidden_act"].dump() + ", only silu is supported");
    for (const char *field : {"attention_bias", "mlp_bias"})
        if (optionalBool(json, field, false))
            throw ModelError(source + ": field '" + field + "' is true; LLaMA decoders without biases are supported");

    c.rmsNormEps = optionalNumber(json, "rms_norm_eps", 1e-6, source);
    c.maxPositionEmbeddings = json.contains("max_position_embeddings")
                                  ? requiredInt(json, "max_position_embeddings", source)
                                  : c.maxPositionEmbeddings;
    c.tieWordEmbeddings = optionalBool(json, "tie_word_embeddings", false);

    // rope_theta: top level (transformers 4) or rope_parameters (transformers 5); scaling in rope_scaling or
    // rope_parameters. Only the default and linear kinds are supported.
    c.ropeTheta = optionalNumber(json, "rope_theta", 10000.0, source);
    const nlohmann::json *scaling = nullptr;
    if (json.contains("rope_parameters") && json["rope_parameters"].is_object()) {
        scaling = &json["rope_parameters"];
        c.ropeTheta = optionalNumber(*scaling, "rope_theta", c.ropeTheta, source);
    }
    if (json.contains("rope_scaling") && json["rope_scaling"].is_object())
        scaling = &json["rope_scaling"];
    if (scaling) {
        std::string type = "default";
        for (const char *key : {"rope_type", "type"})
            if (scaling->contains(key) && (*scaling)[key].is_string())
                type = (*scaling)[key].get<std::string>();
        if (type == "linear")
            c.ropeLinearFactor = optionalNumber(*scaling, "factor", 1.0, source);
        else if (type != "default")
            throw ModelError(source + ": rotary scaling '" + type + "' is not supported (default, linear)");
    }

    // Token ids: prefer the decoder's, fall back to the top level.
    const auto tokenField = [&](const char *field) -> const nlohmann::json * {
        if (json.contains(field) && !json[field].is_null())
            return &json[field];
        if (root.contains(field) && !root[field].is_null())
            return &root[field];
        return nullptr;
    };
    if (const auto *bos = tokenField("bos_token_id"); bos && bos->is_number_integer())
        c.bosTokenId = bos->get<int64_t>();
    if (const auto *eos = tokenField("eos_token_id")) {
        if (eos->is_number_integer())
            c.eosTokenIds = {eos->get<int64_t>()};
        else if (eos->is_array())
            c.eosTokenIds = eos->get<std::vector<int64_t>>();
    }
    if (const auto *pad = tokenField("pad_token_id"); pad && pad->is_number_integer())
        c.padTokenId = pad->get<int64_t>();
    return c;
}

LlamaConfig LlamaConfig::load(const std::string &path)
{
    namespace fs = std::filesystem;
    const fs::path file = fs::is_directory(path) ? fs::path(path) / "config.json" : fs::path(path);
    if (!fs::exists(file))
        throw FormatError(file.string(), "cannot be opened (a model folder needs config.json)");
    return fromJson(io::readJsonFile(file.string()), file.string());
}

} // namespace vindex::models
