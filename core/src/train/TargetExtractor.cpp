#include "vindex/train/TargetExtractor.h"

#include "vindex/core/Error.h"
#include "vindex/io/WeightFingerprint.h"
#include "vindex/models/ImagePreprocessor.h"
#include "vindex/models/ModelRegistry.h"
#include "vindex/models/MultimodalModel.h"
#include "vindex/models/VisionTower.h"
#include "vindex/spaces/FeatureSpace.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <filesystem>

namespace vindex::train {

struct TargetExtractor::Impl {
    std::unique_ptr<models::MultimodalModel> model;
    std::unique_ptr<spaces::FeatureSpace> space;
    std::unique_ptr<models::VisionTower> tower;
    std::unique_ptr<models::ImagePreprocessor> preprocessor;
    int layer = -2;
};

nlohmann::ordered_json TargetSpec::description() const
{
    if (mllm.empty() == vision.empty())
        throw Error("training targets: give either a multimodal LLM folder (--mllm) or a vision tower (--vision)");
    nlohmann::ordered_json d;
    if (!mllm.empty()) {
        const auto model = models::ModelRegistry::identify(mllm);
        d["kind"] = "mllm";
        d["space"] = spaces::spaceName(spaces::spaceFromName(space));
        d["scale"] = scale;
        d["models"] = nlohmann::ordered_json::array({io::WeightFingerprint::describeFolder(mllm, "mllm")});
        if (!model.visionTowerPath.empty())
            d["models"].push_back(io::WeightFingerprint::describeFolder(model.visionTowerPath, "vision tower"));
        d["preprocessing"] = "the MLLM's own (LLaVA: pad to square on the mean colour; Shikra: white; llava-hf: "
                             "shortest-edge resize and centre crop)";
    } else {
        d["kind"] = "vision tower";
        d["layer"] = layer;
        d["keep_cls"] = false;
        if (imageSize > 0)
            d["image_size"] = imageSize;
        d["models"] = nlohmann::ordered_json::array({io::WeightFingerprint::describeFolder(vision, "vision tower")});
        d["preprocessing"] = "the tower family's (shortest-edge bicubic resize, centre crop, mean/std), or its "
                             "preprocessor_config.json";
    }
    // Only the files' identity matters for reuse, not where the folder is today.
    for (auto &model : d["models"])
        model.erase("path");
    d["augmentation"] = "none";
    return d;
}

TargetExtractor::TargetExtractor() : m_impl(std::make_unique<Impl>()) {}
TargetExtractor::~TargetExtractor() = default;

std::unique_ptr<TargetExtractor> TargetExtractor::load(const TargetSpec &spec, const models::Compute &compute)
{
    std::unique_ptr<TargetExtractor> e(new TargetExtractor());
    if (!spec.mllm.empty()) {
        // Targets need the tower (and ME's DINO), never the language model: a 7B LLaVA would hold ~13.5 GB for nothing.
        e->m_impl->model =
            models::MultimodalModel::load(spec.mllm, compute, models::MultimodalModel::Parts::VisionOnly);
        e->m_impl->space =
            spaces::FeatureSpace::create(*e->m_impl->model, {spaces::spaceFromName(spec.space), spec.scale, {}});
    } else {
        e->m_impl->tower = models::VisionTower::load(spec.vision, compute);
        e->m_impl->preprocessor = std::make_unique<models::ImagePreprocessor>(
            models::ImagePreprocessor::forTower(*e->m_impl->tower, spec.vision, spec.imageSize));
        e->m_impl->layer = spec.layer;
    }
    return e;
}

at::Tensor TargetExtractor::features(const std::vector<io::RgbImage> &images) const
{
    at::NoGradGuard noGrad;
    std::vector<at::Tensor> pixels;
    for (const io::RgbImage &image : images)
        pixels.push_back(m_impl->model ? m_impl->model->pixelValues(image) : m_impl->preprocessor->process(image));
    const at::Tensor batch = at::cat(pixels, 0);
    const at::Tensor features = m_impl->space ? m_impl->space->imageFeatures(batch)
                                              : m_impl->tower->selectFeatures(batch, m_impl->layer, false);
    return features.to(at::kCPU, at::kFloat).contiguous();
}

} // namespace vindex::train
