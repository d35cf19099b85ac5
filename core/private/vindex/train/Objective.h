#pragma once
// The regression losses of UMBRAE's train.py (--recon_loss): mse (F.mse_loss), l1 (F.l1_loss), huber
// (F.smooth_l1_loss, β = 1) — all means over every element — and quantile: the 0.9-quantile of |x − y| over all
// elements with torch.quantile's linear interpolation (rank q·(n − 1) computed in the tensor's dtype, as torch does).
// The quantile is computed with kthvalue, so it is differentiable like torch's and has no input-size limit (torch
// refuses more than 2^24 elements, i.e. UMBRAE's batch of 128 × 256 × 1024).
#include <ATen/core/Tensor.h>

#include <string>

namespace vindex::train {

enum class LossKind { Mse, L1, SmoothL1, Quantile };

class Objective {
public:
    explicit Objective(LossKind kind = LossKind::Mse, double quantile = 0.9) : m_kind(kind), m_quantile(quantile) {}

    // "mse", "l1", "huber" (also "smooth_l1"), "quantile"; throws Error listing them.
    static LossKind parse(const std::string &name);
    static const char *name(LossKind kind); // UMBRAE's spelling: "mse", "l1", "huber", "quantile"

    // prediction and target of equal shape → a 0-dim loss tensor (differentiable in prediction).
    at::Tensor operator()(const at::Tensor &prediction, const at::Tensor &target) const;

    LossKind kind() const { return m_kind; }
    double quantile() const { return m_quantile; }

private:
    LossKind m_kind;
    double m_quantile;
};

} // namespace vindex::train
