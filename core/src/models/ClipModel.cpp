#include "vindex/models/ClipModel.h"

#include "vindex/core/Error.h"
#include "vindex/models/ClipBpeTokenizer.h"
#include "vindex/models/ClipTextModel.h"
#include "vindex/models/ImagePreprocessor.h"
#include "vindex/models/ModelRegistry.h"
#include "vindex/models/OpenAiClipCheckpoint.h"
#include "vindex/models/VisionTower.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <filesystem>

namespace fs = std::filesystem;

namespace vindex::models {

namespace {

// Older hub configs (openai/clip-vit-large-patch14) carry the non-default fields in text_config_dict /
// vision_config_dict, which transformers applies over text_config / vision_config.
nlohmann::json subConfig(const nlohmann::json &config, const std::string &name)
{
    nlohmann::json merged =
        config.contains(name) && config.at(name).is_object() ? config.at(name) : nlohmann::json::object();
    const std::string dictName = name + "_dict";
    if (config.contains(dictName) && config.at(dictName).is_object())
        merged.update(config.at(dictName));
    return merged;
}

} // namespace

ClipModel::~ClipModel() = default;

std::unique_ptr<ClipModel> ClipModel::load(const std::string &folder, const Compute &compute)
{
    const auto description = ModelRegistry::identify(folder);
    const std::string configPath = (fs::path(folder) / "config.json").string();
    if (description.kind != ModelKind::ClipFull)
        throw ModelError(configPath + ": this is a " + description.displayName +
                         ", CLIP-S needs a whole CLIP (model_type \"clip\" with text_config and vision_config)");
    std::unique_ptr<ClipModel> model(new ClipModel());
    model->m_folder = folder;
    model->m_tokenizer = std::make_unique<ClipBpeTokenizer>(ClipBpeTokenizer::load(folder));
    model->build(description.config, WeightLoader(description.weightsPath, compute));
    model->m_preprocessor = std::make_unique<ImagePreprocessor>(ImagePreprocessor::forTower(*model->m_vision, folder));
    return model;
}

std::unique_ptr<ClipModel> ClipModel::loadOpenAi(const std::string &checkpointFile, const std::string &vocabFile,
                                                 const Compute &compute)
{
    const std::string vocab = vocabFile.empty() ? OpenAiClipCheckpoint::defaultVocabPath(checkpointFile) : vocabFile;
    if (!fs::is_regular_file(vocab))
        throw ModelError(vocab + ": OpenAI CLIP's tokenizer vocabulary is not there" +
                         (vocabFile.empty() ? std::string(" (looked for beside the checkpoint ") + checkpointFile +
                                                  "; give its path instead)"
                                            : std::string()) +
                         "; it is bpe_simple_vocab_16e6.txt.gz of OpenAI's clip package (also in pacscore's "
                         "models/clip/ and open_clip)");
    auto converted = OpenAiClipCheckpoint::load(checkpointFile);
    std::unique_ptr<ClipModel> model(new ClipModel());
    model->m_folder = checkpointFile;
    model->m_tokenizer = std::make_unique<ClipBpeTokenizer>(ClipBpeTokenizer::fromOpenAiVocab(vocab));
    model->build(converted.config, WeightLoader(std::move(converted.tensors), checkpointFile, compute));
    // clip._transform: Resize(n, BICUBIC) on the shortest side, CenterCrop(n) (torchvision's rounding), CLIP's
    // mean/std.
    auto settings = ImagePreprocessor::forTower(*model->m_vision).settings();
    settings.cropOffset = ImagePreprocessor::CropOffset::RoundHalfEven;
    model->m_preprocessor = std::make_unique<ImagePreprocessor>(settings);
    return model;
}

void ClipModel::build(const nlohmann::json &config, const WeightLoader &weights)
{
    m_text = std::make_unique<ClipTextModel>(subConfig(config, "text_config"), weights);
    m_vision = VisionTower::fromWeights(subConfig(config, "vision_config"), weights.scoped("vision_model."));
    m_visualProjection = weights.get("visual_projection.weight", {-1, m_vision->hiddenSize()});
    if (m_visualProjection.size(0) != m_text->projectionSize())
        throw ModelError(weights.source() + ": visual_projection gives " + std::to_string(m_visualProjection.size(0)) +
                         " dimensions, text_projection " + std::to_string(m_text->projectionSize()) +
                         "; CLIP compares them, they must agree");
    if (m_tokenizer->vocabSize() > m_text->vocabSize())
        throw ModelError(m_tokenizer->source() + ": the tokenizer has " + std::to_string(m_tokenizer->vocabSize()) +
                         " ids, the text tower's vocab_size is " + std::to_string(m_text->vocabSize()));
}

int64_t ClipModel::projectionSize() const
{
    return m_visualProjection.size(0);
}

at::Tensor ClipModel::encodeTexts(const std::vector<std::string> &texts) const
{
    const auto context = static_cast<std::size_t>(
        std::min<int64_t>(static_cast<int64_t>(ClipBpeTokenizer::kContextLength), m_text->maxPositions()));
    std::vector<std::vector<int64_t>> ids;
    ids.reserve(texts.size());
    for (const auto &text : texts)
        ids.push_back(m_tokenizer->encode(text, context));
    return m_text->embed(ids);
}

at::Tensor ClipModel::encodePixels(const at::Tensor &pixelValues) const
{
    const auto pooled = m_vision->forward(pixelValues, false).pooled;
    return at::linear(pooled, m_visualProjection);
}

at::Tensor ClipModel::encodeImages(const std::vector<io::RgbImage> &images) const
{
    if (images.empty())
        return at::empty(
            {0, projectionSize()},
            at::TensorOptions().dtype(m_visualProjection.scalar_type()).device(m_visualProjection.device()));
    std::vector<at::Tensor> pixels;
    pixels.reserve(images.size());
    for (const auto &image : images)
        pixels.push_back(m_preprocessor->process(image));
    return encodePixels(at::cat(pixels, 0));
}

} // namespace vindex::models
