#include "vindex/models/ModelRegistry.h"

#include "vindex/core/Error.h"
#include "vindex/io/JsonFile.h"
#include "vindex/io/SafetensorsFile.h"
#include "vindex/io/ShardedCheckpoint.h"
#include "vindex/io/TorchCheckpoint.h"
#include "vindex/models/AnyResolutionTiling.h"
#include "vindex/models/ShikraConfig.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace vindex::models {

const char *modelKindName(ModelKind kind)
{
    switch (kind) {
    case ModelKind::ClipVision: return "clip-vision";
    case ModelKind::ClipFull: return "clip";
    case ModelKind::Dinov2: return "dinov2";
    case ModelKind::SiglipVision: return "siglip-vision";
    case ModelKind::Llama: return "llama";
    case ModelKind::LlavaOriginal: return "llava-original";
    case ModelKind::LlavaHf: return "llava-hf";
    case ModelKind::Shikra: return "shikra";
    case ModelKind::BrainXS: return "brainxs";
    case ModelKind::BrainX: return "brainx";
    }
    return "unknown";
}

namespace {

constexpr const char *kSupportedTypes =
    "clip_vision_model, clip, dinov2, siglip_vision_model, siglip, llama, llava / llava_llama (original layout, "
    "with mm_vision_tower; LLaVA-NeXT with image_aspect_ratio anyres), llava / llava_next (llava-hf, with "
    "vision_config and text_config), shikra";

nlohmann::json readConfig(const fs::path &file)
{
    auto config = io::readJsonFile(file.string());
    if (!config.is_object())
        throw ModelError(file.string() + ": is not a JSON object");
    return config;
}

std::string stringField(const nlohmann::json &config, const char *key)
{
    const auto it = config.find(key);
    return it != config.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void requireFields(const nlohmann::json &config, const fs::path &file, std::initializer_list<const char *> keys)
{
    for (const char *key : keys)
        if (!config.contains(key))
            throw ModelError(file.string() + ": field '" + key + "' is missing");
}

ModelDescription identifyBrainCheckpoint(const std::string &path)
{
    std::vector<std::string> names;
    if (path.size() >= 12 && path.compare(path.size() - 12, 12, ".safetensors") == 0) {
        names = io::SafetensorsFile::open(path).names();
    } else {
        const auto checkpoint = io::TorchCheckpoint::load(path);
        const bool training = checkpoint.root().find("model_state_dict") != nullptr;
        for (const auto &[name, t] : checkpoint.stateDict(training ? "model_state_dict" : ""))
            names.push_back(name);
    }
    ModelDescription d{ModelKind::BrainXS, "", path, path, nlohmann::json::object(), "", {}};
    bool hasLin1 = false, perSubject = false;
    for (const auto &n : names) {
        hasLin1 = hasLin1 || n == "lin1.weight";
        perSubject = perSubject || n.rfind("lin1.fmri", 0) == 0;
    }
    if (hasLin1) {
        d.kind = ModelKind::BrainXS;
        d.displayName = "UMBRAE BrainXS (single-subject brain encoder)";
    } else if (perSubject) {
        d.kind = ModelKind::BrainX;
        d.displayName = "UMBRAE BrainX (cross-subject brain encoder)";
    } else {
        throw ModelError(path +
                         ": not a brain encoder checkpoint: expected 'lin1.weight' (BrainXS) or "
                         "'lin1.fmri<S>.*' (BrainX) among its " +
                         std::to_string(names.size()) + " tensors");
    }
    return d;
}

} // namespace

std::string ModelRegistry::resolveModelPath(const std::string &reference, const std::string &relativeTo)
{
    if (reference.empty())
        return {};
    const fs::path ref(reference);
    if (ref.is_absolute())
        return fs::exists(ref) ? ref.lexically_normal().string() : std::string();
    if (!relativeTo.empty() && fs::exists(fs::path(relativeTo) / ref))
        return (fs::path(relativeTo) / ref).lexically_normal().string();
    // A hub name "org/name": local model stores and Hugging Face caches, never the network.
    std::vector<fs::path> roots;
    if (const char *models = std::getenv("VINDEX_MODELS"))
        roots.emplace_back(models);
    if (const char *hub = std::getenv("HF_HUB_CACHE"))
        roots.emplace_back(hub);
    if (const char *home = std::getenv("HF_HOME"))
        roots.emplace_back(fs::path(home) / "hub");
    if (const char *home = std::getenv("HOME"))
        roots.emplace_back(fs::path(home) / ".cache" / "huggingface" / "hub");
    std::string cacheName = "models--" + reference;
    for (std::size_t i = 0; (i = cacheName.find('/', i)) != std::string::npos;)
        cacheName.replace(i, 1, "--");
    for (const auto &root : roots) {
        std::error_code ec;
        if (fs::is_directory(root / ref, ec))
            return (root / ref).string();
        const fs::path snapshots = root / cacheName / "snapshots";
        if (!fs::is_directory(snapshots, ec))
            continue;
        // refs/main names the snapshot the cache considers current; otherwise take any complete one.
        std::ifstream refFile(root / cacheName / "refs" / "main");
        std::string revision;
        if (refFile >> revision && fs::is_directory(snapshots / revision, ec))
            return (snapshots / revision).string();
        for (const auto &entry : fs::directory_iterator(snapshots, ec))
            if (fs::exists(entry.path() / "config.json", ec))
                return entry.path().string();
    }
    return {};
}

ModelDescription ModelRegistry::identify(const std::string &path)
{
    if (!fs::exists(path))
        throw ModelError(path + ": no such file or folder");
    if (!fs::is_directory(path))
        return identifyBrainCheckpoint(path);

    const fs::path folder(path);
    const fs::path configFile = folder / "config.json";
    if (!fs::exists(configFile))
        throw ModelError(path + ": folder has no config.json, so the model cannot be identified");
    ModelDescription d{ModelKind::Llama, "", path, path, readConfig(configFile), "", {}};
    const auto &config = d.config;
    const std::string type = stringField(config, "model_type");
    const bool multimodal =
        config.contains("mm_vision_tower") || config.contains("mm_projector_type") || config.contains("mm_hidden_size");

    if (type == "clip_vision_model") {
        d.kind = ModelKind::ClipVision;
        d.displayName = "CLIP vision tower";
    } else if (type == "clip") {
        requireFields(config, configFile, {"vision_config", "text_config"});
        d.kind = ModelKind::ClipFull;
        d.displayName = "CLIP (text and vision)";
    } else if (type == "dinov2") {
        d.kind = ModelKind::Dinov2;
        d.displayName = "DINOv2 vision tower";
    } else if (type == "siglip_vision_model" || type == "siglip") {
        d.kind = ModelKind::SiglipVision;
        d.displayName = "SigLIP vision tower";
    } else if (isShikraConfig(config)) {
        d.kind = ModelKind::Shikra;
        d.displayName = "Shikra (grounding MLLM)";
    } else if ((type == "llava" || type == "llava_llama" || type == "llama") && multimodal) {
        d.kind = ModelKind::LlavaOriginal;
        d.displayName =
            AnyResolutionTiling::wanted(config) ? "LLaVA-NeXT (original layout)" : "LLaVA-1.5 (original layout)";
    } else if (type == "llava" || type == "llava_next") {
        requireFields(config, configFile, {"vision_config", "text_config"});
        d.kind = ModelKind::LlavaHf;
        d.displayName = type == "llava_next" ? "LLaVA-NeXT (llava-hf layout)" : "LLaVA-1.5 (llava-hf layout)";
    } else if (type == "llama") {
        d.kind = ModelKind::Llama;
        d.displayName = "LLaMA decoder";
    } else if (type.empty()) {
        throw ModelError(configFile.string() + ": field 'model_type' is missing");
    } else {
        throw ModelError(configFile.string() + ": model_type '" + type +
                         "' is not supported (supported: " + kSupportedTypes + ")");
    }

    if (d.kind == ModelKind::LlavaOriginal || d.kind == ModelKind::Shikra) {
        requireFields(config, configFile, {"mm_vision_tower", "hidden_size", "mm_hidden_size"});
        const std::string tower = stringField(config, "mm_vision_tower");
        d.visionTowerPath = resolveModelPath(tower, path);
        if (d.visionTowerPath.empty())
            d.notes.push_back("vision tower '" + tower + "' was not found (as a path relative to " + path +
                              ", under $VINDEX_MODELS, or in a Hugging Face cache); image input is unavailable, "
                              "brain features still work");
    }
    // The weights must be there in a form we read; ShardedCheckpoint says what is missing.
    io::ShardedCheckpoint::open(path);
    return d;
}

} // namespace vindex::models
