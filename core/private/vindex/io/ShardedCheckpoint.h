#pragma once
// The weights of one model spread over one or more files: a `*.index.json` (`weight_map`: tensor name → shard
// file) over .safetensors or PyTorch .bin shards, a folder holding such an index or a single weights file, or one
// file. Shards are opened on first use and stay open (safetensors shards are memory-mapped).
#include "vindex/io/HostTensor.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace vindex::io {

class ShardedCheckpoint {
public:
    // path: an index.json, a folder (model.safetensors.index.json, pytorch_model.bin.index.json,
    // model.safetensors, pytorch_model.bin are looked for in that order), or a .safetensors/.bin/.pth file.
    static ShardedCheckpoint open(const std::string &path);

    const std::string &path() const { return m_path; }
    // Tensor names, sorted.
    std::vector<std::string> names() const;
    bool contains(const std::string &name) const { return m_shardOfName.count(name) != 0; }
    // The shard file that holds a tensor.
    const std::string &shardOf(const std::string &name) const;
    std::vector<std::string> shardFiles() const;
    // Loads the shard when needed; throws FormatError when the name is unknown or the shard lacks it.
    HostTensor tensor(const std::string &name) const;
    // The index's "metadata" (e.g. total_size), as strings; empty for a single file.
    const std::map<std::string, std::string> &metadata() const { return m_metadata; }

private:
    using TensorMap = std::map<std::string, HostTensor>;
    const TensorMap &shard(const std::string &file) const;

    std::string m_path;
    std::map<std::string, std::string> m_shardOfName;
    std::map<std::string, std::string> m_metadata;
    mutable std::map<std::string, std::shared_ptr<const TensorMap>> m_loadedShards;
};

// Reads all tensors of one weights file (.safetensors, or a torch.save zip whose root is a state dict).
std::map<std::string, HostTensor> readTensorFile(const std::string &path);

} // namespace vindex::io
