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

    // Drops this process's resident copies of the pages over [offset, offset + length) (whole pages around it). The
    // mapping is private and read-only, so the next access simply maps the page again from the page cache: safe even
    // while views into the range are alive. Keeps a scan over a large file, or many small reads spread over it, from
    // staying counted as the process's memory.
    void releasePages(std::size_t offset, std::size_t length) const;
    void releasePages() const { releasePages(0, m_size); }

private:
    MappedFile() = default;
    std::string m_path;
    const std::byte *m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace vindex::io
