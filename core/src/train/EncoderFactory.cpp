#include "vindex/train/EncoderFactory.h"

#include "vindex/core/Error.h"
#include "vindex/io/HostTensor.h"
#include "vindex/models/TorchTensors.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

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

namespace {

void checkSizes(const EncoderArchitecture &a, int64_t voxels)
{
    for (const int64_t v : {voxels, a.hidden, a.latents, a.outWidth, a.depth, a.heads, a.dimHead, a.ffMult})
        if (v <= 0)
            throw Error("brain encoder: every size must be positive (voxels " + std::to_string(voxels) + ", hidden " +
                        std::to_string(a.hidden) + ", latents " + std::to_string(a.latents) + ", width " +
                        std::to_string(a.outWidth) + ", depth " + std::to_string(a.depth) + ", heads " +
                        std::to_string(a.heads) + " × " + std::to_string(a.dimHead) + ")");
}

// The subject tokenizer: lin1 = Linear(1, num_latents), lin2 = Linear(voxels, h).
void tokenizer(StateBuilder &s, const std::string &lin1, const std::string &lin2, const EncoderArchitecture &a,
               int64_t voxels)
{
    s.linear(lin1, 1, a.latents);
    s.linear(lin2, voxels, a.hidden);
}

// Perceiver: ln_vision, llm_proj, then lucidrains' PerceiverResampler.
void perceiver(StateBuilder &s, const EncoderArchitecture &a)
{
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
}

} // namespace

std::unique_ptr<models::BrainEncoder> EncoderFactory::brainXS(const EncoderArchitecture &a,
                                                              const models::Compute &compute)
{
    checkSizes(a, a.voxels);
    at::NoGradGuard noGrad;
    StateBuilder s;
    tokenizer(s, "lin1", "lin2", a, a.voxels);
    perceiver(s, a);
    return models::BrainEncoder::load(models::WeightLoader(s.take(), "new BrainXS", compute), a.options());
}

std::unique_ptr<models::BrainEncoder> EncoderFactory::brainX(const EncoderArchitecture &a,
                                                             const std::map<int, int64_t> &voxelsPerSubject,
                                                             const models::Compute &compute)
{
    if (voxelsPerSubject.empty())
        throw Error("BrainX: no subjects");
    at::NoGradGuard noGrad;
    StateBuilder s;
    for (const auto &[subject, voxels] : voxelsPerSubject) {
        checkSizes(a, voxels);
        const std::string key = ".fmri" + std::to_string(subject);
        tokenizer(s, "lin1" + key, "lin2" + key, a, voxels);
    }
    perceiver(s, a);
    return models::BrainEncoder::load(models::WeightLoader(s.take(), "new BrainX", compute), a.options());
}

std::unique_ptr<models::BrainEncoder> EncoderFactory::adaptation(EncoderArchitecture a, const std::string &source,
                                                                 const models::Compute &compute)
{
    const models::WeightLoader from = models::BrainEncoder::openWeights(source, compute);
    const models::WeightLoader loaded = from.scoped("perceiver.");
    const std::vector<std::string> names = loaded.names();
    if (names.empty())
        throw ModelError(source + ": holds no perceiver (no perceiver.* tensors) to adapt from");
    // The source decides the perceiver's sizes.
    a.hidden = loaded.shapeOf("ln_vision.weight").at(0);
    a.outWidth = loaded.shapeOf("llm_proj.weight").at(0);
    a.latents = loaded.shapeOf("perceiver.latents").at(0);
    a.depth = 0;
    while (loaded.has("perceiver.layers." + std::to_string(a.depth) + ".0.to_q.weight"))
        ++a.depth;
    const int64_t inner = loaded.shapeOf("perceiver.layers.0.0.to_q.weight").at(0);
    if (a.heads <= 0 || inner % a.heads != 0)
        throw ModelError(source + ": its perceiver's attention width " + std::to_string(inner) +
                         " is not a multiple of " + std::to_string(a.heads) + " heads");
    a.dimHead = inner / a.heads;
    checkSizes(a, a.voxels);

    at::NoGradGuard noGrad;
    StateBuilder s;
    // BrainXC's constructor draws its whole model; load_state_dict then replaces the perceiver.
    tokenizer(s, "lin1", "lin2", a, a.voxels);
    perceiver(s, a);
    std::map<std::string, io::HostTensor> state = s.take();
    for (auto &[name, tensor] : state) {
        if (name.rfind("perceiver.", 0) != 0)
            continue;
        const std::string inner = name.substr(std::string("perceiver.").size());
        tensor = models::fromTorch(loaded.get(inner, tensor.shape()).to(at::kFloat).cpu().contiguous());
    }
    return models::BrainEncoder::load(models::WeightLoader(std::move(state), "BrainXC from " + source, compute),
                                      a.options());
}

} // namespace vindex::train
