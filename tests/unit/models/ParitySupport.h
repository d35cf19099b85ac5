#pragma once
// Parity helpers: reference tensors from a fixture's expected.safetensors and the max abs error against them.
#include "TestSupport.h"

#include <ATen/ATen.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace testsupport {

// expected.safetensors of a shared fixture (or a project fixture's absolute path) → name, as a CPU tensor in its
// stored dtype.
at::Tensor expectedTensor(const std::string &fixtureFolder, const std::string &name);
// A tensor of token ids (any integer dtype, any shape) as a flat list.
std::vector<int64_t> idsOf(const at::Tensor &tensor);
// Max |a - b| in float64; shapes must be equal (else +inf).
double maxAbsError(const at::Tensor &actual, const at::Tensor &expected);

// How far two float32 computations of the same value may drift apart when they may sum in different orders (other
// kernels, batch shapes, vector widths, BLAS builds): a value reached through reductions (dot products, sums, means,
// norms) of the given lengths carries at most Σ n_i · u relative error, u = 2^-24 (Higham's γ_n bound, first
// order), relative to scale — the largest magnitude involved. A worst-case bound, so it holds on any machine.
double float32Tolerance(std::initializer_list<int64_t> reductionLengths, double scale);
// The scale for float32Tolerance: max(1, max |t|).
double magnitude(const at::Tensor &t);

} // namespace testsupport
