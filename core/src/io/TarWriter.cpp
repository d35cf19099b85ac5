#include "vindex/io/TarWriter.h"

#include "vindex/core/Error.h"

#include <array>
#include <cstdio>
#include <cstring>

namespace vindex::io {

namespace {

constexpr std::size_t kBlock = 512;
// POSIX ustar magic and version ("ustar\0" "00"); GNU's own format writes "ustar  \0" instead.
constexpr char kUstarMagic[8] = {'u', 's', 't', 'a', 'r', '\0', '0', '0'};

// Writes value as zero-padded octal digits followed by a NUL, filling a field of width bytes.
void putOctal(char *field, std::size_t width, uint64_t value)
{
    std::snprintf(field, width, "%0*llo", static_cast<int>(width - 1), static_cast<unsigned long long>(value));
}

} // namespace

TarWriter::TarWriter(std::string path) : m_path(path), m_file(std::move(path)) {}

void TarWriter::add(const std::string &name, const void *data, std::size_t size)
{
    auto fail = [&](const std::string &why) { throw Error(m_path + ": cannot add member '" + name + "': " + why); };
    if (m_committed)
        fail("the archive is already committed");
    if (name.empty() || name.front() == '/' || name == ".." || name.rfind("../", 0) == 0 ||
        name.find("/../") != std::string::npos || name.find('\0') != std::string::npos)
        fail("expected a non-empty relative path without '..'");
    if (size > kMaxMemberSize)
        fail(std::to_string(size) + " bytes, ustar holds at most " + std::to_string(kMaxMemberSize));

    // ustar keeps paths over 100 bytes as prefix (≤ 155) + '/' + name (≤ 100), split at a slash.
    std::string prefix, shortName = name;
    if (name.size() > 100) {
        std::size_t split = std::string::npos;
        for (std::size_t i = 0; i < name.size(); ++i)
            if (name[i] == '/' && i <= 155 && name.size() - i - 1 <= 100 && name.size() - i - 1 > 0) {
                split = i;
                break;
            }
        if (split == std::string::npos)
            fail("the path (" + std::to_string(name.size()) +
                 " bytes) does not split into a ustar prefix (≤ 155) and name (≤ 100) at a '/'");
        prefix = name.substr(0, split);
        shortName = name.substr(split + 1);
    }

    std::array<char, kBlock> header{};
    std::memcpy(header.data(), shortName.data(), shortName.size()); // name[100]
    putOctal(header.data() + 100, 8, 0644);                         // mode
    putOctal(header.data() + 108, 8, 0);                            // uid
    putOctal(header.data() + 116, 8, 0);                            // gid
    putOctal(header.data() + 124, 12, size);                        // size
    putOctal(header.data() + 136, 12, 0);                           // mtime: reproducible archives
    header[156] = '0';                                              // typeflag: regular file
    std::memcpy(header.data() + 257, kUstarMagic, sizeof kUstarMagic);
    putOctal(header.data() + 329, 8, 0);                            // devmajor
    putOctal(header.data() + 337, 8, 0);                            // devminor
    std::memcpy(header.data() + 345, prefix.data(), prefix.size()); // prefix[155]
    // The checksum is taken with its own field as spaces, and stored as six octal digits, NUL, space.
    std::memset(header.data() + 148, ' ', 8);
    unsigned sum = 0;
    for (char c : header)
        sum += static_cast<unsigned char>(c);
    std::snprintf(header.data() + 148, 8, "%06o", sum);
    header[155] = ' ';

    m_file.write(header.data(), header.size());
    if (size > 0)
        m_file.write(data, size);
    static const std::array<char, kBlock> zeros{};
    if (const std::size_t tail = size % kBlock)
        m_file.write(zeros.data(), kBlock - tail);
    ++m_members;
}

void TarWriter::commit()
{
    if (m_committed)
        throw Error(m_path + ": the archive is already committed");
    static const std::array<char, 2 * kBlock> zeros{};
    m_file.write(zeros.data(), zeros.size());
    m_file.commit();
    m_committed = true;
}

} // namespace vindex::io
