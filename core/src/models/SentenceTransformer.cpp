#include "vindex/models/SentenceTransformer.h"

#include "vindex/core/Error.h"
#include "vindex/io/JsonFile.h"
#include "vindex/models/BertModel.h"
#include "vindex/models/MpnetModel.h"
#include "vindex/models/WeightLoader.h"
#include "vindex/models/WordPieceTokenizer.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <numeric>

namespace fs = std::filesystem;

namespace vindex::models {

namespace {

bool endsWith(const std::string &text, const std::string &suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

SentenceTransformer::PoolingMode poolingModeFromName(const std::string &name, const std::string &path)
{
    using Mode = SentenceTransformer::PoolingMode;
    if (name == "cls")
        return Mode::Cls;
    if (name == "max")
        return Mode::Max;
    if (name == "mean")
        return Mode::Mean;
    if (name == "mean_sqrt_len_tokens")
        return Mode::MeanSqrtLength;
    throw ModelError(path + ": pooling mode '" + name +
                     "' is not supported (supported: cls, max, mean, mean_sqrt_len_tokens)");
}

// 1_Pooling/config.json: "pooling_mode" (a name or a list), else the legacy flags in sentence-transformers' order.
std::vector<SentenceTransformer::PoolingMode> readPooling(const std::string &path)
{
    const auto config = io::readJsonFile(path);
    std::vector<SentenceTransformer::PoolingMode> modes;
    if (config.contains("pooling_mode")) {
        const auto &mode = config.at("pooling_mode");
        if (mode.is_string()) {
            modes.push_back(poolingModeFromName(mode.get<std::string>(), path));
        } else if (mode.is_array()) {
            for (const auto &name : mode)
                modes.push_back(poolingModeFromName(name.is_string() ? name.get<std::string>() : name.dump(), path));
        } else {
            throw FormatError(path, "pooling_mode must be a name or a list of names");
        }
    } else {
        static const std::pair<const char *, const char *> kLegacy[] = {
            {"pooling_mode_cls_token", "cls"},
            {"pooling_mode_max_tokens", "max"},
            {"pooling_mode_mean_tokens", "mean"},
            {"pooling_mode_mean_sqrt_len_tokens", "mean_sqrt_len_tokens"},
            {"pooling_mode_weightedmean_tokens", "weightedmean"},
            {"pooling_mode_lasttoken", "lasttoken"},
        };
        for (const auto &[key, name] : kLegacy)
            if (config.contains(key) && config.at(key).is_boolean() && config.at(key).get<bool>())
                modes.push_back(poolingModeFromName(name, path));
        if (modes.empty())
            modes.push_back(SentenceTransformer::PoolingMode::Mean);
    }
    if (modes.empty())
        throw FormatError(path, "names no pooling mode");
    if (config.contains("include_prompt") && config.at("include_prompt").is_boolean() &&
        !config.at("include_prompt").get<bool>())
        throw ModelError(path + ": include_prompt false (pooling without the prompt) is not supported");
    return modes;
}

} // namespace

SentenceTransformer::~SentenceTransformer() = default;

std::unique_ptr<SentenceTransformer> SentenceTransformer::load(const std::string &folder, const Compute &compute)
{
    std::unique_ptr<SentenceTransformer> model(new SentenceTransformer());
    model->m_folder = folder;
    model->m_compute = compute;
    if (!fs::is_directory(folder))
        throw ModelError(folder + ": is not a folder (a sentence-transformers model is a folder with modules.json)");

    // The modules, in order: Transformer, then Pooling, then Normalize.
    fs::path transformerFolder = folder;
    std::string poolingConfig;
    bool sawTransformer = false, sawPooling = false;
    const std::string modulesPath = (fs::path(folder) / "modules.json").string();
    if (fs::exists(modulesPath)) {
        const auto modules = io::readJsonFile(modulesPath);
        if (!modules.is_array())
            throw FormatError(modulesPath, "is not a list of modules");
        for (const auto &module : modules) {
            const std::string type = module.value("type", std::string());
            const std::string path = module.value("path", std::string());
            if (endsWith(type, ".Transformer") && !sawTransformer && !sawPooling) {
                transformerFolder = fs::path(folder) / path;
                sawTransformer = true;
            } else if (endsWith(type, ".Pooling") && sawTransformer && !sawPooling) {
                poolingConfig = (fs::path(folder) / path / "config.json").string();
                sawPooling = true;
            } else if (endsWith(type, ".Normalize") && sawPooling && !model->m_normalize) {
                model->m_normalize = true;
            } else {
                throw ModelError(modulesPath + ": module '" + type + "' at this place is not supported (supported: " +
                                 "Transformer, Pooling, then optionally Normalize)");
            }
        }
        if (!sawTransformer)
            throw ModelError(modulesPath + ": lists no Transformer module");
    }
    if (!poolingConfig.empty())
        model->m_poolingModes = readPooling(poolingConfig);

    const std::string configPath = (transformerFolder / "config.json").string();
    const auto config = io::readJsonFile(configPath);
    model->m_modelType = config.value("model_type", std::string());
    if (model->m_modelType != "bert" && model->m_modelType != "mpnet")
        throw ModelError(configPath + ": model_type '" + model->m_modelType +
                         "' is not a supported sentence encoder (supported: bert, mpnet)");

    // sentence_bert_config.json: max_seq_length and do_lower_case.
    bool lowercaseFirst = false;
    int64_t maxSequenceLength = -1;
    const std::string stConfigPath = (transformerFolder / "sentence_bert_config.json").string();
    if (fs::exists(stConfigPath)) {
        const auto stConfig = io::readJsonFile(stConfigPath);
        if (stConfig.contains("max_seq_length") && stConfig.at("max_seq_length").is_number_integer())
            maxSequenceLength = stConfig.at("max_seq_length").get<int64_t>();
        if (stConfig.contains("do_lower_case") && stConfig.at("do_lower_case").is_boolean())
            lowercaseFirst = stConfig.at("do_lower_case").get<bool>();
    }
    model->m_tokenizer =
        std::make_unique<WordPieceTokenizer>(WordPieceTokenizer::load(transformerFolder.string(), lowercaseFirst));

    const WeightLoader weights(transformerFolder.string(), compute);
    int64_t positions = 0;
    if (model->m_modelType == "bert") {
        model->m_bert = std::make_unique<BertModel>(config, weights);
        positions = model->m_bert->maxPositions();
    } else {
        model->m_mpnet = std::make_unique<MpnetModel>(config, weights);
        positions = model->m_mpnet->maxPositions() - MpnetModel::kPaddingId - 1;
    }
    if (maxSequenceLength < 0) {
        // As sentence-transformers without max_seq_length: the tokenizer's model_max_length, capped by the model.
        maxSequenceLength = positions;
        const std::string tokenizerConfig = (transformerFolder / "tokenizer_config.json").string();
        if (fs::exists(tokenizerConfig)) {
            const auto tc = io::readJsonFile(tokenizerConfig);
            if (tc.contains("model_max_length") && tc.at("model_max_length").is_number())
                maxSequenceLength = std::min<double>(maxSequenceLength, tc.at("model_max_length").get<double>());
        }
    }
    if (maxSequenceLength < 2 || maxSequenceLength > positions)
        throw ModelError(stConfigPath + ": max_seq_length " + std::to_string(maxSequenceLength) +
                         " does not fit the model, which takes 2 to " + std::to_string(positions) + " tokens");
    model->m_maxSequenceLength = static_cast<std::size_t>(maxSequenceLength);
    const int64_t modelVocab = model->m_bert ? model->m_bert->vocabSize() : model->m_mpnet->vocabSize();
    if (model->m_tokenizer->vocabSize() > modelVocab)
        throw ModelError(model->m_tokenizer->source() + ": the tokenizer has " +
                         std::to_string(model->m_tokenizer->vocabSize()) + " tokens, the model's vocab_size is " +
                         std::to_string(modelVocab));
    if (model->m_modelType == "mpnet" && model->m_tokenizer->padId() != MpnetModel::kPaddingId)
        throw ModelError(model->m_tokenizer->source() + ": MPNet pads with id " +
                         std::to_string(MpnetModel::kPaddingId) + ", this vocabulary's pad token has id " +
                         std::to_string(model->m_tokenizer->padId()));
    return model;
}

int64_t SentenceTransformer::hiddenSize() const
{
    return m_bert ? m_bert->hiddenSize() : m_mpnet->hiddenSize();
}

int64_t SentenceTransformer::embeddingSize() const
{
    return hiddenSize() * static_cast<int64_t>(m_poolingModes.size());
}

at::Tensor SentenceTransformer::tokenEmbeddings(const at::Tensor &ids, const at::Tensor &attentionMask) const
{
    return m_bert ? m_bert->forward(ids, attentionMask) : m_mpnet->forward(ids, attentionMask);
}

at::Tensor SentenceTransformer::pool(const at::Tensor &tokens, const at::Tensor &attentionMask) const
{
    const auto mask = attentionMask.to(tokens.device());
    const auto maskF = mask.unsqueeze(-1).to(tokens.scalar_type());
    // Sums in float32 at least, as sentence-transformers accumulates half-precision embeddings.
    const auto accumulate = tokens.scalar_type() == at::kDouble ? at::kDouble : at::kFloat;
    std::vector<at::Tensor> parts;
    for (const auto mode : m_poolingModes) {
        switch (mode) {
        case PoolingMode::Cls: {
            const auto first = mask.to(at::kInt).argmax(1);
            parts.push_back(tokens.index({at::arange(tokens.size(0), first.options()), first}));
            break;
        }
        case PoolingMode::Max:
            parts.push_back(tokens.masked_fill(maskF.eq(0), -std::numeric_limits<double>::infinity()).amax(1));
            break;
        case PoolingMode::Mean:
        case PoolingMode::MeanSqrtLength: {
            const auto sum = (tokens * maskF).sum(1, false, accumulate);
            auto count = at::clamp_min(maskF.sum(1, false, accumulate), 1e-9);
            if (mode == PoolingMode::MeanSqrtLength)
                count = at::sqrt(count);
            parts.push_back((sum / count).to(tokens.scalar_type()));
            break;
        }
        }
    }
    return parts.size() == 1 ? parts.front() : at::cat(parts, -1);
}

at::Tensor SentenceTransformer::encode(const std::vector<std::string> &texts, std::size_t batchSize) const
{
    at::NoGradGuard noGrad;
    if (batchSize == 0)
        throw Error(m_folder + ": cannot encode with a batch size of 0");
    auto out = at::empty({static_cast<int64_t>(texts.size()), embeddingSize()}, at::kFloat);
    std::vector<std::vector<int64_t>> encoded;
    encoded.reserve(texts.size());
    for (const auto &text : texts)
        encoded.push_back(m_tokenizer->encode(text, m_maxSequenceLength));
    // Longest first, so that each batch pads little.
    std::vector<std::size_t> order(texts.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return encoded[a].size() > encoded[b].size(); });
    for (std::size_t start = 0; start < order.size(); start += batchSize) {
        const std::size_t count = std::min(batchSize, order.size() - start);
        const auto length = static_cast<int64_t>(encoded[order[start]].size());
        auto ids = at::full({static_cast<int64_t>(count), length}, m_tokenizer->padId(), at::kLong);
        auto mask = at::zeros({static_cast<int64_t>(count), length}, at::kLong);
        for (std::size_t r = 0; r < count; ++r) {
            const auto &row = encoded[order[start + r]];
            std::copy(row.begin(), row.end(), ids[static_cast<int64_t>(r)].data_ptr<int64_t>());
            mask[static_cast<int64_t>(r)].slice(0, 0, static_cast<int64_t>(row.size())).fill_(1);
        }
        auto embeddings = pool(tokenEmbeddings(ids, mask), mask.to(m_compute.device));
        if (m_normalize)
            embeddings = embeddings / at::clamp_min(embeddings.norm(2, {1}, true), 1e-12);
        embeddings = embeddings.to(at::kCPU, at::kFloat);
        for (std::size_t r = 0; r < count; ++r)
            out[static_cast<int64_t>(order[start + r])].copy_(embeddings[static_cast<int64_t>(r)]);
    }
    return out;
}

} // namespace vindex::models
