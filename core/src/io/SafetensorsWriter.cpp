#include "vindex/io/SafetensorsWriter.h"

#include "vindex/core/Error.h"
#include "vindex/io/AtomicFile.h"

#include <nlohmann/json.hpp>

namespace vindex::io {

void SafetensorsWriter::add(const std::string &name, const HostTensor &tensor)
{
    if (name == "__metadata__")
        throw Error("safetensors: '__metadata__' is reserved and cannot name a tensor");
    for (const auto &[existing, t] : m_tensors)
        if (existing == name)
            throw Error("safetensors: tensor '" + name + "' added twice");
    m_tensors.emplace_back(name, tensor.contiguous());
}

void SafetensorsWriter::write(const std::string &path) const
{
    // nlohmann::ordered_json keeps the insertion order, so the header lists tensors as they were added.
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    if (!m_metadata.empty())
        header["__metadata__"] = m_metadata;
    uint64_t offset = 0;
    for (const auto &[name, tensor] : m_tensors) {
        const uint64_t size = tensor.nbytes();
        header[name] = {{"dtype", std::string(dtypeName(tensor.dtype()))},
                        {"shape", tensor.shape()},
                        {"data_offsets", {offset, offset + size}}};
        offset += size;
    }
    std::string headerText = header.dump();
    headerText.append((8 - headerText.size() % 8) % 8, ' ');
    unsigned char lengthBytes[8];
    for (int i = 0; i < 8; ++i)
        lengthBytes[i] = static_cast<unsigned char>(static_cast<uint64_t>(headerText.size()) >> (8 * i));

    AtomicFile file(path);
    file.write(lengthBytes, 8);
    file.write(headerText);
    for (const auto &[name, tensor] : m_tensors)
        file.write(tensor.data(), tensor.nbytes());
    file.commit();
}

} // namespace vindex::io
