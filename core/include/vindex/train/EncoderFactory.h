#pragma once
// New, untrained brain encoders with PyTorch's default initialisation, drawn in the order UMBRAE's modules are
// constructed (so that, with the same seed, ATen's generator — the one Python's torch uses — gives the same values):
// nn.Linear weight and bias U(−1/√fan_in, 1/√fan_in) (kaiming_uniform with a = √5), LayerNorm 1 and 0, the
// resampler's latents and media_pos_emb N(0, 1).
#include "vindex/models/BrainEncoder.h"

#include <cstdint>
#include <memory>

namespace vindex::train {

struct EncoderArchitecture {
    int64_t voxels = 15724;
    int64_t hidden = 1024;   // h: tokenizer width = perceiver width
    int64_t latents = 256;   // num_latents: output tokens
    int64_t outWidth = 1024; // llm_proj output (the target's width)
    int64_t depth = 6;
    int64_t heads = 16, dimHead = 96;
    int64_t ffMult = 4;

    models::BrainEncoderOptions options() const;
};

class EncoderFactory {
public:
    // UMBRAE's BrainXS(in_dim = voxels, h = hidden, out_dim = outWidth, num_latents = latents) with the perceiver's
    // depth / heads / dim_head. Draws from ATen's default CPU generator: seed it first for a reproducible start.
    static std::unique_ptr<models::BrainEncoder> brainXS(const EncoderArchitecture &architecture,
                                                         const models::Compute &compute = {});
};

} // namespace vindex::train
