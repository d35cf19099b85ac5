#include "vindex/io/TarArchive.h"

#include "vindex/core/Error.h"
#include "vindex/io/MappedFile.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <optional>

namespace vindex::io {

namespace {

constexpr uint64_t kBlock = 512;

// Header field offsets (POSIX.1-1988 ustar; GNU uses the same places for what we read).
constexpr std::size_t kNameOff = 0, kNameLen = 100;
constexpr std::size_t kSizeOff = 124, kSizeLen = 12;
constexpr std::size_t kChksumOff = 148, kChksumLen = 8;
constexpr std::size_t kTypeOff = 156;
constexpr std::size_t kMagicOff = 257;
constexpr std::size_t kPrefixOff = 345, kPrefixLen = 155;

const unsigned char *bytesAt(const MappedFile &file, uint64_t offset)
{
    return reinterpret_cast<const unsigned char *>(file.data()) + offset;
}

// A NUL-terminated (or full-width) string field.
std::string fieldString(const unsigned char *field, std::size_t len)
{
    const auto *end = static_cast<const unsigned char *>(std::memchr(field, 0, len));
    return std::string(reinterpret_cast<const char *>(field), end ? static_cast<std::size_t>(end - field) : len);
}

// For error messages: a name from a header we do not trust, without control characters.
std::string printable(const std::string &s)
{
    std::string out;
    for (char c : s)
        out += (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f) ? c : '?';
    return out;
}

bool allZero(const unsigned char *block)
{
    return std::all_of(block, block + kBlock, [](unsigned char c) { return c == 0; });
}

// Octal with optional leading spaces / NULs and a space or NUL terminator, or GNU base-256 (high bit of the first
// byte set) for values that do not fit in 11 octal digits. nullopt when malformed, negative or beyond 64 bits.
std::optional<uint64_t> parseNumber(const unsigned char *field, std::size_t len)
{
    if (field[0] & 0x80) {
        if (field[0] & 0x40)
            return std::nullopt; // negative base-256 (0xff prefix)
        uint64_t value = field[0] & 0x3f;
        for (std::size_t i = 1; i < len; ++i) {
            if (value > (std::numeric_limits<uint64_t>::max() >> 8))
                return std::nullopt;
            value = (value << 8) | field[i];
        }
        return value;
    }
    std::size_t i = 0;
    while (i < len && (field[i] == ' ' || field[i] == 0))
        ++i;
    uint64_t value = 0;
    for (; i < len && field[i] >= '0' && field[i] <= '7'; ++i) {
        if (value > (std::numeric_limits<uint64_t>::max() >> 3))
            return std::nullopt;
        value = (value << 3) | static_cast<uint64_t>(field[i] - '0');
    }
    for (; i < len; ++i)
        if (field[i] != ' ' && field[i] != 0)
            return std::nullopt;
    return value;
}

// Whether the stored checksum matches the header's bytes with the checksum field read as spaces. Old tars summed
// signed chars, so both sums are accepted (as GNU tar and Python do).
bool checksumMatches(const unsigned char *header)
{
    const auto stored = parseNumber(header + kChksumOff, kChksumLen);
    if (!stored)
        return false;
    uint64_t unsignedSum = 0;
    int64_t signedSum = 0;
    for (std::size_t i = 0; i < kBlock; ++i) {
        const unsigned char c = (i >= kChksumOff && i < kChksumOff + kChksumLen) ? ' ' : header[i];
        unsignedSum += c;
        signedSum += static_cast<signed char>(c);
    }
    return *stored == unsignedSum || static_cast<int64_t>(*stored) == signedSum;
}

struct PaxRecords {
    std::optional<std::string> path;
    std::optional<uint64_t> size;
};

// "LEN key=value\n" records, LEN counting the whole record in bytes.
PaxRecords parsePax(std::string_view data, const std::string &path, const std::string &memberName)
{
    PaxRecords out;
    auto fail = [&](const std::string &what) {
        throw FormatError(path, "pax header '" + printable(memberName) + "': " + what);
    };
    std::size_t pos = 0;
    while (pos < data.size()) {
        if (data[pos] == '\0')
            break; // some writers pad the record block with NULs
        std::size_t i = pos;
        uint64_t len = 0;
        while (i < data.size() && data[i] >= '0' && data[i] <= '9') {
            if (len > data.size())
                fail("record length out of range");
            len = len * 10 + static_cast<uint64_t>(data[i] - '0');
            ++i;
        }
        if (i == pos || i >= data.size() || data[i] != ' ')
            fail("malformed record length at byte " + std::to_string(pos));
        if (len <= i - pos + 1 || len > data.size() - pos)
            fail("record length " + std::to_string(len) + " out of range at byte " + std::to_string(pos));
        const std::string_view record = data.substr(i + 1, pos + len - (i + 1));
        if (record.empty() || record.back() != '\n')
            fail("record at byte " + std::to_string(pos) + " does not end with a newline");
        const std::size_t eq = record.find('=');
        if (eq == std::string_view::npos)
            fail("record at byte " + std::to_string(pos) + " has no '='");
        const std::string_view key = record.substr(0, eq);
        const std::string_view value = record.substr(eq + 1, record.size() - eq - 2);
        if (key == "path") {
            out.path = std::string(value);
        } else if (key == "size") {
            uint64_t v = 0;
            if (value.empty())
                fail("empty size record");
            for (char c : value) {
                if (c < '0' || c > '9' || v > (std::numeric_limits<uint64_t>::max() - 9) / 10)
                    fail("bad size record '" + printable(std::string(value)) + "'");
                v = v * 10 + static_cast<uint64_t>(c - '0');
            }
            out.size = v;
        }
        pos += len;
    }
    return out;
}

} // namespace

TarArchive TarArchive::open(const std::string &path)
{
    return open(MappedFile::open(path));
}

TarArchive TarArchive::open(std::shared_ptr<const MappedFile> file)
{
    TarArchive archive;
    archive.m_path = file->path();
    archive.m_file = std::move(file);
    archive.readHeaders();
    return archive;
}

void TarArchive::readHeaders()
{
    const MappedFile &file = *m_file;
    const uint64_t fileSize = file.size();
    uint64_t pos = 0;
    std::string previous = "(none)";     // the last member read, for errors about what follows it
    std::optional<std::string> longName; // from a GNU 'L' entry or a pax 'path' record, for the next member
    std::optional<uint64_t> paxSize;

    auto where = [&](uint64_t offset) {
        return "at offset " + std::to_string(offset) + " (after member '" + printable(previous) + "')";
    };

    for (;;) {
        if (pos == fileSize)
            throw FormatError(m_path, "truncated: the archive ends without the end-of-archive block " + where(pos));
        if (fileSize - pos < kBlock)
            throw FormatError(m_path, "truncated header " + where(pos) + ": " + std::to_string(fileSize - pos) +
                                          " of 512 bytes");
        const unsigned char *header = bytesAt(file, pos);
        if (allZero(header)) {
            // End of archive. A second zero block should follow; a lone one is accepted as GNU tar does.
            if (longName || paxSize)
                throw FormatError(m_path, "truncated: an extended header is not followed by its member " + where(pos));
            break;
        }

        const std::string rawName = fieldString(header + kNameOff, kNameLen);
        if (!checksumMatches(header))
            throw FormatError(m_path, "member '" + printable(rawName) + "': header checksum mismatch " + where(pos));

        std::string name = rawName;
        // POSIX ustar ("ustar\0") splits long paths into prefix/name; GNU ("ustar  \0") uses those bytes otherwise.
        if (std::memcmp(header + kMagicOff, "ustar\0", 6) == 0) {
            const std::string prefix = fieldString(header + kPrefixOff, kPrefixLen);
            if (!prefix.empty())
                name = prefix + "/" + name;
        }

        const char type = static_cast<char>(header[kTypeOff]);
        const bool regular = type == '0' || type == '\0' || type == '7';
        auto size = parseNumber(header + kSizeOff, kSizeLen);
        if (!size)
            throw FormatError(m_path, "member '" + printable(name) + "': malformed size field " + where(pos));
        if (regular && paxSize)
            size = paxSize; // the pax record wins over an octal field that may have overflowed
        const std::string shownName = (regular && longName) ? *longName : name;

        const uint64_t dataOffset = pos + kBlock;
        const uint64_t available = fileSize - dataOffset;
        // Checked before rounding so that a huge size cannot overflow the padded length.
        if (*size > available || ((*size + kBlock - 1) / kBlock) * kBlock > available)
            throw FormatError(m_path, "member '" + printable(shownName) + "': " + std::to_string(*size) +
                                          " bytes of data at offset " + std::to_string(dataOffset) +
                                          " (padded to 512-byte blocks) extend beyond the end of the file (" +
                                          std::to_string(fileSize) + " bytes)");
        const uint64_t padded = ((*size + kBlock - 1) / kBlock) * kBlock;
        const std::string_view data(reinterpret_cast<const char *>(bytesAt(file, dataOffset)),
                                    static_cast<std::size_t>(*size));

        switch (type) {
        case 'L': { // GNU long name: the data is the name of the next member
            const std::size_t nul = data.find('\0');
            longName = std::string(data.substr(0, nul));
            break;
        }
        case 'x': { // pax extended header for the next member
            const PaxRecords records = parsePax(data, m_path, name);
            if (records.path)
                longName = records.path;
            if (records.size)
                paxSize = records.size;
            break;
        }
        case 'K': // GNU long link name, 'g' pax global header: nothing we use
        case 'g': break;
        default:
            if (regular) {
                if (shownName.empty())
                    throw FormatError(m_path, "regular member with an empty name " + where(pos));
                Member member{shownName, *size, pos, dataOffset};
                m_index[member.name] = m_members.size();
                m_members.push_back(std::move(member));
            }
            // Directories, links, devices, sparse files: not listed. Extended headers applied to them are used up.
            previous = shownName;
            longName.reset();
            paxSize.reset();
            break;
        }
        pos = dataOffset + padded;
    }
}

const TarArchive::Member *TarArchive::find(const std::string &name) const
{
    const auto it = m_index.find(name);
    return it == m_index.end() ? nullptr : &m_members[it->second];
}

TarArchive::Data TarArchive::read(const std::string &name) const
{
    const Member *member = find(name);
    if (!member)
        throw FormatError(m_path, "no member '" + name + "'");
    return read(*member);
}

TarArchive::Data TarArchive::read(const Member &member) const
{
    // Offsets were checked against the file length in readHeaders().
    Data out;
    out.data = m_file->data() + member.dataOffset;
    out.size = static_cast<std::size_t>(member.size);
    out.owner = m_file;
    return out;
}

} // namespace vindex::io
