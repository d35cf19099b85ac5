#include "vindex/spaces/MixtureOfEncodersSpace.h"

#include "vindex/core/Error.h"
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

MixtureOfEncodersSpace::MixtureOfEncodersSpace(const models::MultimodalModel &model)
    : FeatureSpace(model, SpaceKind::MixtureOfEncoders)
{
    const auto &d = model.description();
    const std::string reference = d.config.value("mm_dino_tower", std::string());
    if (reference.empty())
        throw ModelError(d.path + "/config.json: the me space needs \"mm_dino_tower\" (the DINOv2 folder MMVP pairs "
                                  "with CLIP)");
    const std::string dinoPath = models::ModelRegistry::resolveModelPath(reference, d.path);
    if (dinoPath.empty())
        throw ModelError(d.path + "/config.json: mm_dino_tower \"" + reference + "\" was not found");
    const std::string interpolation = d.config.value("mm_dino_interpolation", std::string("hub"));
    if (interpolation != "hub" && interpolation != "hf")
        throw ModelError(d.path + "/config.json: mm_dino_interpolation must be \"hub\" or \"hf\", not \"" +
                         interpolation + "\"");
    models::VisionTower::Options options;
    options.legacyInterpolation = interpolation == "hub";
    m_dino = models::VisionTower::load(dinoPath, model.compute(), "auto", options);
    if (m_dino->family() != "dinov2")
        throw ModelError(dinoPath + ": mm_dino_tower is a " + m_dino->family() + " tower, not DINOv2");

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
