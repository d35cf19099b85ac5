#include "vindex/models/VisionTower.h"

#include "models/VisionOps.h"
#include "vindex/core/Error.h"
#include "vindex/io/JsonFile.h"
#include "vindex/models/ClipVisionModel.h"
#include "vindex/models/Dinov2Model.h"
#include "vindex/models/SiglipVisionModel.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>
#include <torch/csrc/api/include/torch/version.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace vindex::models {

namespace fs = std::filesystem;

namespace {

constexpr const char *kClipMarker = "embeddings.patch_embedding.weight";               // CLIP, SigLIP
constexpr const char *kDinov2Marker = "embeddings.patch_embeddings.projection.weight"; // DINOv2

nlohmann::json readConfig(const std::string &file)
{
    if (!fs::exists(file))
        throw ModelError(file + ": cannot be read (a vision tower folder needs its config.json)");
    auto config = io::readJsonFile(file);
    if (!config.is_object())
        throw ModelError(file + ": is not a JSON object");
    return config;
}

bool endsWith(const std::string &text, const std::string &suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string stringField(const nlohmann::json &config, const char *key)
{
    const auto it = config.find(key);
    return it != config.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

VisionTower::~VisionTower() = default;

void VisionTower::readSharedConfig(const nlohmann::json &config, const WeightLoader &weights, const Options &options,
                                   const Family &family)
{
    m_family = family.name;
    m_hasClsToken = family.hasClsToken;
    m_imageMean = family.imageMean;
    m_imageStd = family.imageStd;
    m_compute = weights.compute();
    m_source = weights.source();
    m_hiddenSize = visionops::configInt(config, "hidden_size", 768);
    m_patchSize = visionops::configInt(config, "patch_size", family.defaultPatchSize);
    m_imageSize = visionops::configInt(config, "image_size", 224);
    const int configLayers = static_cast<int>(visionops::configInt(config, "num_hidden_layers", 12));
    m_numLayers = std::max(0, configLayers - options.dropLastLayers);
}

at::Tensor VisionTower::selectFeatures(const at::Tensor &pixelValues, int layer, bool keepCls) const
{
    const auto output = forward(pixelValues, true);
    const int count = static_cast<int>(output.hiddenStates.size());
    const int index = layer < 0 ? count + layer : layer;
    if (index < 0 || index >= count)
        throw ModelError(m_source + ": vision layer " + std::to_string(layer) + " is out of range (the tower has " +
                         std::to_string(count) + " hidden states: embeddings + " + std::to_string(count - 1) +
                         " blocks; valid " + std::to_string(-count) + " .. " + std::to_string(count - 1) + ")");
    const auto &features = output.hiddenStates[static_cast<size_t>(index)];
    return m_hasClsToken && !keepCls ? features.slice(1, 1) : features;
}

std::string VisionTower::detectPrefix(const WeightLoader &weights)
{
    std::string best;
    bool found = false;
    for (const auto &name : weights.names()) {
        for (const char *marker : {kClipMarker, kDinov2Marker}) {
            if (!endsWith(name, marker))
                continue;
            const auto prefix = name.substr(0, name.size() - std::string(marker).size());
            if (!prefix.empty() && prefix.back() != '.')
                continue;
            // Text towers have no patch embedding, so the shortest match is the (outermost) vision tower.
            if (!found || prefix.size() < best.size())
                best = prefix;
            found = true;
        }
    }
    if (!found)
        throw ModelError(weights.source() + ": no vision tower weights found (no tensor named '*" +
                         std::string(kClipMarker) + "' or '*" + kDinov2Marker + "')");
    return best;
}

std::unique_ptr<VisionTower> VisionTower::fromWeights(const nlohmann::json &visionConfig,
                                                      const WeightLoader &scopedWeights, const Options &options)
{
#if TORCH_VERSION_MAJOR < 2
    // LibTorch 1.13 lacks fp16 convolution and layer norm on the CPU; say so instead of failing mid-forward.
    if (scopedWeights.compute().dtype == at::kHalf && scopedWeights.compute().device.is_cpu())
        throw ModelError(scopedWeights.source() + ": f16 on the CPU is not supported by LibTorch " +
                         std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) +
                         " for vision towers; use f32 or bf16 on the CPU, or f16 on CUDA");
#endif
    std::string type = stringField(visionConfig, "model_type");
    if (type.empty()) {
        // Nested vision_config objects of older files carry no model_type: tell the families apart by weights.
        if (scopedWeights.has(kDinov2Marker))
            type = "dinov2";
        else if (scopedWeights.has("embeddings.class_embedding"))
            type = "clip_vision_model";
        else
            type = "siglip_vision_model";
    }
    if (type == "clip_vision_model")
        return std::make_unique<ClipVisionModel>(visionConfig, scopedWeights, options);
    if (type == "dinov2")
        return std::make_unique<Dinov2Model>(visionConfig, scopedWeights, options);
    if (type == "siglip_vision_model")
        return std::make_unique<SiglipVisionModel>(visionConfig, scopedWeights, options);
    throw ModelError(scopedWeights.source() + ": vision config model_type '" + type +
                     "' is not supported (supported: clip_vision_model, dinov2, siglip_vision_model)");
}

std::unique_ptr<VisionTower> VisionTower::load(const std::string &folder, const Compute &compute,
                                               const std::string &weightPrefix, const Options &options)
{
    const auto configFile = (fs::path(folder) / "config.json").string();
    const auto config = readConfig(configFile);
    const auto type = stringField(config, "model_type");
    nlohmann::json visionConfig;
    if (type == "clip_vision_model" || type == "dinov2" || type == "siglip_vision_model") {
        visionConfig = config;
    } else if (type == "clip" || type == "siglip" || type == "llava" || type == "llava_next") {
        // Whole CLIP/SigLIP models and llava-hf keep the tower's settings in vision_config.
        const auto it = config.find("vision_config");
        if (it == config.end() || !it->is_object())
            throw ModelError(configFile + ": model_type '" + type + "' needs a 'vision_config' object");
        visionConfig = *it;
        if (stringField(visionConfig, "model_type").empty() && type != "llava" && type != "llava_next")
            visionConfig["model_type"] = type + "_vision_model";
    } else {
        throw ModelError(configFile + ": field 'model_type' is '" + type +
                         "', not a vision tower (supported: clip_vision_model, clip, dinov2, "
                         "siglip_vision_model, siglip, llava with vision_config)");
    }
    WeightLoader weights(folder, compute);
    const auto prefix = weightPrefix == "auto" ? detectPrefix(weights) : weightPrefix;
    return fromWeights(visionConfig, weights.scoped(prefix), options);
}

} // namespace vindex::models
