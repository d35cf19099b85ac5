#include "vindex/train/EncoderFactory.h"

#include "vindex/core/Error.h"
#include "vindex/io/HostTensor.h"
#include "vindex/models/TorchTensors.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>

#include <cmath>
#include <map>

namespace vindex::train {
namespace {

class StateBuilder {
public:
    // nn.Linear(in, out[, bias]): reset_parameters draws the weight, then the bias.
    void linear(const std::string &name, int64_t in, int64_t out, bool bias = true)
    {
        const double bound = 1.0 / std::sqrt(static_cast<double>(in));
        add(name + ".weight", at::empty({out, in}).uniform_(-bound, bound));
        if (bias)
            add(name + ".bias", at::empty({out}).uniform_(-bound, bound));
    }
    void layerNorm(const std::string &name, int64_t width)
    {
        add(name + ".weight", at::ones({width}));
        add(name + ".bias", at::zeros({width}));
    }
    void normal(const std::string &name, at::IntArrayRef shape) { add(name, at::randn(shape)); }
    std::map<std::string, io::HostTensor> take() { return std::move(m_state); }

private:
    void add(const std::string &name, const at::Tensor &t) { m_state.emplace(name, models::fromTorch(t)); }
    std::map<std::string, io::HostTensor> m_state;
};

} // namespace

models::BrainEncoderOptions EncoderArchitecture::options() const
{
    models::BrainEncoderOptions o;
    o.heads = heads;
    o.dimHead = dimHead;
    return o;
}

std::unique_ptr<models::BrainEncoder> EncoderFactory::brainXS(const EncoderArchitecture &a,
                                                              const models::Compute &compute)
{
    for (const int64_t v : {a.voxels, a.hidden, a.latents, a.outWidth, a.depth, a.heads, a.dimHead, a.ffMult})
        if (v <= 0)
            throw Error("brain encoder: every size must be positive (voxels " + std::to_string(a.voxels) + ", hidden " +
                        std::to_string(a.hidden) + ", latents " + std::to_string(a.latents) + ", width " +
                        std::to_string(a.outWidth) + ", depth " + std::to_string(a.depth) + ", heads " +
                        std::to_string(a.heads) + " × " + std::to_string(a.dimHead) + ")");
    at::NoGradGuard noGrad;
    StateBuilder s;
    s.linear("lin1", 1, a.latents);
    s.linear("lin2", a.voxels, a.hidden);
    // Perceiver: ln_vision, llm_proj, then lucidrains' PerceiverResampler.
    s.layerNorm("perceiver.ln_vision", a.hidden);
    s.linear("perceiver.llm_proj", a.hidden, a.outWidth);
    const std::string r = "perceiver.perceiver.";
    s.normal(r + "latents", {a.latents, a.hidden});
    s.normal(r + "media_pos_emb", {1, 1, a.hidden});
    const int64_t inner = a.heads * a.dimHead;
    for (int64_t i = 0; i < a.depth; ++i) {
        const std::string attn = r + "layers." + std::to_string(i) + ".0.";
        const std::string ff = r + "layers." + std::to_string(i) + ".1.";
        s.layerNorm(attn + "norm_media", a.hidden);
        s.layerNorm(attn + "norm_latents", a.hidden);
        s.linear(attn + "to_q", a.hidden, inner, false);
        s.linear(attn + "to_kv", a.hidden, 2 * inner, false);
        s.linear(attn + "to_out", inner, a.hidden, false);
        s.layerNorm(ff + "0", a.hidden);
        s.linear(ff + "1", a.hidden, a.ffMult * a.hidden, false);
        s.linear(ff + "3", a.ffMult * a.hidden, a.hidden, false);
    }
    s.layerNorm(r + "norm", a.hidden);
    return models::BrainEncoder::load(models::WeightLoader(s.take(), "new BrainXS", compute), a.options());
}

} // namespace vindex::train
