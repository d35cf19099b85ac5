#pragma once
// Writes tensors to a .safetensors file (atomically: a crash never leaves a half-written file behind).
#include "vindex/io/HostTensor.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace vindex::io {

class SafetensorsWriter {
public:
    void add(const std::string &name, const HostTensor &tensor); // throws Error on a duplicate name
    void setMetadata(const std::string &key, const std::string &value) { m_metadata[key] = value; }
    // Data is laid out in the order tensors were added; the header is padded to 8 bytes as the reference does.
    void write(const std::string &path) const;

private:
    std::vector<std::pair<std::string, HostTensor>> m_tensors;
    std::map<std::string, std::string> m_metadata;
};

} // namespace vindex::io
