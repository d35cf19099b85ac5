#include "vindex/spaces/NestedFeatureSpace.h"

#include "vindex/core/Error.h"
#include "vindex/models/MultimodalModel.h"

#include <ATen/ATen.h>

#include <cmath>

namespace vindex::spaces {

int64_t NestedFeatureSpace::poolKernel(int64_t tokens, int64_t scale)
{
    const auto side = static_cast<int64_t>(std::sqrt(static_cast<double>(tokens))); // int(H_W ** 0.5)
    if (tokens <= 0 || side * side != tokens)
        throw Error("nf: " + std::to_string(tokens) +
                    " visual tokens are not a square grid (M3 pools a side × side grid)");
    if (scale <= 0)
        throw Error("nf scale " + std::to_string(scale) +
                    ": expected a positive token count such as 1, 9, 36, 144 or 576");
    const auto kernel = static_cast<int64_t>(std::sqrt(static_cast<double>(tokens) / static_cast<double>(scale)));
    if (kernel == 0)
        throw Error("nf scale " + std::to_string(scale) + " cannot pool a " + std::to_string(side) + " × " +
                    std::to_string(side) + " grid: M3's kernel int(√(" + std::to_string(tokens) + " / " +
                    std::to_string(scale) + ")) is 0 (its avg_pool2d fails too); use at most " +
                    std::to_string(tokens) + " tokens");
    return kernel;
}

int64_t NestedFeatureSpace::pooledTokenCount(int64_t tokens, int64_t scale)
{
    const int64_t kernel = poolKernel(tokens, scale);
    const auto side = static_cast<int64_t>(std::sqrt(static_cast<double>(tokens)));
    return (side / kernel) * (side / kernel);
}

NestedFeatureSpace::NestedFeatureSpace(const models::MultimodalModel &model, int64_t scale)
    : FeatureSpace(model, SpaceKind::NestedFeatures)
{
    m_featureTokens = model.imageTokenCount();
    m_featureWidth = model.featureWidth();
    if (scale == 0)
        scale = model.description().config.value("matryoshka_vis_token_scale", m_featureTokens);
    if (scale <= 0)
        throw Error("nf scale " + std::to_string(scale) +
                    ": expected a positive token count such as 1, 9, 36, 144 or 576");
    m_scale = scale;
    // The tokens of the model's own grid at this scale; 0 when M3 cannot pool it (a brain encoder's grid may differ
    // and is pooled by its own size: the run checks it before the model runs).
    m_visualTokens = canPool(m_featureTokens, scale) ? pooledTokenCount(m_featureTokens, scale) : 0;
}

bool NestedFeatureSpace::canPool(int64_t tokens, int64_t scale)
{
    const auto side = static_cast<int64_t>(std::sqrt(static_cast<double>(tokens)));
    return tokens > 0 && side * side == tokens && scale > 0 &&
           static_cast<int64_t>(std::sqrt(static_cast<double>(tokens) / static_cast<double>(scale))) > 0;
}

at::Tensor NestedFeatureSpace::imageFeatures(const at::Tensor &pixelValues) const
{
    return m_model.visionFeatures(pixelValues);
}

at::Tensor NestedFeatureSpace::poolTokens(const at::Tensor &tokens, int64_t scale)
{
    const int64_t batch = tokens.size(0), count = tokens.size(1), hidden = tokens.size(2);
    const int64_t kernel = poolKernel(count, scale);
    const auto side = static_cast<int64_t>(std::sqrt(static_cast<double>(count)));
    const at::Tensor image = tokens.reshape({batch, side, side, hidden}).permute({0, 3, 1, 2});
    return at::avg_pool2d(image, {kernel, kernel}, {kernel, kernel}).flatten(2).transpose(1, 2);
}

at::Tensor NestedFeatureSpace::tokensFromFeatures(const at::Tensor &features) const
{
    return poolTokens(m_model.projectFeatures(features), m_scale);
}

} // namespace vindex::spaces
