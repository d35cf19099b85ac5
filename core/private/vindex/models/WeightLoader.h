#pragma once
// Hands a model its weights by name from a checkpoint (single file, sharded folder or index), checking each shape
// and converting to the compute dtype/device. Errors name the checkpoint and the tensor. CPU fp32 weights stay
// memory-mapped (read-only: never modify them in place).
#include "vindex/models/Compute.h"

#include <ATen/core/Tensor.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vindex::io {
class ShardedCheckpoint;
class HostTensor;
} // namespace vindex::io

namespace vindex::models {

class WeightLoader {
public:
    // path: anything ShardedCheckpoint::open accepts.
    WeightLoader(const std::string &path, Compute compute);
    // Over tensors already in memory (tests, converted checkpoints); sourceName is used in errors.
    WeightLoader(std::map<std::string, io::HostTensor> tensors, std::string sourceName, Compute compute);
    ~WeightLoader();
    WeightLoader(WeightLoader &&) noexcept;

    // A view whose names are prefixed: scoped("model.").get("norm.weight") reads "model.norm.weight".
    WeightLoader scoped(const std::string &prefix) const;

    bool has(const std::string &name) const;
    // Throws ModelError "<source>: tensor '<name>' is missing" / "... has shape [a, b], expected [c, d]".
    // An expected extent of -1 matches any size.
    at::Tensor get(const std::string &name, const std::vector<int64_t> &expectedShape) const;
    at::Tensor get(const std::string &name) const; // any shape
    std::optional<at::Tensor> getOptional(const std::string &name, const std::vector<int64_t> &expectedShape) const;
    // The stored shape, without loading or converting; throws ModelError when missing.
    std::vector<int64_t> shapeOf(const std::string &name) const;
    // All names under this view's prefix (with the prefix removed).
    std::vector<std::string> names() const;

    const Compute &compute() const { return m_compute; }
    const std::string &source() const;

private:
    struct Source;
    WeightLoader(std::shared_ptr<const Source> source, std::string prefix, Compute compute);
    io::HostTensor hostTensor(const std::string &fullName) const;

    std::shared_ptr<const Source> m_source;
    std::string m_prefix;
    Compute m_compute;
};

} // namespace vindex::models
