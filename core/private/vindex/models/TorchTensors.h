#pragma once
// Conversion between the readers' HostTensor and ATen tensors.
#include "vindex/io/HostTensor.h"

#include <ATen/core/Tensor.h>

namespace vindex::models {

// A CPU tensor over the same memory (no copy; it keeps the HostTensor's buffer alive), in the stored dtype.
at::Tensor toTorch(const io::HostTensor &tensor);
// A contiguous host copy of any tensor (moved to the CPU when needed).
io::HostTensor fromTorch(const at::Tensor &tensor);

} // namespace vindex::models
