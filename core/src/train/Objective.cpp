#include "vindex/train/Objective.h"

#include "vindex/core/Error.h"

#include <ATen/ATen.h>

#include <cmath>

namespace vindex::train {

LossKind Objective::parse(const std::string &name)
{
    if (name == "mse")
        return LossKind::Mse;
    if (name == "l1")
        return LossKind::L1;
    if (name == "huber" || name == "smooth_l1")
        return LossKind::SmoothL1;
    if (name == "quantile")
        return LossKind::Quantile;
    throw Error("loss '" + name + "': expected mse, l1, huber or quantile");
}

const char *Objective::name(LossKind kind)
{
    switch (kind) {
    case LossKind::Mse: return "mse";
    case LossKind::L1: return "l1";
    case LossKind::SmoothL1: return "huber";
    case LossKind::Quantile: return "quantile";
    }
    return "?";
}

at::Tensor Objective::operator()(const at::Tensor &prediction, const at::Tensor &target) const
{
    if (!prediction.sizes().equals(target.sizes()))
        throw Error("loss: prediction and target shapes differ (" + std::to_string(prediction.numel()) + " vs " +
                    std::to_string(target.numel()) + " elements)");
    switch (m_kind) {
    case LossKind::Mse: return at::mse_loss(prediction, target);
    case LossKind::L1: return at::l1_loss(prediction, target);
    case LossKind::SmoothL1: return at::smooth_l1_loss(prediction, target, at::Reduction::Mean, 1.0);
    case LossKind::Quantile: break;
    }
    const at::Tensor values = (prediction - target).abs().reshape({-1});
    const int64_t n = values.numel();
    // torch.quantile: ranks = q * (n - 1) as a tensor of the input's dtype; below = floor (as long), weight = the
    // remainder; lerp(sorted[below], sorted[above], weight).
    const at::Tensor rank = at::scalar_tensor(m_quantile, values.options().requires_grad(false)) * double(n - 1);
    const int64_t below = rank.to(at::kLong).item<int64_t>();
    const int64_t above = std::min<int64_t>(below + 1, n - 1);
    const at::Tensor weight = rank - static_cast<double>(below);
    const at::Tensor low = std::get<0>(at::kthvalue(values, below + 1));
    const at::Tensor high = std::get<0>(at::kthvalue(values, above + 1));
    return at::lerp(low, high, weight);
}

} // namespace vindex::train
