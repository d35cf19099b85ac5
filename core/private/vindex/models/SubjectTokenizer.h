#pragma once
// The subject-specific front of UMBRAE's encoders: every voxel value becomes a vector (lin1 = Linear(1, tokens),
// optionally followed by LayerNorm and GELU in either order), then each token mixes all voxels (lin2 =
// Linear(voxels, width)); BrainX may append learned subject tokens. [B, voxels] → [B, tokens(+extra), width].
#include "vindex/models/ParameterList.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>

namespace vindex::models {

class WeightLoader;

class SubjectTokenizer {
public:
    // lin1Name / lin2Name: module names inside weights ("lin1" or "lin1.fmri1"); tokenName: an optional
    // [1, extra, width] parameter ("token.fmri1"), empty for none. Layouts: lin1 a plain Linear ("<lin1>.weight")
    // or use_norm's Sequential ("<lin1>.0.*" Linear, LayerNorm at ".1" — or at ".2" when act_first).
    static SubjectTokenizer load(const WeightLoader &weights, const std::string &lin1Name, const std::string &lin2Name,
                                 const std::string &tokenName = {}, double layerNormEps = 1e-5);

    at::Tensor forward(const at::Tensor &voxels) const;

    int64_t voxelCount() const { return m_lin2Weight.size(1); }
    int64_t tokenCount() const { return m_lin1Weight.size(0); }
    int64_t extraTokenCount() const { return m_token.defined() ? m_token.size(1) : 0; }
    int64_t width() const { return m_lin2Weight.size(0); }
    bool usesNorm() const { return m_normWeight.defined(); }

    // The parameters of one part under the names given to load(). BrainX registers every subject's lin1, then every
    // lin2, then the tokens, so the parts are asked for separately. Handing them out drops the folded-bias cache:
    // from then on forward() folds the live tensors (differentiably) on every call.
    enum class Part { Lin1, Lin2, Token };
    void appendParameters(Part part, ParameterList &out);
    // Dropout(0.5) of use_norm's Sequential is active while training (the identity otherwise).
    void setTraining(bool training) { m_training = training; }

private:
    at::Tensor foldedBias() const;

    at::Tensor m_lin1Weight, m_lin1Bias, m_lin2Weight, m_lin2Bias, m_token;
    at::Tensor m_normWeight, m_normBias;
    // Without the norm, lin2(lin1(x)ᵀ) = lin1.w ⊗ (x·lin2.wᵀ) + (lin1.b ⊗ rowsum(lin2.w) + lin2.b): this is the
    // constant term [tokens, width], so no [B, voxels, tokens] tensor is ever built.
    at::Tensor m_foldedBias;
    bool m_activationFirst = false;
    bool m_training = false;
    double m_eps = 1e-5;
    std::string m_lin1Name, m_lin2Name, m_tokenName;
};

} // namespace vindex::models
