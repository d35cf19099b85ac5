// ZipArchive against zips assembled here byte by byte (stored, deflated, zip64, and broken ones).
#include "vindex/io/ZipArchive.h"
#include "vindex/core/Error.h"
#include "vindex/io/MappedFile.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace vindex::io;
namespace fs = std::filesystem;

namespace {

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

struct Member {
    std::string name;
    std::string data;
    uint16_t method = 0;
    uint16_t flags = 0;
};

// Writes a zip the way zip writers do: local header + data per member, central directory, end record(s).
// With zip64, every size and offset goes through the zip64 extra field and the zip64 end record.
std::string buildZip(const std::vector<Member> &members, bool zip64 = false, const std::string &comment = {})
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

class ZipArchiveTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = fs::temp_directory_path() / ("vindex-zip-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    std::string write(const std::string &name, const std::string &bytes)
    {
        const std::string path = (m_dir / name).string();
        std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        return path;
    }

    // Opening (and reading every member of) the bytes must fail with one FormatError naming the file.
    std::string expectError(const std::string &bytes, const std::string &fragment)
    {
        const std::string path = write("broken.zip", bytes);
        try {
            const ZipArchive zip = ZipArchive::open(path);
            for (const auto &entry : zip.entries())
                zip.read(entry);
        } catch (const vindex::FormatError &e) {
            const std::string message = e.what();
            EXPECT_NE(message.find(path), std::string::npos) << message;
            EXPECT_NE(message.find(fragment), std::string::npos) << message;
            return message;
        }
        ADD_FAILURE() << "no FormatError (expected one mentioning '" << fragment << "')";
        return {};
    }

    fs::path m_dir;
};

std::string sampleText()
{
    std::string text;
    for (int i = 0; i < 500; ++i)
        text += "line " + std::to_string(i) + " of a compressible member\n";
    return text;
}

} // namespace

TEST_F(ZipArchiveTest, ReadsStoredMembersWithoutCopying)
{
    const std::string path = write(
        "a.zip", buildZip({{"archive/data.pkl", "pickle bytes"}, {"archive/data/0", ""}, {"archive/version", "3\n"}}));
    const ZipArchive zip = ZipArchive::open(path);
    ASSERT_EQ(zip.entries().size(), 3u);
    EXPECT_EQ(zip.entries()[0].name, "archive/data.pkl");
    EXPECT_TRUE(zip.contains("archive/version"));
    EXPECT_FALSE(zip.contains("archive/nothing"));
    EXPECT_EQ(zip.find("archive/nothing"), nullptr);

    const ZipArchive::Data data = zip.read("archive/data.pkl");
    EXPECT_EQ(data.view(), "pickle bytes");
    // Stored members point into the mapping, which they keep alive.
    EXPECT_EQ(data.owner.get(), static_cast<const void *>(zip.file().get()));
    EXPECT_GE(data.data, zip.file()->data());
    EXPECT_LE(data.data + data.size, zip.file()->data() + zip.file()->size());
    EXPECT_EQ(zip.read("archive/data/0").size, 0u);
    EXPECT_EQ(zip.read("archive/version").view(), "3\n");
}

TEST_F(ZipArchiveTest, MemberDataOutlivesTheArchive)
{
    const std::string path = write("a.zip", buildZip({{"x/a", "alive"}, {"x/b", sampleText(), 8}}));
    ZipArchive::Data stored, inflated;
    {
        const ZipArchive zip = ZipArchive::open(path);
        stored = zip.read("x/a");
        inflated = zip.read("x/b");
    }
    EXPECT_EQ(stored.view(), "alive");
    EXPECT_EQ(inflated.view(), sampleText());
}

TEST_F(ZipArchiveTest, InflatesDeflatedMembersAndChecksTheirCrc)
{
    const std::string text = sampleText();
    const std::string path = write("d.zip", buildZip({{"x/text", text, 8}, {"x/empty", "", 8}}));
    const ZipArchive zip = ZipArchive::open(path);
    EXPECT_EQ(zip.find("x/text")->method, 8);
    EXPECT_LT(zip.find("x/text")->compressedSize, text.size());
    EXPECT_EQ(zip.read("x/text").view(), text);
    EXPECT_EQ(zip.read("x/empty").size, 0u);
}

TEST_F(ZipArchiveTest, ReadsZip64RecordsAndExtraFields)
{
    const std::string text = sampleText();
    const std::string path =
        write("z64.zip", buildZip({{"big/data.pkl", "abc"}, {"big/data/0", text, 8}, {"big/data/1", text}}, true));
    const ZipArchive zip = ZipArchive::open(path);
    ASSERT_EQ(zip.entries().size(), 3u);
    EXPECT_EQ(zip.find("big/data/1")->size, text.size());
    EXPECT_EQ(zip.read("big/data.pkl").view(), "abc");
    EXPECT_EQ(zip.read("big/data/0").view(), text);
    EXPECT_EQ(zip.read("big/data/1").view(), text);
}

TEST_F(ZipArchiveTest, AcceptsAnArchiveComment)
{
    const std::string path = write("c.zip", buildZip({{"a/b", "x"}}, false, "a comment with PK\x05\x06 inside"));
    EXPECT_EQ(ZipArchive::open(path).read("a/b").view(), "x");
}

TEST_F(ZipArchiveTest, MissingAndDuplicateMembersAreNamed)
{
    const std::string path = write("m.zip", buildZip({{"a/one", "1"}}));
    try {
        ZipArchive::open(path).read("a/two");
        FAIL() << "no error";
    } catch (const vindex::FormatError &e) {
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("'a/two'"), std::string::npos) << e.what();
    }
    expectError(buildZip({{"a/one", "1"}, {"a/one", "2"}}), "duplicate member 'a/one'");
}

TEST_F(ZipArchiveTest, RejectsFilesThatAreNotZips)
{
    expectError("", "empty file");
    expectError("just some text that is long enough to hold an end record", "not a zip archive");
    std::string bytes = buildZip({{"a/b", "data"}});
    bytes.resize(bytes.size() - 1);
    expectError(bytes, "truncated zip archive");
}

TEST_F(ZipArchiveTest, EveryTruncationIsAFormatError)
{
    const std::string bytes = buildZip({{"a/data.pkl", "pickle"}, {"a/data/0", sampleText(), 8}, {"a/data/1", "x"}});
    for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
        const std::string path = write("cut.zip", bytes.substr(0, cut));
        try {
            const ZipArchive zip = ZipArchive::open(path);
            for (const auto &entry : zip.entries())
                zip.read(entry);
            ADD_FAILURE() << "cut at " << cut << " of " << bytes.size() << " was accepted";
        } catch (const vindex::FormatError &e) {
            ASSERT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
        }
    }
}

TEST_F(ZipArchiveTest, RejectsOffsetsAndSizesBeyondTheFile)
{
    const std::string good = buildZip({{"a/data.pkl", "pickle"}, {"a/data/0", "0123456789"}});
    const std::size_t end = good.size() - 22;
    const std::size_t directory = good.find("PK\x01\x02");
    const std::size_t secondEntry = good.find("PK\x01\x02", directory + 4);

    std::string bytes = good;
    set32(bytes, end + 16, 0x7fffffff); // central directory offset
    expectError(bytes, "central directory");
    bytes = good;
    set32(bytes, end + 12, static_cast<uint32_t>(good.size())); // central directory size
    expectError(bytes, "central directory");
    bytes = good;
    bytes[end + 10] = '\x40'; // 64 entries declared
    bytes[end + 8] = '\x40';
    expectError(bytes, "declares 64 members");
    bytes = good;
    set32(bytes, secondEntry + 42, 0x00ffffff); // local header offset
    expectError(bytes, "local header offset");
    bytes = good;
    set32(bytes, secondEntry + 20, 1000); // compressed size
    set32(bytes, secondEntry + 24, 1000);
    expectError(bytes, "runs past");
    bytes = good;
    bytes[0] = 'X'; // first local header signature
    expectError(bytes, "local header signature");
    bytes = good;
    bytes[directory] = 'X';
    expectError(bytes, "central directory entry 0");
    bytes = good;
    bytes[directory + 28] = '\x7f'; // name length past the directory
    expectError(bytes, "run past the end of the central directory");
    bytes = good;
    bytes[secondEntry + 30] = '\x10';
    expectError(bytes, "run past the end of the central directory");
    bytes = good;
    set32(bytes, secondEntry + 24, 11); // stored but sizes differ
    expectError(bytes, "is stored but declares");
}

TEST_F(ZipArchiveTest, RejectsUnsupportedAndCorruptMembers)
{
    expectError(buildZip({{"a/secret", "x", 0, 1}}), "encrypted");
    expectError(buildZip({{"a/bz", "x", 12}}), "compression method 12");

    const std::string text = sampleText();
    std::string bytes = buildZip({{"a/text", text, 8}});
    const std::size_t dataStart = 30 + 6;
    bytes[dataStart + 10] = static_cast<char>(bytes[dataStart + 10] ^ 0x5a);
    try {
        const std::string path = write("corrupt.zip", bytes);
        const ZipArchive zip = ZipArchive::open(path);
        zip.read("a/text");
        ADD_FAILURE() << "corrupt deflate data was accepted";
    } catch (const vindex::FormatError &e) {
        EXPECT_NE(std::string(e.what()).find("member 'a/text'"), std::string::npos) << e.what();
    }

    bytes = buildZip({{"a/text", text, 8}});
    const std::size_t directory = bytes.find("PK\x01\x02");
    set32(bytes, directory + 16, 0x12345678); // CRC
    expectError(bytes, "CRC mismatch");
    bytes = buildZip({{"a/text", text, 8}});
    set32(bytes, directory + 24, 0x7fffffff); // inflated size beyond what deflate can produce
    expectError(bytes, "more than deflate can produce");
    bytes = buildZip({{"a/text", text, 8}});
    set32(bytes, directory + 24, static_cast<uint32_t>(text.size() - 1));
    expectError(bytes, "more than the declared");
    bytes = buildZip({{"a/text", text, 8}});
    set32(bytes, directory + 24, static_cast<uint32_t>(text.size() + 1));
    expectError(bytes, "member 'a/text'");
}

TEST_F(ZipArchiveTest, RejectsBrokenZip64Records)
{
    const std::string good = buildZip({{"a/b", "x"}}, true);
    const std::size_t locator = good.size() - 22 - 20;
    std::string bytes = good;
    set32(bytes, locator + 8, 0x7ffffff0); // zip64 record offset
    expectError(bytes, "zip64 end-of-central-directory record");
    bytes = good;
    bytes[locator] = 'X'; // no locator: the classic record's 0xffffffff values cannot be resolved
    expectError(bytes, "zip64 locator is missing");
    bytes = good;
    const std::size_t record = good.find("PK\x06\x06");
    set32(bytes, record + 48, 0x7ffffff0); // zip64 directory offset (low half)
    expectError(bytes, "central directory");
    bytes = good;
    const std::size_t directory = good.find("PK\x01\x02");
    bytes[directory + 30] = 12; // zip64 extra field shortened: no room for the offset
    bytes[directory + 46 + 3 + 2] = 8;
    expectError(bytes, "zip64 extra field is too short");
}
