#pragma once
// A read-only memory map of a whole file. Shared so that tensors can keep the mapping alive.
#include <cstddef>
#include <memory>
#include <string>

namespace vindex::io {

class MappedFile {
public:
    // Throws FormatError naming the file when it cannot be opened or mapped.
    static std::shared_ptr<const MappedFile> open(const std::string &path);
    ~MappedFile();
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;

    const std::byte *data() const { return m_data; }
    std::size_t size() const { return m_size; }
    const std::string &path() const { return m_path; }

private:
    MappedFile() = default;
    std::string m_path;
    const std::byte *m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace vindex::io
