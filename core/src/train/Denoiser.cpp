#include "vindex/train/Denoiser.h"

#include "vindex/core/Error.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <cmath>

namespace vindex::train {

Denoiser::Denoiser(const DenoiserOptions &options) : m_options(options)
{
    const DenoiserOptions &o = options;
    if (o.featureWidth <= 0 || o.width <= 0 || o.steps <= 0 || o.timeEmbedding <= 0 || o.timeEmbedding % 2 != 0)
        throw Error("denoiser: widths and steps must be positive and the time embedding even");
    if (!(o.betaStart > 0 && o.betaEnd >= o.betaStart && o.betaEnd < 1))
        throw Error("denoiser: the noise schedule needs 0 < beta_start <= beta_end < 1");
    const at::Tensor betas = at::linspace(o.betaStart, o.betaEnd, o.steps, at::kDouble);
    m_alphasCumprod = at::cumprod(1.0 - betas, 0);
}

Denoiser Denoiser::create(const DenoiserOptions &options)
{
    at::NoGradGuard noGrad;
    Denoiser d(options);
    const int64_t in = 2 * options.featureWidth + options.timeEmbedding;
    const double inBound = 1.0 / std::sqrt(static_cast<double>(in));
    const double outBound = 1.0 / std::sqrt(static_cast<double>(options.width));
    d.m_inWeight = at::empty({options.width, in}).uniform_(-inBound, inBound);
    d.m_inBias = at::empty({options.width}).uniform_(-inBound, inBound);
    d.m_outWeight = at::empty({options.featureWidth, options.width}).uniform_(-outBound, outBound);
    d.m_outBias = at::empty({options.featureWidth}).uniform_(-outBound, outBound);
    return d;
}

Denoiser Denoiser::fromTensors(const DenoiserOptions &options, const std::map<std::string, at::Tensor> &tensors)
{
    Denoiser d(options);
    const int64_t in = 2 * options.featureWidth + options.timeEmbedding;
    const auto take = [&](const std::string &name, std::vector<int64_t> shape) {
        const auto it = tensors.find(name);
        if (it == tensors.end())
            throw ModelError("denoiser: tensor '" + name + "' is missing");
        if (!it->second.sizes().equals(shape))
            throw ModelError("denoiser: tensor '" + name + "' does not have the shape its options give");
        return it->second.to(at::kFloat).clone();
    };
    d.m_inWeight = take("denoiser.0.weight", {options.width, in});
    d.m_inBias = take("denoiser.0.bias", {options.width});
    d.m_outWeight = take("denoiser.2.weight", {options.featureWidth, options.width});
    d.m_outBias = take("denoiser.2.bias", {options.featureWidth});
    return d;
}

void Denoiser::to(const at::Device &device)
{
    at::NoGradGuard noGrad;
    for (at::Tensor *t : {&m_inWeight, &m_inBias, &m_outWeight, &m_outBias})
        *t = t->to(device);
}

models::ParameterList Denoiser::parameters()
{
    return {{"denoiser.0.weight", &m_inWeight},
            {"denoiser.0.bias", &m_inBias},
            {"denoiser.2.weight", &m_outWeight},
            {"denoiser.2.bias", &m_outBias}};
}

void Denoiser::makeTrainable()
{
    for (const models::ParameterRef &p : parameters())
        *p.tensor = p.tensor->detach().clone(at::MemoryFormat::Contiguous).requires_grad_(true);
}

at::Tensor Denoiser::timeEmbedding(const at::Tensor &t) const
{
    const int64_t half = m_options.timeEmbedding / 2;
    const at::Tensor frequencies =
        at::exp(at::arange(half, at::kDouble) * (-std::log(10000.0) / static_cast<double>(half)));
    const at::Tensor angles = t.to(at::kDouble).unsqueeze(1) * frequencies.unsqueeze(0);
    return at::cat({at::sin(angles), at::cos(angles)}, 1).to(m_inWeight.scalar_type());
}

at::Tensor Denoiser::predictNoise(const at::Tensor &noisy, const at::Tensor &condition, const at::Tensor &t) const
{
    const at::Tensor time = timeEmbedding(t)
                                .to(noisy.device())
                                .unsqueeze(1)
                                .expand({noisy.size(0), noisy.size(1), m_options.timeEmbedding});
    const at::Tensor x = at::cat({noisy, condition, time}, -1);
    return at::linear(at::gelu(at::linear(x, m_inWeight, m_inBias)), m_outWeight, m_outBias);
}

at::Tensor Denoiser::loss(const at::Tensor &target, const at::Tensor &brain, int64_t wholeSize, int64_t offset) const
{
    const int64_t batch = target.size(0);
    const int64_t drawn = wholeSize > 0 ? wholeSize : batch;
    if (offset < 0 || offset + batch > drawn)
        throw Error("denoiser: rows " + std::to_string(offset) + ".." + std::to_string(offset + batch) +
                    " are outside a batch of " + std::to_string(drawn));
    std::vector<int64_t> shape = target.sizes().vec();
    shape[0] = drawn;
    at::Tensor t = at::randint(m_options.steps, {drawn}, at::TensorOptions().dtype(at::kLong));
    at::Tensor noise = at::randn(shape, target.options().requires_grad(false));
    if (drawn != batch) {
        t = t.narrow(0, offset, batch);
        noise = noise.narrow(0, offset, batch);
    }
    const at::Tensor alpha = m_alphasCumprod.index_select(0, t).to(target.scalar_type()).to(target.device());
    const at::Tensor a = alpha.sqrt().view({batch, 1, 1}), s = (1.0 - alpha).sqrt().view({batch, 1, 1});
    const at::Tensor noisy = a * target + s * noise;
    return at::mse_loss(predictNoise(noisy, brain, t), noise);
}

} // namespace vindex::train
