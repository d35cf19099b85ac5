#pragma once
// New, untrained brain encoders with PyTorch's default initialisation, drawn in the order UMBRAE's modules are
// constructed (so that, with the same seed, ATen's generator — the one Python's torch uses — gives the same values):
// nn.Linear weight and bias U(−1/√fan_in, 1/√fan_in) (kaiming_uniform with a = √5), LayerNorm 1 and 0, the
// resampler's latents and media_pos_emb N(0, 1).
#include "vindex/models/BrainEncoder.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>

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
    // UMBRAE's BrainX over the given subjects (subject → voxels; architecture.voxels is not used): model.py builds
    // lin1.fmri{s} then lin2.fmri{s} subject by subject, ascending, then the perceiver — drawn in that order.
    static std::unique_ptr<models::BrainEncoder> brainX(const EncoderArchitecture &architecture,
                                                        const std::map<int, int64_t> &voxelsPerSubject,
                                                        const models::Compute &compute = {});
    // UMBRAE's BrainXC (train_adaptation.py): a new BrainXS tokenizer for architecture.voxels, drawn as brainXS()
    // draws it, and the perceiver of `source` (a BrainX or BrainXS checkpoint; load_state_dict(strict = False)
    // takes only its perceiver.* tensors). hidden, latents, output width and depth come from the source. Throws
    // ModelError naming the file when it holds no perceiver.
    static std::unique_ptr<models::BrainEncoder> adaptation(EncoderArchitecture architecture, const std::string &source,
                                                            const models::Compute &compute = {});
};

} // namespace vindex::train
