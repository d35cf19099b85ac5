#pragma once
// torch.nn.utils.clip_grad_norm_ (L2): total = ‖(‖g_i‖)_i‖, every gradient multiplied by
// min(max_norm / (total + 1e-6), 1) — always, as torch does. Returns the total norm before clipping.
#include <ATen/core/Tensor.h>

#include <vector>

namespace vindex::train {

double clipGradNorm(const std::vector<at::Tensor> &parameters, double maxNorm);

} // namespace vindex::train
