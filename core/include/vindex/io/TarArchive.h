#pragma once
// A read-only tar archive (POSIX ustar / pax, GNU, v7) over a memory-mapped file, as Python's tarfile and the
// webdataset writers produce it. Every header is validated (checksum, octal or GNU base-256 sizes, sizes and offsets
// against the file length) when the archive is opened, so reading a member later cannot go out of range. Only
// regular files are listed; their bytes are returned without a copy and keep the mapping alive.
#include "vindex/io/OwnedBytes.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vindex::io {

class MappedFile;

class TarArchive {
public:
    struct Member {
        std::string name;          // full path, with GNU 'L' / pax 'path' long names applied
        uint64_t size = 0;         // bytes of data
        uint64_t headerOffset = 0; // the member's own 512-byte header in the file
        uint64_t dataOffset = 0;   // first data byte in the file
    };

    // Member bytes plus the owner (the mapping) that keeps them alive.
    using Data = OwnedBytes;

    // Maps the file and reads every header. Throws FormatError naming the file (and the member where there is one).
    static TarArchive open(const std::string &path);
    static TarArchive open(std::shared_ptr<const MappedFile> file);

    const std::string &path() const { return m_path; }
    const std::shared_ptr<const MappedFile> &file() const { return m_file; }
    // Regular files in archive order.
    const std::vector<Member> &members() const { return m_members; }
    bool contains(const std::string &name) const { return m_index.count(name) != 0; }
    // nullptr when missing; for a name stored twice, the later member (what extracting the archive leaves).
    const Member *find(const std::string &name) const;
    // Throws FormatError naming the file and the member when it is missing.
    Data read(const std::string &name) const;
    Data read(const Member &member) const;

private:
    TarArchive() = default;
    void readHeaders();

    std::string m_path;
    std::shared_ptr<const MappedFile> m_file;
    std::vector<Member> m_members;
    std::unordered_map<std::string, std::size_t> m_index;
};

} // namespace vindex::io
