#include "vindex/models/FeatureExtraction.h"

#include "vindex/core/Error.h"
#include "vindex/io/ImageFile.h"
#include "vindex/io/SafetensorsWriter.h"
#include "vindex/models/ImagePreprocessor.h"
#include "vindex/models/ModelRegistry.h"
#include "vindex/models/TorchTensors.h"
#include "vindex/models/VisionTower.h"

#include <ATen/ATen.h>

namespace vindex::models {

FeatureExtractionResult extractImageFeatures(const FeatureExtractionRequest &request)
{
    if (request.pad != "auto" && request.pad != "none" && request.pad != "mean" && request.pad != "white")
        throw Error("features: --pad must be auto, none, mean or white, got '" + request.pad + "'");
    const auto compute = Compute::parse(request.device, request.dtype);

    // A multimodal model folder stands for its vision tower and says how its images are padded.
    std::string towerPath = request.visionPath;
    std::string pad = request.pad;
    const auto description = ModelRegistry::identify(request.visionPath);
    if (description.kind == ModelKind::LlavaOriginal || description.kind == ModelKind::Shikra) {
        if (description.visionTowerPath.empty())
            throw ModelError(request.visionPath + ": its vision tower (mm_vision_tower) was not found");
        towerPath = description.visionTowerPath;
        if (pad == "auto") {
            const auto aspect = description.config.value("image_aspect_ratio", std::string());
            pad = description.kind == ModelKind::Shikra ? "white" : aspect == "pad" ? "mean" : "none";
        }
    } else if (description.kind != ModelKind::ClipVision && description.kind != ModelKind::ClipFull &&
               description.kind != ModelKind::Dinov2 && description.kind != ModelKind::SiglipVision &&
               description.kind != ModelKind::LlavaHf) {
        throw ModelError(request.visionPath + ": is a " + description.displayName + ", not a vision tower");
    }
    if (pad == "auto")
        pad = "none";

    const auto tower = VisionTower::load(towerPath, compute);
    auto preprocessor = ImagePreprocessor::forTower(*tower, towerPath, request.size);
    if (pad == "mean")
        preprocessor = preprocessor.withMeanPadding();
    else if (pad == "white")
        preprocessor = preprocessor.withPadding({255, 255, 255});
    const auto pixels = preprocessor.process(io::ImageFile::read(request.imagePath));
    const auto features =
        tower->selectFeatures(pixels, request.layer, request.keepCls).to(at::kCPU, at::kFloat).contiguous();

    io::SafetensorsWriter writer;
    writer.add("features", fromTorch(features));
    writer.setMetadata("vision_tower", towerPath);
    writer.setMetadata("family", tower->family());
    writer.setMetadata("layer", std::to_string(request.layer));
    writer.setMetadata("keep_cls", request.keepCls ? "true" : "false");
    writer.setMetadata("image", request.imagePath);
    writer.setMetadata("pad", pad);
    writer.setMetadata("input_size", std::to_string(pixels.size(-1)));
    writer.setMetadata("compute", compute.describe());
    writer.write(request.outputPath);

    FeatureExtractionResult result;
    result.towerPath = towerPath;
    result.family = tower->family();
    result.layer = request.layer;
    result.numLayers = tower->numLayers();
    result.pad = pad;
    result.inputSize = pixels.size(-1);
    result.tokens = features.size(1);
    result.width = features.size(2);
    result.outputPath = request.outputPath;
    result.tensorName = "features";
    return result;
}

} // namespace vindex::models
