#include "vindex/io/SafetensorsFile.h"

#include "vindex/core/Error.h"
#include "vindex/io/MappedFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <limits>

namespace vindex::io {
namespace {

// Larger headers are not written by any known producer; refusing them bounds the JSON parser's work.
constexpr uint64_t kMaxHeaderBytes = 100ull * 1024 * 1024;

struct Entry {
    std::string name;
    DType dtype;
    std::vector<int64_t> shape;
    uint64_t begin, end;
};

uint64_t checkedProduct(const std::vector<int64_t> &shape, uint64_t elementSize, const std::string &path,
                        const std::string &name)
{
    uint64_t n = elementSize;
    for (int64_t d : shape) {
        if (d < 0)
            throw FormatError(path, "tensor '" + name + "' has a negative dimension");
        if (d != 0 && n > std::numeric_limits<uint64_t>::max() / static_cast<uint64_t>(d))
            throw FormatError(path, "tensor '" + name + "' has a shape whose size overflows");
        n *= static_cast<uint64_t>(d);
    }
    return n;
}

Entry parseEntry(const std::string &path, const std::string &name, const nlohmann::json &value)
{
    if (!value.is_object() || !value.contains("dtype") || !value.contains("shape") || !value.contains("data_offsets"))
        throw FormatError(path, "header entry '" + name + "' needs dtype, shape and data_offsets");
    const auto &dtypeJson = value["dtype"], &shapeJson = value["shape"], &offsetsJson = value["data_offsets"];
    if (!dtypeJson.is_string())
        throw FormatError(path, "tensor '" + name + "': dtype is not a string");
    const auto dtype = dtypeFromName(dtypeJson.get<std::string>());
    if (!dtype)
        throw FormatError(path, "tensor '" + name + "': unknown dtype '" + dtypeJson.get<std::string>() + "'");
    if (!shapeJson.is_array())
        throw FormatError(path, "tensor '" + name + "': shape is not a list");
    std::vector<int64_t> shape;
    for (const auto &d : shapeJson) {
        if (!d.is_number_unsigned())
            throw FormatError(path, "tensor '" + name + "': shape holds something other than sizes");
        const auto size = d.get<uint64_t>();
        if (size > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
            throw FormatError(path, "tensor '" + name + "': dimension too large");
        shape.push_back(static_cast<int64_t>(size));
    }
    if (!offsetsJson.is_array() || offsetsJson.size() != 2 || !offsetsJson[0].is_number_unsigned() ||
        !offsetsJson[1].is_number_unsigned())
        throw FormatError(path, "tensor '" + name + "': data_offsets must be two non-negative integers");
    Entry e{name, *dtype, std::move(shape), offsetsJson[0].get<uint64_t>(), offsetsJson[1].get<uint64_t>()};
    if (e.end < e.begin)
        throw FormatError(path, "tensor '" + name + "': data_offsets end before they begin");
    const uint64_t expected = checkedProduct(e.shape, dtypeSize(e.dtype), path, name);
    if (e.end - e.begin != expected)
        throw FormatError(path, "tensor '" + name + "': shape and dtype need " + std::to_string(expected) +
                                    " bytes but data_offsets span " + std::to_string(e.end - e.begin));
    return e;
}

} // namespace

SafetensorsFile SafetensorsFile::open(const std::string &path)
{
    SafetensorsFile st;
    st.m_path = path;
    st.m_file = MappedFile::open(path);
    const std::size_t fileSize = st.m_file->size();
    if (fileSize < 8)
        throw FormatError(path, "not a safetensors file: " + std::to_string(fileSize) +
                                    " bytes, fewer than the 8-byte header length");
    uint64_t headerSize = 0;
    for (int i = 7; i >= 0; --i)
        headerSize = (headerSize << 8) | std::to_integer<uint64_t>(st.m_file->data()[i]);
    if (headerSize > kMaxHeaderBytes || headerSize > fileSize - 8)
        throw FormatError(path, "header length " + std::to_string(headerSize) + " exceeds the file size " +
                                    std::to_string(fileSize) + " (truncated or not a safetensors file)");
    const char *headerBegin = reinterpret_cast<const char *>(st.m_file->data() + 8);
    nlohmann::json header;
    try {
        header = nlohmann::json::parse(headerBegin, headerBegin + headerSize);
    } catch (const nlohmann::json::exception &e) {
        throw FormatError(path, std::string("header is not valid JSON (") + e.what() + ")");
    }
    if (!header.is_object())
        throw FormatError(path, "header is not a JSON object");

    const uint64_t dataStart = 8 + headerSize;
    const uint64_t dataSize = fileSize - dataStart;
    std::vector<Entry> entries;
    for (const auto &[name, value] : header.items()) {
        if (name == "__metadata__") {
            if (!value.is_object())
                throw FormatError(path, "__metadata__ is not an object");
            for (const auto &[key, v] : value.items())
                st.m_metadata[key] = v.is_string() ? v.get<std::string>() : v.dump();
            continue;
        }
        Entry e = parseEntry(path, name, value);
        if (e.end > dataSize)
            throw FormatError(path, "tensor '" + name + "' ends at byte " + std::to_string(e.end) +
                                        " of the data section, which has only " + std::to_string(dataSize) +
                                        " bytes (truncated file?)");
        entries.push_back(std::move(e));
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry &a, const Entry &b) { return a.begin != b.begin ? a.begin < b.begin : a.end < b.end; });
    for (std::size_t i = 1; i < entries.size(); ++i)
        if (entries[i].begin < entries[i - 1].end)
            throw FormatError(path, "tensors '" + entries[i - 1].name + "' and '" + entries[i].name + "' overlap");

    auto owner = std::shared_ptr<const void>(st.m_file, st.m_file->data());
    for (auto &e : entries) {
        st.m_names.push_back(e.name);
        st.m_tensors.emplace(e.name,
                             HostTensor(e.dtype, std::move(e.shape), st.m_file->data() + dataStart + e.begin, owner));
    }
    return st;
}

const HostTensor &SafetensorsFile::tensor(const std::string &name) const
{
    const auto it = m_tensors.find(name);
    if (it == m_tensors.end())
        throw FormatError(m_path, "no tensor named '" + name + "'");
    return it->second;
}

} // namespace vindex::io
