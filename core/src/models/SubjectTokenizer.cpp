#include "vindex/models/SubjectTokenizer.h"

#include "vindex/core/Error.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>

namespace vindex::models {

SubjectTokenizer SubjectTokenizer::load(const WeightLoader &weights, const std::string &lin1Name,
                                        const std::string &lin2Name, const std::string &tokenName, double layerNormEps)
{
    SubjectTokenizer t;
    t.m_eps = layerNormEps;
    t.m_lin1Name = lin1Name;
    t.m_lin2Name = lin2Name;
    // use_norm wraps lin1 in Sequential(Linear, LayerNorm|GELU, GELU|LayerNorm, Dropout): the Linear is ".0".
    const bool sequential = weights.has(lin1Name + ".0.weight");
    const std::string linear = sequential ? lin1Name + ".0." : lin1Name + ".";
    t.m_lin1Weight = weights.get(linear + "weight", {-1, 1});
    const int64_t tokens = t.m_lin1Weight.size(0);
    t.m_lin1Bias = weights.get(linear + "bias", {tokens});
    if (sequential) {
        t.m_activationFirst = !weights.has(lin1Name + ".1.weight") && weights.has(lin1Name + ".2.weight");
        const std::string norm = lin1Name + (t.m_activationFirst ? ".2." : ".1.");
        t.m_normWeight = weights.get(norm + "weight", {tokens});
        t.m_normBias = weights.get(norm + "bias", {tokens});
    }
    t.m_lin2Weight = weights.get(lin2Name + ".weight", {-1, -1});
    t.m_lin2Bias = weights.get(lin2Name + ".bias", {t.m_lin2Weight.size(0)});
    if (!sequential)
        t.m_foldedBias = t.foldedBias();
    if (!tokenName.empty() && weights.has(tokenName)) {
        t.m_token = weights.get(tokenName, {1, -1, t.m_lin2Weight.size(0)});
        t.m_tokenName = tokenName;
    }
    return t;
}

at::Tensor SubjectTokenizer::foldedBias() const
{
    const at::Tensor rowSum = m_lin2Weight.to(at::kFloat).sum(1); // in fp32 even for fp16 weights
    return (m_lin1Bias.to(at::kFloat).unsqueeze(1) * rowSum.unsqueeze(0) + m_lin2Bias.to(at::kFloat).unsqueeze(0))
        .to(m_lin2Weight.scalar_type());
}

void SubjectTokenizer::appendParameters(Part part, ParameterList &out)
{
    m_foldedBias = at::Tensor();
    switch (part) {
    case Part::Lin1: {
        const bool sequential = usesNorm();
        const std::string linear = sequential ? m_lin1Name + ".0." : m_lin1Name + ".";
        out.push_back({linear + "weight", &m_lin1Weight});
        out.push_back({linear + "bias", &m_lin1Bias});
        if (sequential) {
            const std::string norm = m_lin1Name + (m_activationFirst ? ".2." : ".1.");
            out.push_back({norm + "weight", &m_normWeight});
            out.push_back({norm + "bias", &m_normBias});
        }
        break;
    }
    case Part::Lin2:
        out.push_back({m_lin2Name + ".weight", &m_lin2Weight});
        out.push_back({m_lin2Name + ".bias", &m_lin2Bias});
        break;
    case Part::Token:
        if (m_token.defined())
            out.push_back({m_tokenName, &m_token});
        break;
    }
}

at::Tensor SubjectTokenizer::forward(const at::Tensor &voxels) const
{
    at::Tensor x;
    if (usesNorm()) {
        x = at::linear(voxels.unsqueeze(-1), m_lin1Weight, m_lin1Bias); // [B, V, tokens]
        // The element-wise GELU and dropout run after the transpose, on a contiguous [B, tokens, V]: LibTorch 1.13's
        // CPU gelu_backward (erf form) returns wrong values when its incoming gradient is not contiguous, which is
        // what the transpose's backward would hand it.
        if (m_activationFirst)
            x = at::layer_norm(at::gelu(x), {tokenCount()}, m_normWeight, m_normBias, m_eps)
                    .transpose(1, 2)
                    .contiguous();
        else
            x = at::gelu(
                at::layer_norm(x, {tokenCount()}, m_normWeight, m_normBias, m_eps).transpose(1, 2).contiguous());
        x = at::dropout(x, 0.5, m_training);         // the identity at inference
        x = at::linear(x, m_lin2Weight, m_lin2Bias); // [B, tokens, width]
    } else {
        const at::Tensor projected = at::linear(voxels, m_lin2Weight); // [B, width]
        x = m_lin1Weight.unsqueeze(0) * projected.unsqueeze(1) + (m_foldedBias.defined() ? m_foldedBias : foldedBias());
    }
    if (m_token.defined())
        x = at::cat({x, m_token.expand({x.size(0), m_token.size(1), m_token.size(2)})}, 1);
    return x;
}

} // namespace vindex::models
