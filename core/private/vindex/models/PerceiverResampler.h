#pragma once
// Flamingo's PerceiverResampler as UMBRAE uses it (lucidrains' flamingo-pytorch, one media embedding): learned
// latents attend to concat(media, latents) in each layer, then a feed-forward block; a final LayerNorm.
#include "vindex/models/ParameterList.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

namespace vindex::models {

class WeightLoader;

class PerceiverResampler {
public:
    // weights scoped at the resampler ("perceiver.perceiver."). Width, latent count, depth and feed-forward width
    // come from the stored shapes; heads × dimHead must equal to_q's rows (the split is not stored anywhere).
    // Throws ModelError naming the tensor when a shape does not fit.
    static PerceiverResampler load(const WeightLoader &weights, int64_t heads, int64_t dimHead,
                                   double layerNormEps = 1e-5);

    // media [B, N, width] → latents [B, latentCount, width]
    at::Tensor forward(const at::Tensor &media) const;

    int64_t width() const { return m_width; }
    int64_t latentCount() const { return m_latentCount; }
    int64_t depth() const { return static_cast<int64_t>(m_layers.size()); }
    int64_t heads() const { return m_heads; }
    int64_t dimHead() const { return m_dimHead; }

    // Appends the parameters as "<prefix>latents", "<prefix>layers.0.0.to_q.weight", … in torch's order.
    void appendParameters(const std::string &prefix, ParameterList &out);

private:
    struct Layer {
        at::Tensor normMediaWeight, normMediaBias, normLatentsWeight, normLatentsBias;
        at::Tensor toQ, toKv, toOut; // no biases
        at::Tensor ffNormWeight, ffNormBias, ffIn, ffOut;
    };
    at::Tensor attention(const Layer &layer, const at::Tensor &media, const at::Tensor &latents) const;

    at::Tensor m_latents, m_normWeight, m_normBias;
    at::Tensor m_mediaPosEmb; // [media, 1, width] as stored (the parameter); only media 0 is ever added
    std::vector<Layer> m_layers;
    int64_t m_width = 0, m_latentCount = 0, m_heads = 0, m_dimHead = 0;
    double m_eps = 1e-5;
};

} // namespace vindex::models
