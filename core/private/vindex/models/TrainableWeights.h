#pragma once
// Training a model whose code is the production loader's: with Compute::trainable set, every WeightLoader hands out
// a private copy of each floating-point tensor that requires grad and records it here under its checkpoint name, so
// the model's forward pass builds an autograd graph back to these tensors. An optimizer steps them in place; save()
// writes each checkpoint back with the trained values (names it never handed out are copied unchanged), in the same
// layout, so the trained folder loads through the same loaders.
#include <ATen/core/Tensor.h>

#include "vindex/models/ParameterList.h"

#include <string>
#include <vector>

namespace vindex::models {

class TrainableWeights {
public:
    struct Entry {
        std::string checkpoint; // the file or folder the loader read (its ShardedCheckpoint name)
        std::string name;       // the tensor's name in it
        at::Tensor tensor;      // leaf, requires grad
    };

    // The loader's copy of a tensor it hands out: recorded once per (checkpoint, name); a second request gets the
    // same tensor.
    at::Tensor adopt(const std::string &checkpoint, const std::string &name, const at::Tensor &loaded);

    const std::vector<Entry> &entries() const { return m_entries; }
    // For the optimizer: "checkpoint-file-name/tensor-name" → the recorded tensors.
    ParameterList parameters();

    // The checkpoints the tensors came from, as their loaders named them (a file, or a folder holding one).
    std::vector<std::string> checkpoints() const;
    // Writes checkpoint `checkpoint` (one of checkpoints()) to `outFile` (.safetensors) with the trained tensors in
    // place of the stored ones; Error naming the file when it cannot be read or written, or was not loaded here.
    void save(const std::string &checkpoint, const std::string &outFile) const;

private:
    std::vector<Entry> m_entries;
};

} // namespace vindex::models
