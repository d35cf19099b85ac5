#pragma once
// The VINDEX alignment objective's denoiser J: L = L_R + β·L_D with L_D = E_{t,ε} ‖J(v_t; b, t) − ε‖², where
// v_t = √ᾱ_t·v + √(1 − ᾱ_t)·ε is the target feature v noised at step t of a DDPM schedule and b the brain-predicted
// feature (gradients reach the encoder through b). The paper does not give J, β or the schedule in text; these are
// our documented defaults, recorded in every checkpoint: a linear β_t schedule from 1e-4 to 0.02 over 1000 steps,
// and per token a two-layer MLP Sequential(Linear(2·C + E → width), GELU, Linear(width → C)) over
// concat(v_t, b, sinusoidal embedding of t with E = 128), width 1024. Only the encoder is used at inference.
#include "vindex/models/ParameterList.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <map>
#include <string>

namespace vindex::train {

struct DenoiserOptions {
    int64_t featureWidth = 1024; // C: the target's width
    int64_t width = 1024;        // the MLP's hidden width
    int64_t timeEmbedding = 128; // E (even)
    int64_t steps = 1000;        // diffusion steps
    double betaStart = 1e-4, betaEnd = 0.02;
};

class Denoiser {
public:
    // New weights with nn.Linear's default initialisation, drawn from ATen's default generator.
    static Denoiser create(const DenoiserOptions &options);
    // From tensors named as parameters() names them; throws ModelError naming a missing or misshapen one.
    static Denoiser fromTensors(const DenoiserOptions &options, const std::map<std::string, at::Tensor> &tensors);

    // "denoiser.0.weight", "denoiser.0.bias", "denoiser.2.weight", "denoiser.2.bias".
    models::ParameterList parameters();
    void makeTrainable();
    // Moves the weights to device (the encoder's: a fresh denoiser is made on the CPU).
    void to(const at::Device &device);

    // ᾱ_t for t = 0..steps−1 (float64, as cumulative products of 1 − β_t).
    const at::Tensor &alphasCumprod() const { return m_alphasCumprod; }
    // t [B] (integers) → [B, E]: sin(t·f_i) for the first half, cos(t·f_i) for the second, f_i = 10000^(−i/(E/2)).
    at::Tensor timeEmbedding(const at::Tensor &t) const;
    // J(v_t; b, t): noisy [B, T, C], condition [B, T, C], t [B] → predicted noise [B, T, C].
    at::Tensor predictNoise(const at::Tensor &noisy, const at::Tensor &condition, const at::Tensor &t) const;
    // L_D for one batch: t ~ U{0, …, steps−1} per sample and ε ~ N(0, 1) from ATen's default generator.
    // A data-parallel shard (rows [offset, offset + B) of a batch of wholeSize > 0 rows) draws t and ε for the
    // whole batch and takes its rows: the same numbers one process draws, and every rank's generator in step.
    at::Tensor loss(const at::Tensor &target, const at::Tensor &brain, int64_t wholeSize = 0, int64_t offset = 0) const;

    const DenoiserOptions &options() const { return m_options; }

private:
    explicit Denoiser(const DenoiserOptions &options);

    DenoiserOptions m_options;
    at::Tensor m_inWeight, m_inBias, m_outWeight, m_outBias;
    at::Tensor m_alphasCumprod;
};

} // namespace vindex::train
