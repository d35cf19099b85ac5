#include "vindex/spaces/SingleEncoderSpace.h"

#include "vindex/models/MultimodalModel.h"

namespace vindex::spaces {

SingleEncoderSpace::SingleEncoderSpace(const models::MultimodalModel &model, SpaceKind kind) : FeatureSpace(model, kind)
{
    m_featureTokens = model.imageTokenCount(); // 0 when no tower was found: any count of brain features fits
    m_featureWidth = model.featureWidth();
    m_visualTokens = m_featureTokens;
}

at::Tensor SingleEncoderSpace::imageFeatures(const at::Tensor &pixelValues) const
{
    return m_model.visionFeatures(pixelValues);
}

at::Tensor SingleEncoderSpace::tokensFromFeatures(const at::Tensor &features) const
{
    return m_model.projectFeatures(features);
}

} // namespace vindex::spaces
