#pragma once
// The learnable tensors of a model under their PyTorch state-dict names, in the order torch's named_parameters()
// lists them (optimizer state in a torch checkpoint is keyed by that position). Each entry points at the tensor the
// forward pass reads, so replacing or updating it in place changes what the model computes.
#include <ATen/core/Tensor.h>

#include <string>
#include <vector>

namespace vindex::models {

struct ParameterRef {
    std::string name;
    at::Tensor *tensor = nullptr;
};

using ParameterList = std::vector<ParameterRef>;

} // namespace vindex::models
