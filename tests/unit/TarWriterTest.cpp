// TarWriter: archives read back by our TarArchive and by GNU tar, with ustar headers checked byte by byte.
#include "TestSupport.h"

#include "vindex/core/Error.h"
#include "vindex/io/TarArchive.h"
#include "vindex/io/TarWriter.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <filesystem>

using vindex::Error;
using vindex::io::TarArchive;
using vindex::io::TarWriter;

namespace {

// Output of a shell command, or nullopt-like empty with ok = false when it failed.
std::string run(const std::string &command, bool &ok)
{
    std::string out;
    FILE *pipe = ::popen(command.c_str(), "r");
    ok = pipe != nullptr;
    if (!pipe)
        return out;
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        out.append(buffer, n);
    ok = ::pclose(pipe) == 0;
    return out;
}

std::string longName()
{
    // 150 bytes of folders + a 60-byte file name: only a ustar prefix/name split can hold it.
    return std::string(70, 'a') + "/" + std::string(79, 'b') + "/" + std::string(56, 'c') + ".npy";
}

} // namespace

TEST(TarWriter, MembersReadBackWithTheirBytesAndPadding)
{
    testsupport::TempDir dir;
    const std::string path = dir.file("a.tar");
    const std::string big(1000, 'x'); // 1000 bytes: one full block + 488 of padding
    {
        TarWriter tar(path);
        tar.add("sample000000000.jpg", std::string_view("JPEG"));
        tar.add("empty.txt", std::string_view());
        tar.add("sub/dir/big.bin", big);
        tar.add(longName(), std::string_view("long"));
        EXPECT_EQ(tar.memberCount(), 4u);
        tar.commit();
    }
    // 4 headers + data blocks (1 + 0 + 2 + 1) + 2 end blocks.
    EXPECT_EQ(std::filesystem::file_size(path), 512u * (4 + 4 + 2));
    const TarArchive archive = TarArchive::open(path);
    ASSERT_EQ(archive.members().size(), 4u);
    EXPECT_EQ(archive.members()[0].name, "sample000000000.jpg");
    EXPECT_EQ(std::string(archive.read("sample000000000.jpg").view()), "JPEG");
    EXPECT_EQ(archive.read("empty.txt").size, 0u);
    EXPECT_EQ(std::string(archive.read("sub/dir/big.bin").view()), big);
    EXPECT_EQ(std::string(archive.read(longName()).view()), "long");

    // The first header as POSIX.1-1988 lays it out.
    const std::string bytes = testsupport::readBytes(path);
    EXPECT_EQ(bytes.substr(100, 8), std::string("0000644\0", 8));
    EXPECT_EQ(bytes.substr(124, 12), std::string("00000000004\0", 12));
    EXPECT_EQ(bytes[156], '0');
    EXPECT_EQ(bytes.substr(257, 6), std::string("ustar\0", 6)); // POSIX magic, then version "00"
    EXPECT_EQ(bytes.substr(263, 2), "00");
    unsigned sum = 0;
    for (int i = 0; i < 512; ++i)
        sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(bytes[i]);
    EXPECT_EQ(std::strtoul(bytes.substr(148, 6).c_str(), nullptr, 8), sum);
    // Two zero blocks close the archive.
    EXPECT_EQ(bytes.substr(bytes.size() - 1024), std::string(1024, '\0'));
}

TEST(TarWriter, GnuTarListsAndExtractsIt)
{
    bool ok = false;
    run("tar --version >/dev/null 2>&1", ok);
    if (!ok)
        GTEST_SKIP() << "tar is not installed";
    testsupport::TempDir dir;
    const std::string path = dir.file("b.tar");
    TarWriter tar(path);
    tar.add("sample000000000.nsdgeneral.npy", std::string_view("abc"));
    tar.add(longName(), std::string_view("long"));
    tar.commit();
    const std::string listing = run("tar tf '" + path + "' 2>&1", ok);
    ASSERT_TRUE(ok) << listing;
    EXPECT_EQ(listing, "sample000000000.nsdgeneral.npy\n" + longName() + "\n");
    const std::string content = run("tar xOf '" + path + "' sample000000000.nsdgeneral.npy 2>&1", ok);
    ASSERT_TRUE(ok) << content;
    EXPECT_EQ(content, "abc");
}

TEST(TarWriter, RefusesWhatUstarCannotHoldAndLeavesNoFile)
{
    testsupport::TempDir dir;
    const std::string path = dir.file("c.tar");
    {
        TarWriter tar(path);
        for (const std::string bad :
             {std::string(), std::string("/abs"), std::string("../up"), std::string("a/../b"), std::string(120, 'n')}) {
            try {
                tar.add(bad, std::string_view("x"));
                ADD_FAILURE() << "accepted '" << bad << "'";
            } catch (const Error &e) {
                EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
            }
        }
        // Never committed: the archive must not appear.
    }
    EXPECT_FALSE(std::filesystem::exists(path));
    EXPECT_TRUE(std::filesystem::is_empty(dir.path())); // no temporary file left either
    TarWriter done(path);
    done.commit();
    EXPECT_THROW(done.add("late", std::string_view("x")), Error);
    EXPECT_THROW(done.commit(), Error);
    EXPECT_TRUE(TarArchive::open(path).members().empty());
    EXPECT_THROW(TarWriter(dir.file("missing/folder/d.tar")), Error);
}
