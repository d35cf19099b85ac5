#include "vindex/io/ZipWriter.h"

#include "vindex/core/Error.h"

#include <zlib.h>

#include <algorithm>
#include <set>

namespace vindex::io {
namespace {

constexpr uint64_t kLimit32 = 0xFFFFFFFFu;
constexpr std::size_t kAlignment = 64; // torch.save's data alignment (its .storage_alignment record)

void put16(std::string &out, uint16_t v)
{
    out.push_back(static_cast<char>(v & 0xFF));
    out.push_back(static_cast<char>(v >> 8));
}

void put32(std::string &out, uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

void put64(std::string &out, uint64_t v)
{
    for (int i = 0; i < 8; ++i)
        out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

uint32_t crcOf(const void *data, std::size_t size)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    const auto *p = static_cast<const Bytef *>(data);
    while (size > 0) { // zlib's length is a uInt: feed 1 GiB at a time
        const std::size_t chunk = std::min<std::size_t>(size, std::size_t{1} << 30);
        crc = crc32(crc, p, static_cast<uInt>(chunk));
        p += chunk;
        size -= chunk;
    }
    return static_cast<uint32_t>(crc);
}

} // namespace

ZipWriter::ZipWriter(const std::string &path) : m_file(path), m_path(path) {}

void ZipWriter::put(const std::string &bytes)
{
    m_file.write(bytes);
    m_written += bytes.size();
}

void ZipWriter::add(const std::string &name, const void *data, std::size_t size)
{
    if (m_finished)
        throw Error(m_path + ": the archive is finished; cannot add '" + name + "'");
    if (std::any_of(m_members.begin(), m_members.end(), [&](const Member &m) { return m.name == name; }))
        throw Error(m_path + ": duplicate zip member '" + name + "'");
    Member member{name, crcOf(data, size), size, m_written};
    const bool zip64 = size >= kLimit32;

    std::string header;
    put32(header, 0x04034b50);
    put16(header, zip64 ? 45 : 20); // version needed
    put16(header, 0);               // flags
    put16(header, 0);               // stored
    put16(header, 0);               // time
    put16(header, 0x21);            // date: 1980-01-01
    put32(header, member.crc);
    put32(header, zip64 ? static_cast<uint32_t>(kLimit32) : static_cast<uint32_t>(size));
    put32(header, zip64 ? static_cast<uint32_t>(kLimit32) : static_cast<uint32_t>(size));
    put16(header, static_cast<uint16_t>(name.size()));
    std::string extra;
    if (zip64) {
        put16(extra, 0x0001);
        put16(extra, 16);
        put64(extra, size);
        put64(extra, size);
    }
    // Padding extra field ("FB", as torch writes it) so that the data starts on a 64-byte boundary.
    const uint64_t unpadded = m_written + header.size() + 2 + name.size() + extra.size();
    uint64_t padding = (kAlignment - unpadded % kAlignment) % kAlignment;
    if (padding != 0 && padding < 4)
        padding += kAlignment; // an extra field needs 4 bytes of its own header
    if (padding != 0) {
        put16(extra, 0x4246);
        put16(extra, static_cast<uint16_t>(padding - 4));
        extra.append(padding - 4, 'Z');
    }
    put16(header, static_cast<uint16_t>(extra.size()));
    header += name;
    header += extra;
    put(header);
    m_file.write(data, size);
    m_written += size;
    m_members.push_back(std::move(member));
}

void ZipWriter::finish()
{
    if (m_finished)
        return;
    const uint64_t directoryOffset = m_written;
    for (const Member &m : m_members) {
        const bool bigSize = m.size >= kLimit32, bigOffset = m.offset >= kLimit32;
        std::string extra;
        if (bigSize || bigOffset) {
            put16(extra, 0x0001);
            put16(extra, static_cast<uint16_t>((bigSize ? 16 : 0) + (bigOffset ? 8 : 0)));
            if (bigSize) {
                put64(extra, m.size);
                put64(extra, m.size);
            }
            if (bigOffset)
                put64(extra, m.offset);
        }
        std::string entry;
        put32(entry, 0x02014b50);
        put16(entry, extra.empty() ? 20 : 45); // version made by
        put16(entry, extra.empty() ? 20 : 45); // version needed
        put16(entry, 0);
        put16(entry, 0);
        put16(entry, 0);
        put16(entry, 0x21);
        put32(entry, m.crc);
        put32(entry, bigSize ? static_cast<uint32_t>(kLimit32) : static_cast<uint32_t>(m.size));
        put32(entry, bigSize ? static_cast<uint32_t>(kLimit32) : static_cast<uint32_t>(m.size));
        put16(entry, static_cast<uint16_t>(m.name.size()));
        put16(entry, static_cast<uint16_t>(extra.size()));
        put16(entry, 0); // comment
        put16(entry, 0); // disk
        put16(entry, 0); // internal attributes
        put32(entry, 0); // external attributes
        put32(entry, bigOffset ? static_cast<uint32_t>(kLimit32) : static_cast<uint32_t>(m.offset));
        entry += m.name;
        entry += extra;
        put(entry);
    }
    const uint64_t directorySize = m_written - directoryOffset;
    const uint64_t count = m_members.size();
    const bool zip64 = count >= 0xFFFF || directorySize >= kLimit32 || directoryOffset >= kLimit32;
    std::string end;
    if (zip64) {
        const uint64_t recordOffset = m_written;
        put32(end, 0x06064b50);
        put64(end, 44); // size of the rest of the record
        put16(end, 45);
        put16(end, 45);
        put32(end, 0);
        put32(end, 0);
        put64(end, count);
        put64(end, count);
        put64(end, directorySize);
        put64(end, directoryOffset);
        put32(end, 0x07064b50); // locator
        put32(end, 0);
        put64(end, recordOffset);
        put32(end, 1);
    }
    put32(end, 0x06054b50);
    put16(end, 0);
    put16(end, 0);
    put16(end, static_cast<uint16_t>(std::min<uint64_t>(count, 0xFFFF)));
    put16(end, static_cast<uint16_t>(std::min<uint64_t>(count, 0xFFFF)));
    put32(end, static_cast<uint32_t>(std::min<uint64_t>(directorySize, kLimit32)));
    put32(end, static_cast<uint32_t>(std::min<uint64_t>(directoryOffset, kLimit32)));
    put16(end, 0);
    put(end);
    m_file.commit();
    m_finished = true;
}

} // namespace vindex::io
