#pragma once
// Writes a POSIX ustar archive (what Python's tarfile writes with format=USTAR_FORMAT and GNU tar reads): one
// 512-byte header per regular file (mode 0644, owner 0/0, mtime 0, so the same members give the same bytes),
// the data padded to 512 bytes, and two zero blocks at the end. Members go straight to disk as they are added,
// through an AtomicFile, so a shard never sits in memory and readers never see a half-written archive.
#include "vindex/io/AtomicFile.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace vindex::io {

class TarWriter {
public:
    // Largest member ustar's 11 octal digits can describe (8 GiB − 1).
    static constexpr uint64_t kMaxMemberSize = (uint64_t(1) << 33) - 1;

    // Throws Error naming path when its temporary file cannot be created.
    explicit TarWriter(std::string path);

    // Adds a regular file. Throws Error naming the archive and the member for a name ustar cannot hold (empty, over
    // 255 bytes or not splittable into prefix/name at a '/', an absolute path or '..') or a member over 8 GiB.
    void add(const std::string &name, const void *data, std::size_t size);
    void add(const std::string &name, std::string_view bytes) { add(name, bytes.data(), bytes.size()); }
    // Writes the end-of-archive blocks and renames the archive into place. Nothing can be added afterwards.
    void commit();

    const std::string &path() const { return m_path; }
    std::size_t memberCount() const { return m_members; }

private:
    std::string m_path;
    AtomicFile m_file;
    std::size_t m_members = 0;
    bool m_committed = false;
};

} // namespace vindex::io
