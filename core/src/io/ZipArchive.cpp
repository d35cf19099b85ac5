#include "vindex/io/ZipArchive.h"

#include "vindex/core/Error.h"
#include "vindex/io/MappedFile.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <limits>

namespace vindex::io {
namespace {

constexpr uint32_t kLocalHeaderSignature = 0x04034b50;
constexpr uint32_t kCentralHeaderSignature = 0x02014b50;
constexpr uint32_t kEndSignature = 0x06054b50;
constexpr uint32_t kZip64EndSignature = 0x06064b50;
constexpr uint32_t kZip64LocatorSignature = 0x07064b50;
constexpr std::size_t kEndSize = 22;
constexpr std::size_t kZip64EndSize = 56;
constexpr std::size_t kZip64LocatorSize = 20;
constexpr std::size_t kCentralHeaderSize = 46;
constexpr std::size_t kLocalHeaderSize = 30;
constexpr std::size_t kMaxCommentSize = 0xffff;
// Deflate cannot expand data by more than about 1032:1; a larger declared size is a lie (or a zip bomb).
constexpr uint64_t kMaxDeflateRatio = 1032;

uint16_t le16(const std::byte *p)
{
    return static_cast<uint16_t>(std::to_integer<unsigned>(p[0]) | (std::to_integer<unsigned>(p[1]) << 8));
}

uint32_t le32(const std::byte *p)
{
    return le16(p) | (static_cast<uint32_t>(le16(p + 2)) << 16);
}

uint64_t le64(const std::byte *p)
{
    return le32(p) | (static_cast<uint64_t>(le32(p + 4)) << 32);
}

// offset + length <= limit without overflow.
bool fits(uint64_t offset, uint64_t length, uint64_t limit)
{
    return offset <= limit && length <= limit - offset;
}

std::string hex(uint64_t value)
{
    static const char *digits = "0123456789abcdef";
    std::string s;
    do {
        s.insert(s.begin(), digits[value & 0xf]);
        value >>= 4;
    } while (value);
    return "0x" + s;
}

} // namespace

ZipArchive ZipArchive::open(const std::string &path)
{
    return open(MappedFile::open(path));
}

ZipArchive ZipArchive::open(std::shared_ptr<const MappedFile> file)
{
    ZipArchive archive;
    archive.m_path = file->path();
    archive.m_file = std::move(file);
    archive.readDirectory();
    return archive;
}

const ZipArchive::Entry *ZipArchive::find(const std::string &name) const
{
    const auto it = m_index.find(name);
    return it == m_index.end() ? nullptr : &m_entries[it->second];
}

void ZipArchive::fail(const std::string &what) const
{
    throw FormatError(m_path, what);
}

std::size_t ZipArchive::findEndRecord() const
{
    const std::byte *base = m_file->data();
    const uint64_t fileSize = m_file->size();
    // The end-of-central-directory record sits at the end, followed only by its comment (at most 64 KiB).
    // Prefer a record whose comment reaches exactly the end of the file; a signature inside a comment is rare.
    std::size_t endPos = std::numeric_limits<std::size_t>::max();
    if (fileSize >= kEndSize) {
        const std::size_t last = fileSize - kEndSize;
        const std::size_t first = last > kMaxCommentSize ? last - kMaxCommentSize : 0;
        std::size_t fallback = endPos;
        for (std::size_t pos = last + 1; pos-- > first;) {
            if (le32(base + pos) != kEndSignature)
                continue;
            const uint64_t commentEnd = pos + kEndSize + le16(base + pos + 20);
            if (commentEnd == fileSize) {
                endPos = pos;
                break;
            }
            if (commentEnd < fileSize && fallback == std::numeric_limits<std::size_t>::max())
                fallback = pos;
        }
        if (endPos == std::numeric_limits<std::size_t>::max())
            endPos = fallback;
    }
    if (endPos == std::numeric_limits<std::size_t>::max()) {
        if (fileSize == 0)
            fail("expected a zip archive, found an empty file");
        if (fileSize >= 4 && le32(base) == kLocalHeaderSignature)
            fail("truncated zip archive: it starts like one but has no end-of-central-directory record");
        fail("not a zip archive: no end-of-central-directory record in the last " +
             std::to_string(std::min<uint64_t>(fileSize, kEndSize + kMaxCommentSize)) + " bytes");
    }

    return endPos;
}

ZipArchive::Directory ZipArchive::readEndRecords(std::size_t endPos) const
{
    const std::byte *base = m_file->data();
    const uint64_t fileSize = m_file->size();
    const std::byte *end = base + endPos;
    if (le16(end + 4) != 0 || le16(end + 6) != 0)
        fail("multi-part zip archives are not supported (disk number " + std::to_string(le16(end + 4)) + ")");
    uint64_t entryCount = le16(end + 10);
    uint64_t directorySize = le32(end + 12);
    uint64_t directoryOffset = le32(end + 16);
    uint64_t directoryLimit = endPos; // the directory ends before the record(s) that describe it

    // zip64: a locator right before the classic record points at the zip64 record with 64-bit fields.
    if (endPos >= kZip64LocatorSize && le32(end - kZip64LocatorSize) == kZip64LocatorSignature) {
        const std::byte *locator = end - kZip64LocatorSize;
        const uint64_t recordOffset = le64(locator + 8);
        const uint64_t locatorPos = endPos - kZip64LocatorSize;
        if (!fits(recordOffset, kZip64EndSize, locatorPos))
            fail("zip64 end-of-central-directory record at offset " + std::to_string(recordOffset) +
                 " lies outside the file (" + std::to_string(fileSize) + " bytes) or after its locator");
        const std::byte *record = base + recordOffset;
        if (le32(record) != kZip64EndSignature)
            fail("expected the zip64 end-of-central-directory signature at offset " + std::to_string(recordOffset) +
                 ", found " + hex(le32(record)));
        if (le32(record + 16) != 0 || le32(record + 20) != 0)
            fail("multi-part zip64 archives are not supported");
        // torch.save writes both records; a value that the classic record does not saturate must agree.
        const auto agree = [&](uint64_t classic, uint64_t saturated, uint64_t zip64, const char *what) {
            if (classic != saturated && classic != zip64)
                fail(std::string("the end-of-central-directory record gives ") + what + " " + std::to_string(classic) +
                     ", its zip64 record " + std::to_string(zip64));
            return zip64;
        };
        entryCount = agree(entryCount, 0xffff, le64(record + 32), "the central directory member count");
        directorySize = agree(directorySize, 0xffffffff, le64(record + 40), "the central directory size");
        directoryOffset = agree(directoryOffset, 0xffffffff, le64(record + 48), "the central directory offset");
        directoryLimit = recordOffset;
    } else if (entryCount == 0xffff || directorySize == 0xffffffff || directoryOffset == 0xffffffff) {
        fail("the end-of-central-directory record asks for zip64 fields but the zip64 locator is missing");
    }

    return {entryCount, directorySize, directoryOffset, directoryLimit};
}

ZipArchive::Entry ZipArchive::readEntry(uint64_t i, uint64_t &pos, const Directory &directory) const
{
    const std::byte *base = m_file->data();
    const uint64_t fileSize = m_file->size();
    const uint64_t directoryOffset = directory.offset, directoryEnd = directory.offset + directory.size;
    const std::string where = "central directory entry " + std::to_string(i) + " at offset " + std::to_string(pos);
    if (!fits(pos, kCentralHeaderSize, directoryEnd))
        fail(where + ": truncated (the directory ends at " + std::to_string(directoryEnd) + ")");
    const std::byte *h = base + pos;
    if (le32(h) != kCentralHeaderSignature)
        fail(where + ": expected signature " + hex(kCentralHeaderSignature) + ", found " + hex(le32(h)));
    const uint16_t flags = le16(h + 8);
    Entry entry;
    entry.method = le16(h + 10);
    entry.crc32 = le32(h + 16);
    entry.compressedSize = le32(h + 20);
    entry.size = le32(h + 24);
    const uint16_t nameLength = le16(h + 28), extraLength = le16(h + 30), commentLength = le16(h + 32);
    entry.localHeaderOffset = le32(h + 42);
    const uint64_t variable = uint64_t{nameLength} + extraLength + commentLength;
    if (!fits(pos + kCentralHeaderSize, variable, directoryEnd))
        fail(where + ": name, extra field and comment (" + std::to_string(variable) +
             " bytes) run past the end of the central directory");
    entry.name.assign(reinterpret_cast<const char *>(h + kCentralHeaderSize), nameLength);
    const std::string member = "member '" + entry.name + "'";
    if (flags & 0x41)
        fail(member + " is encrypted; encrypted zip archives are not supported");
    if (entry.method != 0 && entry.method != 8)
        fail(member + ": compression method " + std::to_string(entry.method) +
             " is not supported (expected 0 stored or 8 deflated)");

    // zip64 extra field: 64-bit values for exactly those fields that hold 0xffffffff, in this order.
    const std::byte *extra = h + kCentralHeaderSize + nameLength;
    for (std::size_t e = 0; e + 4 <= extraLength;) {
        const uint16_t id = le16(extra + e), length = le16(extra + e + 2);
        if (e + 4 + length > extraLength)
            fail(member + ": extra field " + hex(id) + " runs past the extra data");
        if (id == 0x0001) {
            const std::byte *field = extra + e + 4;
            std::size_t used = 0;
            for (uint64_t *value : {&entry.size, &entry.compressedSize, &entry.localHeaderOffset}) {
                if (*value != 0xffffffff)
                    continue;
                if (used + 8 > length)
                    fail(member + ": zip64 extra field is too short (" + std::to_string(length) + " bytes)");
                *value = le64(field + used);
                used += 8;
            }
        }
        e += 4 + std::size_t{length};
    }
    if (entry.method == 0 && entry.compressedSize != entry.size)
        fail(member + " is stored but declares " + std::to_string(entry.compressedSize) + " compressed and " +
             std::to_string(entry.size) + " uncompressed bytes");

    // The local header repeats the name and may carry an extra field of another length.
    const uint64_t local = entry.localHeaderOffset;
    if (!fits(local, kLocalHeaderSize, directoryOffset))
        fail(member + ": local header offset " + std::to_string(local) +
             " lies outside the member data area (which ends at " + std::to_string(directoryOffset) + ", file size " +
             std::to_string(fileSize) + ")");
    const std::byte *l = base + local;
    if (le32(l) != kLocalHeaderSignature)
        fail(member + ": expected local header signature " + hex(kLocalHeaderSignature) + " at offset " +
             std::to_string(local) + ", found " + hex(le32(l)));
    const uint16_t localNameLength = le16(l + 26), localExtraLength = le16(l + 28);
    if (!fits(local + kLocalHeaderSize, uint64_t{localNameLength} + localExtraLength, directoryOffset))
        fail(member + ": local header at offset " + std::to_string(local) + " runs past the member data area");
    if (localNameLength != nameLength || std::memcmp(l + kLocalHeaderSize, h + kCentralHeaderSize, nameLength))
        fail(member + ": the local header at offset " + std::to_string(local) + " names another member");
    entry.dataOffset = local + kLocalHeaderSize + localNameLength + localExtraLength;
    if (!fits(entry.dataOffset, entry.compressedSize, directoryOffset))
        fail(member + ": data (offset " + std::to_string(entry.dataOffset) + ", " +
             std::to_string(entry.compressedSize) + " bytes) runs past the member data area, which ends at " +
             std::to_string(directoryOffset) + " (file size " + std::to_string(fileSize) + ")");
    if (entry.method == 8 && entry.size > entry.compressedSize * kMaxDeflateRatio + 1024)
        fail(member + " declares " + std::to_string(entry.size) + " bytes inflated from " +
             std::to_string(entry.compressedSize) + ", more than deflate can produce");

    pos += kCentralHeaderSize + variable;
    return entry;
}

void ZipArchive::readDirectory()
{
    const uint64_t fileSize = m_file->size();
    const Directory directory = readEndRecords(findEndRecord());
    const uint64_t entryCount = directory.entryCount, directorySize = directory.size,
                   directoryOffset = directory.offset, directoryLimit = directory.limit;
    if (!fits(directoryOffset, directorySize, directoryLimit))
        fail("central directory (offset " + std::to_string(directoryOffset) + ", " + std::to_string(directorySize) +
             " bytes) lies outside the file before its end record at offset " + std::to_string(directoryLimit) +
             " (file size " + std::to_string(fileSize) + ")");
    if (entryCount > directorySize / kCentralHeaderSize)
        fail("central directory declares " + std::to_string(entryCount) + " members but has only " +
             std::to_string(directorySize) + " bytes");

    m_entries.reserve(static_cast<std::size_t>(entryCount));
    uint64_t pos = directoryOffset;
    for (uint64_t i = 0; i < entryCount; ++i) {
        Entry entry = readEntry(i, pos, directory);
        if (!m_index.emplace(entry.name, m_entries.size()).second)
            fail("duplicate member '" + entry.name + "' in the central directory");
        m_entries.push_back(std::move(entry));
    }
}

ZipArchive::Data ZipArchive::read(const std::string &name) const
{
    const Entry *entry = find(name);
    if (!entry)
        throw FormatError(m_path, "expected a member '" + name + "' in the zip archive, found none");
    return read(*entry);
}

ZipArchive::Data ZipArchive::read(const Entry &entry) const
{
    const std::byte *compressed = m_file->data() + entry.dataOffset;
    if (entry.method == 0)
        return Data{compressed, static_cast<std::size_t>(entry.size), m_file};

    const std::string member = "member '" + entry.name + "'";
    if (entry.size > std::numeric_limits<std::size_t>::max() / 2)
        throw FormatError(m_path, member + " is too large to inflate");
    std::shared_ptr<std::byte[]> buffer(new std::byte[std::max<std::size_t>(1, entry.size)]);
    z_stream stream{};
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK)
        throw FormatError(m_path, member + ": cannot initialise zlib");
    uint64_t consumed = 0, produced = 0;
    int status = Z_OK;
    constexpr uint64_t kChunk = 1u << 30; // z_stream counts in 32 bits
    while (status == Z_OK) {
        stream.next_in = reinterpret_cast<Bytef *>(const_cast<std::byte *>(compressed + consumed));
        stream.avail_in = static_cast<uInt>(std::min(kChunk, entry.compressedSize - consumed));
        stream.next_out = reinterpret_cast<Bytef *>(buffer.get() + produced);
        stream.avail_out = static_cast<uInt>(std::min(kChunk, entry.size - produced));
        const uInt inBefore = stream.avail_in, outBefore = stream.avail_out;
        status = inflate(&stream, Z_NO_FLUSH);
        consumed += inBefore - stream.avail_in;
        produced += outBefore - stream.avail_out;
        if (status == Z_OK && inBefore == stream.avail_in && outBefore == stream.avail_out)
            status = Z_BUF_ERROR; // no progress: input exhausted or output full
    }
    inflateEnd(&stream);
    if (status != Z_STREAM_END && produced == entry.size)
        throw FormatError(m_path,
                          member + ": inflates to more than the declared " + std::to_string(entry.size) + " bytes");
    if (status != Z_STREAM_END)
        throw FormatError(m_path, member + ": corrupt deflate data (zlib status " + std::to_string(status) + " after " +
                                      std::to_string(produced) + " of " + std::to_string(entry.size) + " bytes)");
    if (produced != entry.size)
        throw FormatError(m_path, member + ": expected " + std::to_string(entry.size) + " inflated bytes, found " +
                                      std::to_string(produced));
    uLong crc = crc32(0L, Z_NULL, 0);
    for (uint64_t done = 0; done < produced;) {
        const uInt n = static_cast<uInt>(std::min(kChunk, produced - done));
        crc = crc32(crc, reinterpret_cast<const Bytef *>(buffer.get() + done), n);
        done += n;
    }
    if (crc != entry.crc32)
        throw FormatError(m_path,
                          member + ": CRC mismatch (expected " + hex(entry.crc32) + ", found " + hex(crc) + ")");
    const std::byte *data = buffer.get();
    return Data{data, static_cast<std::size_t>(entry.size), std::shared_ptr<const void>(buffer, data)};
}

} // namespace vindex::io
