#include "vindex/spaces/FeatureSpace.h"

#include "vindex/core/Error.h"
#include "vindex/models/MultimodalModel.h"
#include "vindex/spaces/AggregatedFeatureSpace.h"
#include "vindex/spaces/MixtureOfEncodersSpace.h"
#include "vindex/spaces/NestedFeatureSpace.h"
#include "vindex/spaces/SingleEncoderSpace.h"

#include <ATen/ATen.h>

namespace vindex::spaces {

const char *spaceName(SpaceKind kind)
{
    switch (kind) {
    case SpaceKind::SingleEncoder: return "se";
    case SpaceKind::MixtureOfEncoders: return "me";
    case SpaceKind::AggregatedFeatures: return "af";
    case SpaceKind::NestedFeatures: return "nf";
    case SpaceKind::Grounding: return "shikra";
    }
    return "?";
}

SpaceKind spaceFromName(const std::string &name)
{
    for (SpaceKind kind : {SpaceKind::SingleEncoder, SpaceKind::MixtureOfEncoders, SpaceKind::AggregatedFeatures,
                           SpaceKind::NestedFeatures, SpaceKind::Grounding})
        if (name == spaceName(kind))
            return kind;
    if (name == "grounding")
        return SpaceKind::Grounding;
    throw Error("unknown feature space '" + name + "' (expected se, me, af, nf or shikra)");
}

FeatureSpace::FeatureSpace(const models::MultimodalModel &model, SpaceKind kind) : m_model(model), m_kind(kind) {}
FeatureSpace::~FeatureSpace() = default;

std::unique_ptr<FeatureSpace> FeatureSpace::create(const models::MultimodalModel &model, const SpaceOptions &options)
{
    const std::string &folder = model.description().path;
    const bool shikra = model.kind() == models::ModelKind::Shikra;
    if ((options.kind == SpaceKind::Grounding) != shikra)
        throw ModelError(folder + ": " +
                         (shikra ? std::string("a Shikra model decodes in the shikra (grounding) space, not ") +
                                       spaceName(options.kind)
                                 : std::string("the shikra (grounding) space needs a Shikra model; this is a ") +
                                       model.description().displayName));
    if (options.scale != 0 && options.kind != SpaceKind::NestedFeatures)
        throw Error("--scale applies to the nf space only (got space " + std::string(spaceName(options.kind)) + ")");
    switch (options.kind) {
    case SpaceKind::SingleEncoder:
    case SpaceKind::Grounding: return std::make_unique<SingleEncoderSpace>(model, options.kind);
    case SpaceKind::MixtureOfEncoders: return std::make_unique<MixtureOfEncodersSpace>(model, options.dinoTower);
    case SpaceKind::AggregatedFeatures: return std::make_unique<AggregatedFeatureSpace>(model);
    case SpaceKind::NestedFeatures: return std::make_unique<NestedFeatureSpace>(model, options.scale);
    }
    throw Error("unknown feature space");
}

std::string FeatureSpace::describe() const
{
    return std::string(spaceName(m_kind)) + " (" + std::to_string(m_featureTokens) + "×" +
           std::to_string(m_featureWidth) + " features → " + std::to_string(m_visualTokens) + " visual tokens)";
}

at::Tensor FeatureSpace::visualTokens(const at::Tensor &features) const
{
    const bool single = features.dim() == 2;
    const at::Tensor batched = single ? features.unsqueeze(0) : features;
    // Any number of tokens: the projector works token by token and the prompt takes as many as it is given (LLaVA
    // splices whatever it gets in place of <image>, so a 256-token clip_224 encoder feeds a 576-token LLaVA).
    if (batched.dim() != 3 || batched.size(1) < 1 || batched.size(2) != m_featureWidth) {
        std::string shape;
        for (int64_t d : features.sizes())
            shape += (shape.empty() ? "" : "×") + std::to_string(d);
        throw ModelError("features of shape " + shape + " do not fit the " + spaceName(m_kind) + " space of " +
                         m_model.description().path + ", which takes tokens × " + std::to_string(m_featureWidth) +
                         " per trial (its own tower gives " + std::to_string(m_featureTokens) + "×" +
                         std::to_string(m_featureWidth) +
                         "; was the brain encoder trained for another space or model?)");
    }
    const at::Tensor tokens = tokensFromFeatures(batched);
    return single ? tokens.squeeze(0) : tokens;
}

at::Tensor FeatureSpace::promptTokens(const at::Tensor &features, int imageWidth, int imageHeight) const
{
    if (!m_model.tilesImages())
        return visualTokens(features);
    // NeXT: each tile through the space (M3 pools every tile before the merge), then the tiles stitched.
    const at::Tensor tiles = features.dim() == 2 ? features.unsqueeze(0) : features;
    return m_model.packTiles(visualTokens(tiles), imageWidth, imageHeight);
}

} // namespace vindex::spaces
