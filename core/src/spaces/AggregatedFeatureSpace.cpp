#include "vindex/spaces/AggregatedFeatureSpace.h"

#include "vindex/core/Error.h"
#include "vindex/models/MultimodalModel.h"
#include "vindex/models/VisionTower.h"

#include <ATen/ATen.h>

namespace vindex::spaces {

AggregatedFeatureSpace::AggregatedFeatureSpace(const models::MultimodalModel &model)
    : FeatureSpace(model, SpaceKind::AggregatedFeatures)
{
    const auto &d = model.description();
    const std::string type = d.config.value("mm_dense_connector_type", std::string());
    if (type.empty())
        throw ModelError(d.path + "/config.json: the af space needs a Dense Connector model "
                                  "(\"mm_dense_connector_type\": \"dci\", \"sci\" or \"sti\")");
    if (type == "dci")
        m_mode = Mode::Dci;
    else if (type == "sci")
        m_mode = Mode::Sci;
    else if (type == "sti")
        m_mode = Mode::Sti;
    else
        throw ModelError(d.path + "/config.json: mm_dense_connector_type \"" + type + "\" (expected dci, sci or sti)");

    const models::VisionTower &tower = model.visionTower();
    const int64_t c = tower.hiddenSize();
    const int64_t n = model.imageTokenCount();
    const int blocks = tower.family() == "siglip" ? tower.numLayers() - 1 : tower.numLayers();
    if (m_mode != Mode::Dci && blocks < 16)
        throw ModelError(d.path + ": " + type + " reads layers 7 and 15, but the tower has " + std::to_string(blocks) +
                         " blocks");
    m_featureTokens = m_mode == Mode::Sti ? n + 2 * (n / 8) : n;
    m_featureWidth = m_mode == Mode::Sti ? c : 3 * c;
    m_visualTokens = m_featureTokens;
    if (model.featureWidth() != m_featureWidth)
        throw ModelError(d.path + "/config.json: mm_hidden_size " + std::to_string(model.featureWidth()) + " but " +
                         type + " on a " + std::to_string(c) + "-wide tower makes " + std::to_string(m_featureWidth));
}

at::Tensor AggregatedFeatureSpace::imageFeatures(const at::Tensor &pixelValues) const
{
    const models::VisionTower &tower = m_model.visionTower();
    const auto output = tower.forward(pixelValues, true);
    const bool siglip = tower.family() == "siglip";
    const int64_t first = tower.hasClsToken() ? 1 : 0;
    // The stack as Dense Connector sees it (SigLIP without its last block), CLS dropped.
    std::vector<at::Tensor> stack;
    const std::size_t count = output.hiddenStates.size() - (siglip ? 1 : 0);
    for (std::size_t i = 0; i < count; ++i)
        stack.push_back(output.hiddenStates[i].slice(1, first));
    const std::size_t n = stack.size() - 1;
    const at::Tensor final = siglip ? stack[n] : stack[n - 1];
    switch (m_mode) {
    case Mode::Dci: {
        const auto mean = [&](std::size_t begin, std::size_t end) {
            return at::stack(std::vector<at::Tensor>(stack.begin() + static_cast<std::ptrdiff_t>(begin),
                                                     stack.begin() + static_cast<std::ptrdiff_t>(end)),
                             0)
                .mean(0);
        };
        return at::cat({final, mean(0, n / 2), mean(n / 2, n)}, -1);
    }
    case Mode::Sci: return at::cat({final, stack[7], stack[15]}, -1);
    case Mode::Sti: {
        // AvgPool1d(8, 8) over tokens.
        const auto pool = [](const at::Tensor &x) {
            return at::avg_pool1d(x.transpose(1, 2), {8}, {8}).transpose(1, 2);
        };
        return at::cat({final, pool(stack[7]), pool(stack[15])}, 1);
    }
    }
    return {};
}

at::Tensor AggregatedFeatureSpace::tokensFromFeatures(const at::Tensor &features) const
{
    return m_model.projectFeatures(features);
}

} // namespace vindex::spaces
