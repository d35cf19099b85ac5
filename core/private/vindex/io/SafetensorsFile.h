#pragma once
// A memory-mapped .safetensors file: an 8-byte little-endian header length, a JSON header naming each tensor's
// dtype, shape and [begin, end) byte range in the data section, then the data. Tensors point into the mapping.
#include "vindex/io/HostTensor.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace vindex::io {

class MappedFile;

class SafetensorsFile {
public:
    // Maps the file and validates the whole header (dtypes, shapes, offsets against the file size, overlaps).
    // Throws FormatError naming the file.
    static SafetensorsFile open(const std::string &path);

    const std::string &path() const { return m_path; }
    // Tensor names in the order of their data offsets (the order the writer stored them).
    const std::vector<std::string> &names() const { return m_names; }
    bool contains(const std::string &name) const { return m_tensors.count(name) != 0; }
    // Throws FormatError when the name is missing.
    const HostTensor &tensor(const std::string &name) const;
    // The free-form "__metadata__" string map.
    const std::map<std::string, std::string> &metadata() const { return m_metadata; }

private:
    std::string m_path;
    std::shared_ptr<const MappedFile> m_file;
    std::vector<std::string> m_names;
    std::map<std::string, HostTensor> m_tensors;
    std::map<std::string, std::string> m_metadata;
};

} // namespace vindex::io
