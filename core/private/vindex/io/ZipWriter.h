#pragma once
// Writes a zip archive of stored (uncompressed) members the way torch.save does: each member's data aligned to 64
// bytes by padding its local header's extra field, zip64 records where sizes or offsets pass 4 GiB. The archive
// goes through an AtomicFile, so readers see the old file or the finished one, never a partial archive.
#include "vindex/io/AtomicFile.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace vindex::io {

class ZipWriter {
public:
    explicit ZipWriter(const std::string &path);

    // Throws Error on a duplicate name or after finish().
    void add(const std::string &name, const void *data, std::size_t size);
    void add(const std::string &name, const std::string &bytes) { add(name, bytes.data(), bytes.size()); }
    // Central directory, end records, fsync + rename.
    void finish();

private:
    struct Member {
        std::string name;
        uint32_t crc = 0;
        uint64_t size = 0;
        uint64_t offset = 0; // of the local header
    };
    void put(const std::string &bytes);

    AtomicFile m_file;
    std::string m_path;
    uint64_t m_written = 0;
    std::vector<Member> m_members;
    bool m_finished = false;
};

} // namespace vindex::io
