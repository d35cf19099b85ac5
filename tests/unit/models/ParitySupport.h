#pragma once
// Parity helpers: reference tensors from a fixture's expected.safetensors and the max abs error against them.
#include "TestSupport.h"

#include <ATen/ATen.h>

#include <string>

namespace testsupport {

// expected.safetensors → name, as a CPU tensor in its stored dtype.
at::Tensor expectedTensor(const std::string &fixtureFolder, const std::string &name);
// Max |a - b| in float64; shapes must be equal (else +inf).
double maxAbsError(const at::Tensor &actual, const at::Tensor &expected);

} // namespace testsupport
