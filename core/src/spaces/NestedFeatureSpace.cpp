#include "vindex/spaces/NestedFeatureSpace.h"

#include "vindex/core/Error.h"
#include "vindex/models/MultimodalModel.h"

#include <ATen/ATen.h>

#include <cmath>

namespace vindex::spaces {
namespace {

int64_t exactRoot(int64_t value)
{
    const auto root = static_cast<int64_t>(std::llround(std::sqrt(static_cast<double>(value))));
    return root * root == value ? root : -1;
}

} // namespace

NestedFeatureSpace::NestedFeatureSpace(const models::MultimodalModel &model, int64_t scale)
    : FeatureSpace(model, SpaceKind::NestedFeatures)
{
    m_featureTokens = model.imageTokenCount();
    m_featureWidth = model.featureWidth();
    if (scale == 0)
        scale = model.description().config.value("matryoshka_vis_token_scale", m_featureTokens);
    const int64_t grid = exactRoot(m_featureTokens);
    const int64_t side = scale > 0 ? exactRoot(scale) : -1;
    if (grid <= 0 || side <= 0 || grid % side != 0)
        throw Error("nf scale " + std::to_string(scale) + " does not pool the " + std::to_string(m_featureTokens) +
                    "-token grid of " + model.description().path + " (use a square whose side divides " +
                    std::to_string(grid) + ", e.g. " + std::to_string(grid * grid) + " or 1)");
    m_visualTokens = scale;
}

at::Tensor NestedFeatureSpace::imageFeatures(const at::Tensor &pixelValues) const
{
    return m_model.visionFeatures(pixelValues);
}

at::Tensor NestedFeatureSpace::poolTokens(const at::Tensor &tokens, int64_t scale)
{
    const int64_t batch = tokens.size(0), count = tokens.size(1), hidden = tokens.size(2);
    const int64_t grid = exactRoot(count), side = exactRoot(scale);
    if (grid <= 0 || side <= 0 || grid % side != 0)
        throw Error("cannot pool " + std::to_string(count) + " tokens to " + std::to_string(scale));
    const int64_t kernel = grid / side;
    const at::Tensor image = tokens.reshape({batch, grid, grid, hidden}).permute({0, 3, 1, 2});
    return at::avg_pool2d(image, {kernel, kernel}, {kernel, kernel}).flatten(2).transpose(1, 2);
}

at::Tensor NestedFeatureSpace::tokensFromFeatures(const at::Tensor &features) const
{
    return poolTokens(m_model.projectFeatures(features), m_visualTokens);
}

} // namespace vindex::spaces
