#include "vindex/models/Projector.h"

#include "vindex/core/Error.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>

namespace vindex::models {

Projector::Type Projector::typeFromName(const std::string &name)
{
    if (name == "mlp2x_gelu")
        return Type::Mlp2xGelu;
    if (name == "linear")
        return Type::Linear;
    throw ModelError("mm_projector_type '" + name + "' is not supported (supported: mlp2x_gelu, linear)");
}

Projector Projector::load(const WeightLoader &weights, Type type, int64_t inputWidth, int64_t outputWidth)
{
    Projector p;
    p.m_type = type;
    if (type == Type::Linear) {
        p.m_weight1 = weights.get("weight", {outputWidth, inputWidth});
        p.m_bias1 = weights.get("bias", {outputWidth});
        return p;
    }
    const bool hfNames = weights.has("linear_1.weight");
    const std::string first = hfNames ? "linear_1." : "0.", second = hfNames ? "linear_2." : "2.";
    p.m_weight1 = weights.get(first + "weight", {outputWidth, inputWidth});
    p.m_bias1 = weights.get(first + "bias", {outputWidth});
    p.m_weight2 = weights.get(second + "weight", {outputWidth, outputWidth});
    p.m_bias2 = weights.get(second + "bias", {outputWidth});
    return p;
}

at::Tensor Projector::forward(const at::Tensor &features) const
{
    at::Tensor x = at::linear(features.to(m_weight1.scalar_type()), m_weight1, m_bias1);
    if (m_type == Type::Mlp2xGelu)
        x = at::linear(at::gelu(x), m_weight2, m_bias2); // nn.GELU(): exact erf form
    return x;
}

} // namespace vindex::models
