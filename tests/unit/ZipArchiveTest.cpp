// ZipArchive against zips assembled here byte by byte (stored, deflated, zip64, and broken ones).
#include "vindex/io/ZipArchive.h"
#include "vindex/core/Error.h"
#include "vindex/io/MappedFile.h"

#include "PickleZipBuilders.h"

#include <gtest/gtest.h>

#include <string>

using namespace vindex::io;
using testsupport::buildZip;
using testsupport::set32;

namespace {

class ZipArchiveTest : public testsupport::TempDirTest {
protected:
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
