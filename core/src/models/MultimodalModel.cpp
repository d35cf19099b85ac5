#include "vindex/models/MultimodalModel.h"

#include "vindex/core/Error.h"
#include "vindex/io/ImageFile.h"
#include "vindex/models/AnyResolutionTiling.h"
#include "vindex/models/ImagePreprocessor.h"
#include "vindex/models/LlamaConfig.h"
#include "vindex/models/LlamaModel.h"
#include "vindex/models/ModelRegistry.h"
#include "vindex/models/Projector.h"
#include "vindex/models/Tokenizer.h"
#include "vindex/models/VisionTower.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>

#include <filesystem>

namespace fs = std::filesystem;

namespace vindex::models {

MultimodalModel::MultimodalModel() = default;
MultimodalModel::~MultimodalModel() = default;

namespace {

std::string replaceAll(std::string text, const std::string &what, const std::string &with)
{
    for (std::size_t at = 0; (at = text.find(what, at)) != std::string::npos; at += with.size())
        text.replace(at, what.size(), with);
    return text;
}

std::string repeated(const std::string &token, int64_t count)
{
    std::string out;
    for (int64_t i = 0; i < count; ++i)
        out += token;
    return out;
}

} // namespace

std::unique_ptr<MultimodalModel> MultimodalModel::load(const std::string &folder, const Compute &compute, Parts parts)
{
    const bool whole = parts == Parts::Whole;
    std::unique_ptr<MultimodalModel> m(new MultimodalModel());
    m->m_description = ModelRegistry::identify(folder);
    m->m_compute = compute;
    const auto &d = m->m_description;
    const auto &config = d.config;
    if (d.kind != ModelKind::LlavaOriginal && d.kind != ModelKind::LlavaHf && d.kind != ModelKind::Shikra)
        throw ModelError(folder + ": is a " + d.displayName + ", not a LLaVA or Shikra model");

    WeightLoader weights(d.weightsPath, compute);
    m->m_tokenizer = std::make_unique<Tokenizer>(Tokenizer::load(folder));

    if (d.kind == ModelKind::LlavaHf) {
        const auto &textConfig = config.at("text_config");
        const auto llmConfig = LlamaConfig::fromJson(config, (fs::path(folder) / "config.json").string());
        m->m_hiddenSize = llmConfig.hiddenSize;
        if (whole)
            m->m_llm = std::make_unique<LlamaModel>(llmConfig, weights, LlamaModel::detectLayout(weights));
        m->m_tower =
            VisionTower::fromWeights(config.at("vision_config"), weights.scoped(VisionTower::detectPrefix(weights)));
        const std::string projectorPrefix = weights.has("multi_modal_projector.linear_1.weight")
                                                ? "multi_modal_projector."
                                                : "model.multi_modal_projector.";
        m->m_featureWidth = m->m_tower->hiddenSize();
        if (whole)
            m->m_projector = std::make_unique<Projector>(Projector::load(weights.scoped(projectorPrefix),
                                                                         Projector::Type::Mlp2xGelu, m->m_featureWidth,
                                                                         textConfig.at("hidden_size").get<int64_t>()));
        m->m_selectLayer = config.value("vision_feature_layer", -2);
        m->m_keepCls = config.value("vision_feature_select_strategy", std::string("default")) == "full";
        m->m_placeholderId = config.value("image_token_index", config.value("image_token_id", int64_t{32000}));
        m->m_template = ConversationTemplate::byName("llava_hf");
        m->m_preprocessor = std::make_unique<ImagePreprocessor>(ImagePreprocessor::forTower(*m->m_tower, folder));
        const int64_t grid = m->m_tower->imageSize() / m->m_tower->patchSize();
        m->m_imageTokens = grid * grid + (m->m_keepCls ? 1 : 0);
        if (AnyResolutionTiling::wanted(config)) {
            // llava-v1.6-*-hf: the chat template is LLaVA's llava_v1 (the "human" system prompt).
            m->m_template = ConversationTemplate::byName("llava_v1");
            m->loadTiling(weights, AnyResolutionTiling::Convention::Transformers,
                          weights.has("image_newline") ? "image_newline" : "model.image_newline", whole);
        }
        return m;
    }

    // Original LLaVA layout and Shikra: LLaMA keys at the top, projector under model.mm_projector, CLIP apart.
    const auto llmConfig = LlamaConfig::fromJson(config, (fs::path(folder) / "config.json").string());
    m->m_hiddenSize = llmConfig.hiddenSize;
    if (whole)
        m->m_llm = std::make_unique<LlamaModel>(llmConfig, weights, LlamaModel::Layout{});
    m->m_featureWidth = config.at("mm_hidden_size").get<int64_t>();
    const bool shikra = d.kind == ModelKind::Shikra;
    const std::string projectorType = config.value("mm_projector_type", std::string("linear"));
    if (whole)
        m->m_projector = std::make_unique<Projector>(Projector::load(weights.scoped("model.mm_projector."),
                                                                     Projector::typeFromName(projectorType),
                                                                     m->m_featureWidth, llmConfig.hiddenSize));
    m->m_selectLayer = config.value("mm_vision_select_layer", -2);
    m->m_keepCls = config.value("mm_vision_select_feature", std::string("patch")) == "cls_patch";
    if (!d.visionTowerPath.empty()) {
        m->m_tower = VisionTower::load(d.visionTowerPath, compute);
        // Dense Connector's channel-concatenating modes feed the projector three tower widths.
        const std::string dense = config.value("mm_dense_connector_type", std::string());
        const int64_t expected = m->m_tower->hiddenSize() * (dense == "dci" || dense == "sci" ? 3 : 1);
        if (expected != m->m_featureWidth)
            throw ModelError(d.visionTowerPath + ": vision tower width " + std::to_string(m->m_tower->hiddenSize()) +
                             (expected != m->m_tower->hiddenSize() ? " (×3 for " + dense + ")" : std::string()) +
                             " does not match mm_hidden_size " + std::to_string(m->m_featureWidth) + " of " + folder);
        ImagePreprocessor preprocessor = ImagePreprocessor::forTower(*m->m_tower, d.visionTowerPath);
        if (shikra)
            preprocessor = preprocessor.withPadding(io::Rgb{255, 255, 255}); // Shikra's Expand2square on white
        else if (config.value("image_aspect_ratio", std::string("square")) == "pad")
            preprocessor = preprocessor.withMeanPadding();
        m->m_preprocessor = std::make_unique<ImagePreprocessor>(preprocessor);
        const int64_t grid = m->m_tower->imageSize() / m->m_tower->patchSize();
        m->m_imageTokens = grid * grid + (m->m_keepCls ? 1 : 0);
    }
    if (!shikra && AnyResolutionTiling::wanted(config))
        m->loadTiling(weights, AnyResolutionTiling::Convention::Llava, "model.image_newline", whole);
    if (shikra) {
        m->m_tokenizer->setSpacing(Tokenizer::Spacing::Legacy);
        m->m_imageTokens = config.value("image_token_len", m->m_imageTokens);
        m->m_placeholderId = m->m_tokenizer->idOf("<im_patch>");
        m->m_template = ConversationTemplate::byName("umbrae_shikra");
    } else {
        m->m_template = ConversationTemplate::byName("llava_v1");
    }
    return m;
}

void MultimodalModel::loadTiling(const WeightLoader &weights, AnyResolutionTiling::Convention convention,
                                 const std::string &newlineKey, bool whole)
{
    const std::string configFile = (fs::path(m_description.path) / "config.json").string();
    // Without a tower (brain features only) the tile size only matters for images, which then cannot run.
    const int tileSize = m_tower ? static_cast<int>(m_tower->imageSize()) : 0;
    m_tiling = std::make_unique<AnyResolutionTiling>(
        AnyResolutionTiling::fromConfig(m_description.config, convention, tileSize, configFile));
    if (m_tiling->merge() == AnyResolutionTiling::Merge::SpatialUnpad && whole) {
        if (!weights.has(newlineKey))
            throw ModelError(m_description.path + ": mm_patch_merge_type spatial_unpad needs " + newlineKey +
                             " in the weights, and it is not there");
        m_imageNewline = weights.get(newlineKey).to(m_compute.device, m_compute.dtype);
        if (m_imageNewline.dim() != 1 || m_imageNewline.size(0) != m_hiddenSize)
            throw ModelError(m_description.path + ": " + newlineKey + " must be [" + std::to_string(m_hiddenSize) +
                             "]");
    }
    m_imageTokens += m_tiling->merge() == AnyResolutionTiling::Merge::SpatialUnpad ? 1 : 0; // one tile + newline
    m_description.displayName =
        m_description.kind == ModelKind::LlavaHf ? "LLaVA-NeXT (llava-hf layout)" : "LLaVA-NeXT (original layout)";
}

at::Tensor MultimodalModel::packTiles(const at::Tensor &tileTokens, int imageWidth, int imageHeight) const
{
    const at::Tensor tiles = tileTokens.dim() == 2 ? tileTokens.unsqueeze(0) : tileTokens;
    if (m_tiling)
        return m_tiling->pack(tiles, imageWidth, imageHeight, m_imageNewline);
    if (tiles.size(0) != 1)
        throw ModelError(m_description.path + ": " + std::to_string(tiles.size(0)) +
                         " tiles were given, but only LLaVA-NeXT tiles an image");
    return tiles[0];
}

const LlamaModel &MultimodalModel::llm() const
{
    if (!m_llm)
        throw ModelError(m_description.path + ": the language model was not loaded (vision only)");
    return *m_llm;
}

const VisionTower &MultimodalModel::visionTower() const
{
    if (!m_tower)
        throw ModelError(m_description.path + ": the vision tower was not found, so images cannot be used (" +
                         (m_description.notes.empty() ? std::string() : m_description.notes.front()) + ")");
    return *m_tower;
}

at::Tensor MultimodalModel::pixelValues(const io::RgbImage &image) const
{
    visionTower();
    if (!m_tiling)
        return m_preprocessor->process(image);
    std::vector<at::Tensor> tiles;
    for (const io::RgbImage &tile : m_tiling->tiles(image))
        tiles.push_back(m_preprocessor->process(tile));
    return at::cat(tiles, 0);
}

at::Tensor MultimodalModel::pixelValuesFromFile(const std::string &path) const
{
    return pixelValues(io::ImageFile::read(path));
}

at::Tensor MultimodalModel::visionFeatures(const at::Tensor &pixelValues) const
{
    return visionTower().selectFeatures(pixelValues, m_selectLayer, m_keepCls);
}

at::Tensor MultimodalModel::projectFeatures(const at::Tensor &features) const
{
    if (features.size(-1) != m_featureWidth)
        throw ModelError(m_description.path + ": visual features have width " + std::to_string(features.size(-1)) +
                         ", the projector expects " + std::to_string(m_featureWidth));
    if (!m_projector)
        throw ModelError(m_description.path + ": the projector was not loaded (vision only)");
    return m_projector->forward(features.to(m_compute.device, m_compute.dtype));
}

std::string MultimodalModel::promptText(const std::string &userMessage) const
{
    std::string message = userMessage;
    if (message.find(m_imageMarker) == std::string::npos)
        message = kind() == ModelKind::Shikra ? message + " " + m_imageMarker : m_imageMarker + "\n" + message;
    return m_template.singleTurn(message);
}

std::vector<int64_t> MultimodalModel::promptIds(const std::string &promptText) const
{
    return promptIds(promptText, m_imageTokens);
}

std::vector<int64_t> MultimodalModel::promptIds(const std::string &promptText, int64_t visualTokens) const
{
    switch (kind()) {
    case ModelKind::LlavaOriginal:
        return m_tokenizer->encodeWithPlaceholder(promptText, m_imageMarker, m_placeholderId);
    case ModelKind::LlavaHf: {
        // The text around the image is encoded chunk by chunk as in the original layout (the llava-hf reference
        // ids have the same dummy prefix after the image), then the image expands to N image ids.
        std::vector<int64_t> ids;
        for (int64_t id : m_tokenizer->encodeWithPlaceholder(promptText, m_imageMarker, -200)) {
            if (id == -200)
                ids.insert(ids.end(), static_cast<std::size_t>(visualTokens), m_placeholderId);
            else
                ids.push_back(id);
        }
        return ids;
    }
    default:
        return m_tokenizer->encode(
            replaceAll(promptText, m_imageMarker, "<im_start>" + repeated("<im_patch>", visualTokens) + "<im_end>"));
    }
}

at::Tensor MultimodalModel::promptEmbeddings(const std::vector<int64_t> &ids, const at::Tensor &features) const
{
    at::Tensor projected;
    if (features.defined())
        projected = projectFeatures(features.dim() == 3 ? features.squeeze(0) : features);
    return promptEmbeddingsFromTokens(ids, projected);
}

at::Tensor MultimodalModel::promptEmbeddingsFromTokens(const std::vector<int64_t> &ids,
                                                       const at::Tensor &visualTokens) const
{
    const auto options = at::TensorOptions().dtype(at::kLong);
    std::vector<int64_t> placeholderPositions;
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (ids[i] == m_placeholderId)
            placeholderPositions.push_back(static_cast<int64_t>(i));
    if (placeholderPositions.empty()) {
        if (visualTokens.defined())
            throw ModelError("the prompt has no place for visual tokens (no " + m_imageMarker + " in it)");
        return llm().embed(at::tensor(ids, options).unsqueeze(0)).squeeze(0);
    }
    if (!visualTokens.defined())
        throw ModelError("the prompt has a place for visual tokens but no image or features were given");
    const at::Tensor projected = visualTokens.dim() == 3 ? visualTokens.squeeze(0) : visualTokens;

    if (kind() == ModelKind::LlavaOriginal) {
        // One −200 per image: the N visual tokens replace it (LLaVA's prepare_inputs_labels_for_multimodal).
        if (placeholderPositions.size() != 1)
            throw ModelError("LLaVA prompts take one image; this one has " +
                             std::to_string(placeholderPositions.size()) + " <image> markers");
        const auto at = placeholderPositions.front();
        std::vector<at::Tensor> parts;
        if (at > 0)
            parts.push_back(
                llm()
                    .embed(at::tensor(std::vector<int64_t>(ids.begin(), ids.begin() + at), options).unsqueeze(0))
                    .squeeze(0));
        parts.push_back(projected.to(llm().dtype()));
        if (at + 1 < static_cast<int64_t>(ids.size()))
            parts.push_back(
                llm()
                    .embed(at::tensor(std::vector<int64_t>(ids.begin() + at + 1, ids.end()), options).unsqueeze(0))
                    .squeeze(0));
        return at::cat(parts, 0);
    }
    // llava-hf and Shikra: one placeholder id per visual token, replaced in order.
    if (static_cast<int64_t>(placeholderPositions.size()) != projected.size(0))
        throw ModelError("the prompt holds " + std::to_string(placeholderPositions.size()) +
                         " visual token places but " + std::to_string(projected.size(0)) + " features were given");
    at::Tensor embeds = llm().embed(at::tensor(ids, options).unsqueeze(0)).squeeze(0).clone();
    const at::Tensor index = at::tensor(placeholderPositions, options).to(embeds.device());
    embeds.index_copy_(0, index, projected.to(embeds.scalar_type()));
    return embeds;
}

GenerationResult MultimodalModel::generateFromTokens(const std::vector<std::string> &promptTexts,
                                                     const std::vector<at::Tensor> &visualTokens,
                                                     const GenerationOptions &options) const
{
    if (visualTokens.size() != promptTexts.size())
        throw Error("generate: " + std::to_string(promptTexts.size()) + " prompts but " +
                    std::to_string(visualTokens.size()) + " visual token tensors");
    std::vector<at::Tensor> embeds;
    for (std::size_t i = 0; i < promptTexts.size(); ++i) {
        const int64_t count = visualTokens[i].size(visualTokens[i].dim() - 2);
        embeds.push_back(promptEmbeddingsFromTokens(promptIds(promptTexts[i], count), visualTokens[i]));
    }
    return Generator(*m_llm, m_tokenizer.get()).generate(embeds, options);
}

} // namespace vindex::models
