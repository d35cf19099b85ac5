#include "vindex/spaces/MixtureOfEncodersSpace.h"

#include "vindex/core/Error.h"
#include "vindex/models/Dinov2HubCheckpoint.h"
#include "vindex/models/LlamaConfig.h"
#include "vindex/models/LlamaModel.h"
#include "vindex/models/ModelRegistry.h"
#include "vindex/models/MultimodalModel.h"
#include "vindex/models/Projector.h"
#include "vindex/models/VisionTower.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>

#include <filesystem>

namespace vindex::spaces {

namespace fs = std::filesystem;

namespace {

// The DINOv2 weights in the order MixtureOfEncodersSpace.h gives; throws ModelError naming all three places.
std::string findDinoTower(const models::ModelDescription &d, const std::string &option)
{
    const std::string configured = d.config.value("mm_dino_tower", std::string());
    if (!configured.empty()) {
        const std::string path = models::ModelRegistry::resolveModelPath(configured, d.path);
        if (path.empty())
            throw ModelError(d.path + "/config.json: mm_dino_tower \"" + configured + "\" was not found");
        return path;
    }
    if (!option.empty()) {
        std::error_code ec;
        if (!fs::exists(option, ec))
            throw ModelError("--dino " + option + ": no such file or folder");
        return option;
    }
    const std::string cached = models::Dinov2HubCheckpoint::cachedFile();
    std::error_code ec;
    if (fs::is_regular_file(cached, ec))
        return cached;
    throw ModelError(d.path +
                     ": the me space needs DINOv2 (MMVP loads torch.hub's dinov2_vitl14) and none was "
                     "found: not in config.json \"mm_dino_tower\", not given with --dino, and not in "
                     "torch.hub's cache " +
                     cached +
                     " ($TORCH_HOME/hub/checkpoints, TORCH_HOME defaulting to $XDG_CACHE_HOME/torch or "
                     "~/.cache/torch)");
}

} // namespace

MixtureOfEncodersSpace::MixtureOfEncodersSpace(const models::MultimodalModel &model, const std::string &dinoTower)
    : FeatureSpace(model, SpaceKind::MixtureOfEncoders)
{
    const auto &d = model.description();
    const std::string dinoPath = findDinoTower(d, dinoTower);
    const std::string interpolation = d.config.value("mm_dino_interpolation", std::string("hub"));
    if (interpolation != "hub" && interpolation != "hf")
        throw ModelError(d.path + "/config.json: mm_dino_interpolation must be \"hub\" or \"hf\", not \"" +
                         interpolation + "\"");
    models::VisionTower::Options options;
    options.legacyInterpolation = interpolation == "hub";
    std::error_code ec;
    m_dinoIsFolder = fs::is_directory(dinoPath, ec);
    m_dinoWeights = dinoPath;
    m_dino = m_dinoIsFolder ? models::VisionTower::load(dinoPath, model.compute(), "auto", options)
                            : models::Dinov2HubCheckpoint::load(dinoPath, model.compute(), options);
    if (m_dino->family() != "dinov2")
        throw ModelError(dinoPath + ": the DINO tower is a " + m_dino->family() + " tower, not DINOv2");

    // The projector sits in the model's weights, or in MMVP's separate adapter file.
    const std::string prefix = "model.dino_mm_projector.";
    std::unique_ptr<models::WeightLoader> weights;
    const models::WeightLoader main(d.weightsPath, model.compute());
    if (main.has(prefix + "0.weight")) {
        weights = std::make_unique<models::WeightLoader>(main.scoped(prefix));
    } else {
        for (const char *name : {"dino_mm_projector.safetensors", "dino_mm_projector.bin"}) {
            const fs::path file = fs::path(d.path) / name;
            std::error_code ec;
            if (!fs::is_regular_file(file, ec))
                continue;
            const models::WeightLoader adapter(file.string(), model.compute());
            weights = std::make_unique<models::WeightLoader>(
                adapter.scoped(adapter.has(prefix + "0.weight") ? prefix : std::string()));
            break;
        }
    }
    if (!weights)
        throw ModelError(d.path + ": no DINO projector (model.dino_mm_projector.* in the weights, or "
                                  "dino_mm_projector.safetensors / .bin in the folder)");
    m_clipWidth = model.featureWidth();
    const int64_t hidden = model.hiddenSize();
    m_dinoProjector = std::make_unique<models::Projector>(
        models::Projector::load(*weights, models::Projector::Type::Mlp2xGelu, m_dino->hiddenSize(), hidden));

    m_featureTokens = model.imageTokenCount();
    m_featureWidth = m_clipWidth + m_dino->hiddenSize();
    m_visualTokens = 2 * m_featureTokens;
}

MixtureOfEncodersSpace::~MixtureOfEncodersSpace() = default;

at::Tensor MixtureOfEncodersSpace::imageFeatures(const at::Tensor &pixelValues) const
{
    const at::Tensor clip = m_model.visionFeatures(pixelValues);
    // DINO's forward_features(x)["x_prenorm"]: the last block's output before the final norm, CLS dropped.
    const auto dino = m_dino->forward(pixelValues, true);
    const at::Tensor prenorm = dino.hiddenStates.back().slice(1, 1);
    if (prenorm.size(1) != clip.size(1))
        throw ModelError("ME: CLIP gives " + std::to_string(clip.size(1)) + " patches but DINOv2 " +
                         std::to_string(prenorm.size(1)) + " for the same pixels (patch sizes differ?)");
    return at::cat({clip, prenorm.to(clip.scalar_type())}, -1);
}

at::Tensor MixtureOfEncodersSpace::tokensFromFeatures(const at::Tensor &features) const
{
    const at::Tensor clip = m_model.projectFeatures(features.slice(-1, 0, m_clipWidth));
    const at::Tensor dino =
        m_dinoProjector->forward(features.slice(-1, m_clipWidth).to(clip.device(), clip.scalar_type()));
    // merged[0::2] = clip, merged[1::2] = dino.
    return at::stack({clip, dino}, 2).reshape({clip.size(0), 2 * clip.size(1), clip.size(2)});
}

} // namespace vindex::spaces
