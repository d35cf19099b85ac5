#include "PickleZipBuilders.h"

#include <zlib.h>

namespace testsupport {

void put16(std::string &out, uint32_t v)
{
    out += static_cast<char>(v & 0xff);
    out += static_cast<char>((v >> 8) & 0xff);
}

void put32(std::string &out, uint32_t v)
{
    put16(out, v & 0xffff);
    put16(out, v >> 16);
}

void put64(std::string &out, uint64_t v)
{
    put32(out, static_cast<uint32_t>(v));
    put32(out, static_cast<uint32_t>(v >> 32));
}

void set32(std::string &data, std::size_t at, uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        data[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

std::string u32(uint32_t v)
{
    std::string out;
    put32(out, v);
    return out;
}

std::string str(const std::string &s)
{
    return "X" + u32(static_cast<uint32_t>(s.size())) + s;
}

std::string int1(int v)
{
    return std::string("K") + static_cast<char>(v);
}

std::string global(const std::string &module, const std::string &name)
{
    return "c" + module + "\n" + name + "\n";
}

std::string tensorCall(const std::string &key, int numel, int offset, const std::vector<int> &size,
                       const std::vector<int> &stride, const std::string &storageType)
{
    std::string p = global("torch._utils", "_rebuild_tensor_v2") + "((" + str("storage") +
                    global("torch", storageType) + str(key) + str("cpu") + "J" + u32(static_cast<uint32_t>(numel)) +
                    "tQ" + "J" + u32(static_cast<uint32_t>(offset)) + "(";
    for (int s : size)
        p += "J" + u32(static_cast<uint32_t>(s));
    p += "t(";
    for (int s : stride)
        p += "J" + u32(static_cast<uint32_t>(s));
    p += "t\x89" + global("collections", "OrderedDict") + ")Rt" + "R";
    return p;
}

std::string floats(const std::vector<float> &values)
{
    return std::string(reinterpret_cast<const char *>(values.data()), values.size() * sizeof(float));
}

std::string rawDeflate(const std::string &data)
{
    z_stream s{};
    EXPECT_EQ(deflateInit2(&s, Z_BEST_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    std::string out(deflateBound(&s, data.size()), '\0');
    s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    s.avail_in = static_cast<uInt>(data.size());
    s.next_out = reinterpret_cast<Bytef *>(out.data());
    s.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(deflate(&s, Z_FINISH), Z_STREAM_END);
    out.resize(s.total_out);
    deflateEnd(&s);
    return out;
}

std::string buildZip(const std::vector<ZipMember> &members, bool zip64, const std::string &comment)
{
    std::string out, directory;
    for (const auto &m : members) {
        const std::string stored = m.method == 8 ? rawDeflate(m.data) : m.data;
        const uint32_t crc = static_cast<uint32_t>(
            crc32(0, reinterpret_cast<const Bytef *>(m.data.data()), static_cast<uInt>(m.data.size())));
        const uint64_t offset = out.size();
        put32(out, 0x04034b50);
        put16(out, zip64 ? 45 : 20);
        put16(out, m.flags);
        put16(out, m.method);
        put32(out, 0); // time, date
        put32(out, crc);
        put32(out, zip64 ? 0xffffffff : static_cast<uint32_t>(stored.size()));
        put32(out, zip64 ? 0xffffffff : static_cast<uint32_t>(m.data.size()));
        put16(out, static_cast<uint32_t>(m.name.size()));
        put16(out, zip64 ? 20 : 0);
        out += m.name;
        if (zip64) {
            put16(out, 1);
            put16(out, 16);
            put64(out, m.data.size());
            put64(out, stored.size());
        }
        out += stored;

        put32(directory, 0x02014b50);
        put16(directory, 45);
        put16(directory, zip64 ? 45 : 20);
        put16(directory, m.flags);
        put16(directory, m.method);
        put32(directory, 0);
        put32(directory, crc);
        put32(directory, zip64 ? 0xffffffff : static_cast<uint32_t>(stored.size()));
        put32(directory, zip64 ? 0xffffffff : static_cast<uint32_t>(m.data.size()));
        put16(directory, static_cast<uint32_t>(m.name.size()));
        put16(directory, zip64 ? 28 : 0);
        put16(directory, 0); // comment
        put16(directory, 0); // disk
        put16(directory, 0);
        put32(directory, 0);
        put32(directory, zip64 ? 0xffffffff : static_cast<uint32_t>(offset));
        directory += m.name;
        if (zip64) {
            put16(directory, 1);
            put16(directory, 24);
            put64(directory, m.data.size());
            put64(directory, stored.size());
            put64(directory, offset);
        }
    }
    const uint64_t directoryOffset = out.size();
    out += directory;
    if (zip64) {
        const uint64_t recordOffset = out.size();
        put32(out, 0x06064b50);
        put64(out, 44);
        put16(out, 45);
        put16(out, 45);
        put32(out, 0);
        put32(out, 0);
        put64(out, members.size());
        put64(out, members.size());
        put64(out, directory.size());
        put64(out, directoryOffset);
        put32(out, 0x07064b50);
        put32(out, 0);
        put64(out, recordOffset);
        put32(out, 1);
    }
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, zip64 ? 0xffff : static_cast<uint32_t>(members.size()));
    put16(out, zip64 ? 0xffff : static_cast<uint32_t>(members.size()));
    put32(out, zip64 ? 0xffffffff : static_cast<uint32_t>(directory.size()));
    put32(out, zip64 ? 0xffffffff : static_cast<uint32_t>(directoryOffset));
    put16(out, static_cast<uint32_t>(comment.size()));
    out += comment;
    return out;
}

std::string storedZip(const std::vector<std::pair<std::string, std::string>> &members)
{
    std::vector<ZipMember> stored;
    for (const auto &[name, data] : members)
        stored.push_back({name, data});
    return buildZip(stored);
}

std::string TempDirTest::write(const std::string &name, const std::string &bytes) const
{
    const std::string path = m_dir.file(name);
    writeBytes(path, bytes);
    return path;
}

} // namespace testsupport
