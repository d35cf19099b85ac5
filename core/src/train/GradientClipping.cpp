#include "vindex/train/GradientClipping.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

namespace vindex::train {

double clipGradNorm(const std::vector<at::Tensor> &parameters, double maxNorm)
{
    at::NoGradGuard noGrad;
    std::vector<at::Tensor> grads, norms;
    for (const at::Tensor &p : parameters)
        if (p.grad().defined()) {
            grads.push_back(p.grad());
            norms.push_back(at::linalg_vector_norm(p.grad(), 2));
        }
    if (grads.empty())
        return 0.0;
    const at::Tensor total = at::linalg_vector_norm(at::stack(norms), 2);
    // Python's float / Tensor is Tensor.__rdiv__: reciprocal() * other.
    const at::Tensor coefficient = at::clamp_max(at::reciprocal(total + 1e-6) * maxNorm, 1.0);
    for (at::Tensor &g : grads)
        g.mul_(coefficient);
    return total.item<double>();
}

} // namespace vindex::train
