#pragma once
// A read-only zip archive over a memory-mapped file, as torch.save writes it (stored members, zip64 records for big
// files) and, for generality, with deflated members. The whole central directory and every local header are
// validated against the file length when the archive is opened, so reading a member later cannot go out of range.
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

class ZipArchive {
public:
    struct Entry {
        std::string name;
        uint16_t method = 0; // 0 stored, 8 deflated
        uint32_t crc32 = 0;
        uint64_t compressedSize = 0;
        uint64_t size = 0; // uncompressed
        uint64_t localHeaderOffset = 0;
        uint64_t dataOffset = 0; // first byte of the (compressed) data in the file
    };

    // Member bytes plus the owner that keeps them alive (the mapping for stored members, a buffer otherwise).
    using Data = OwnedBytes;

    // Maps the file and reads its directory. Throws FormatError naming the file.
    static ZipArchive open(const std::string &path);
    static ZipArchive open(std::shared_ptr<const MappedFile> file);

    const std::string &path() const { return m_path; }
    const std::shared_ptr<const MappedFile> &file() const { return m_file; }
    // Central directory order.
    const std::vector<Entry> &entries() const { return m_entries; }
    bool contains(const std::string &name) const { return m_index.count(name) != 0; }
    // nullptr when the member is missing.
    const Entry *find(const std::string &name) const;
    // Throws FormatError naming the file and the member when it is missing or its data is corrupt. Stored members
    // are returned without a copy (and without a CRC check, which would read the whole file); deflated members are
    // inflated into a new buffer and their CRC is checked.
    Data read(const std::string &name) const;
    Data read(const Entry &entry) const;

private:
    ZipArchive() = default;
    // Where the central directory is and how many members it lists, as the end records give it.
    struct Directory {
        uint64_t entryCount = 0, size = 0, offset = 0;
        uint64_t limit = 0; // the directory ends before the record(s) that describe it
    };

    void readDirectory();
    [[noreturn]] void fail(const std::string &what) const;
    std::size_t findEndRecord() const;
    Directory readEndRecords(std::size_t endPos) const;
    // The central directory's entry at pos, its zip64 fields and its local header checked; pos moves past it.
    Entry readEntry(uint64_t index, uint64_t &pos, const Directory &directory) const;

    std::string m_path;
    std::shared_ptr<const MappedFile> m_file;
    std::vector<Entry> m_entries;
    std::unordered_map<std::string, std::size_t> m_index;
};

} // namespace vindex::io
