#pragma once
// Describes what a tensor or checkpoint file holds (format, tensors with dtype and shape, metadata, and for
// PyTorch checkpoints the non-tensor entries), as JSON for `vindex inspect` and the GUI.
#include <nlohmann/json.hpp>

#include <string>

namespace vindex::io {

class FileInspector {
public:
    // Throws FormatError naming the file when it cannot be read or its format is not recognised.
    static nlohmann::ordered_json inspect(const std::string &path);
    // A human-readable rendering of inspect()'s result.
    static std::string toText(const nlohmann::ordered_json &description);
};

} // namespace vindex::io
