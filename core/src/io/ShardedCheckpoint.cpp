#include "vindex/io/ShardedCheckpoint.h"

#include "vindex/core/Error.h"
#include "vindex/io/JsonFile.h"
#include "vindex/io/SafetensorsFile.h"
#include "vindex/io/TorchCheckpoint.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace vindex::io {
namespace {

bool endsWith(const std::string &s, const std::string &suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Index files are small; anything larger than this is not one.
constexpr std::uintmax_t kMaxIndexBytes = 64ull * 1024 * 1024;

nlohmann::json readIndex(const std::string &path)
{
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec)
        throw FormatError(path, "cannot read the index: " + ec.message());
    if (size > kMaxIndexBytes)
        throw FormatError(path, "index of " + std::to_string(size) + " bytes is too large to be a checkpoint index");
    return readJsonFile(path);
}

} // namespace

std::map<std::string, HostTensor> readTensorFile(const std::string &path)
{
    std::map<std::string, HostTensor> tensors;
    if (endsWith(path, ".safetensors")) {
        const auto file = SafetensorsFile::open(path);
        for (const auto &name : file.names())
            tensors.emplace(name, file.tensor(name));
        return tensors;
    }
    const auto checkpoint = TorchCheckpoint::load(path);
    for (auto &[name, tensor] : checkpoint.stateDict())
        tensors.emplace(name, tensor);
    if (tensors.empty())
        throw FormatError(path, "holds no tensors at its top level (not a state dict)");
    return tensors;
}

ShardedCheckpoint ShardedCheckpoint::open(const std::string &path)
{
    ShardedCheckpoint checkpoint;
    std::string indexPath;
    if (fs::is_directory(path)) {
        for (const char *candidate : {"model.safetensors.index.json", "pytorch_model.bin.index.json"}) {
            if (fs::is_regular_file(fs::path(path) / candidate)) {
                indexPath = (fs::path(path) / candidate).string();
                break;
            }
        }
        if (indexPath.empty()) {
            for (const char *candidate : {"model.safetensors", "pytorch_model.bin"}) {
                if (fs::is_regular_file(fs::path(path) / candidate))
                    return open((fs::path(path) / candidate).string());
            }
            throw FormatError(path, "folder holds no model.safetensors, pytorch_model.bin or *.index.json");
        }
    } else if (endsWith(path, ".index.json")) {
        indexPath = path;
    }

    if (indexPath.empty()) { // one weights file
        checkpoint.m_path = path;
        auto tensors = std::make_shared<const TensorMap>(readTensorFile(path));
        for (const auto &[name, t] : *tensors)
            checkpoint.m_shardOfName.emplace(name, path);
        checkpoint.m_loadedShards.emplace(path, std::move(tensors));
        return checkpoint;
    }

    checkpoint.m_path = indexPath;
    const auto index = readIndex(indexPath);
    if (!index.is_object() || !index.contains("weight_map") || !index["weight_map"].is_object())
        throw FormatError(indexPath, "index has no \"weight_map\" object");
    const fs::path folder = fs::path(indexPath).parent_path();
    for (const auto &[name, file] : index["weight_map"].items()) {
        if (!file.is_string())
            throw FormatError(indexPath, "weight_map entry '" + name + "' is not a file name");
        const auto shardName = file.get<std::string>();
        // Shards live beside the index; a name that climbs out of the folder is refused.
        const fs::path relative(shardName);
        if (shardName.empty() || relative.is_absolute() || relative.has_parent_path())
            throw FormatError(indexPath, "weight_map entry '" + name + "' names '" + shardName +
                                             "', which is not a file beside the index");
        checkpoint.m_shardOfName.emplace(name, (folder / relative).string());
    }
    if (index.contains("metadata") && index["metadata"].is_object())
        for (const auto &[key, value] : index["metadata"].items())
            checkpoint.m_metadata[key] = value.is_string() ? value.get<std::string>() : value.dump();
    for (const auto &shardFile : checkpoint.shardFiles())
        if (!fs::is_regular_file(shardFile))
            throw FormatError(indexPath, "shard '" + fs::path(shardFile).filename().string() + "' is missing");
    return checkpoint;
}

std::vector<std::string> ShardedCheckpoint::names() const
{
    std::vector<std::string> names;
    names.reserve(m_shardOfName.size());
    for (const auto &[name, shard] : m_shardOfName)
        names.push_back(name);
    return names;
}

const std::string &ShardedCheckpoint::shardOf(const std::string &name) const
{
    const auto it = m_shardOfName.find(name);
    if (it == m_shardOfName.end())
        throw FormatError(m_path, "no tensor named '" + name + "'");
    return it->second;
}

std::vector<std::string> ShardedCheckpoint::shardFiles() const
{
    std::vector<std::string> files;
    for (const auto &[name, shard] : m_shardOfName)
        if (std::find(files.begin(), files.end(), shard) == files.end())
            files.push_back(shard);
    std::sort(files.begin(), files.end());
    return files;
}

const ShardedCheckpoint::TensorMap &ShardedCheckpoint::shard(const std::string &file) const
{
    auto it = m_loadedShards.find(file);
    if (it == m_loadedShards.end())
        it = m_loadedShards.emplace(file, std::make_shared<const TensorMap>(readTensorFile(file))).first;
    return *it->second;
}

HostTensor ShardedCheckpoint::tensor(const std::string &name) const
{
    const std::string &file = shardOf(name);
    const auto &tensors = shard(file);
    const auto it = tensors.find(name);
    if (it == tensors.end())
        throw FormatError(file, "the index " + m_path + " puts '" + name + "' in this shard, but it is not there");
    return it->second;
}

} // namespace vindex::io
