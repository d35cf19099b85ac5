#pragma once
// The weight files behind a result, with size and SHA-256, for run manifests. Hashing a 7B model reads ~14 GB, so
// digests are remembered per (absolute path, size, modification time) in $VINDEX_CACHE_DIR or
// $XDG_CACHE_HOME/vindex (~/.cache/vindex) — sha256.json — and a changed file is hashed again.
#include <nlohmann/json.hpp>

#include <string>

namespace vindex::io {

class WeightFingerprint {
public:
    // {"role", "path", "files": [{"name", "bytes", "sha256"}]} over the folder's weight and tokenizer files
    // (.safetensors, .bin, .pth, .pt, .model, .json) — not recursive.
    static nlohmann::ordered_json describeFolder(const std::string &folder, const std::string &role);
    // The same for one file (a checkpoint).
    static nlohmann::ordered_json describeFile(const std::string &path, const std::string &role);
    // The SHA-256 of a file, from the cache when its size and mtime are unchanged.
    static std::string sha256(const std::string &path);
};

} // namespace vindex::io
