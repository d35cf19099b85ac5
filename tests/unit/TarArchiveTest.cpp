// TarArchive against the mini-nsd webdataset tars (written by Python's tarfile) and against hostile archives built
// here: truncated at many cut points, corrupted checksums, sizes beyond the file, GNU / pax long names.
#include "TestSupport.h"

#include "vindex/core/Error.h"
#include "vindex/io/TarArchive.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

using vindex::FormatError;
using vindex::io::TarArchive;

namespace {

const char *const kSuffixes[] = {".jpg", ".nsdgeneral.npy", ".coco73k.npy", ".trial.npy", ".num_uniques.npy"};

std::string wdsTar(const std::string &split, int subject)
{
    char name[64];
    std::snprintf(name, sizeof name, "%s/%s_subj%02d_0.tar", split.c_str(), split.c_str(), subject);
    return testsupport::fixture(std::string("mini-nsd/webdataset_avg_split/") + name);
}

// --- a tiny tar writer for synthetic archives -------------------------------------------------------------------

void putOctal(std::string &h, std::size_t off, std::size_t len, unsigned long long value)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%0*llo", static_cast<int>(len - 1), value);
    std::memcpy(&h[off], buf, len - 1);
    h[off + len - 1] = '\0';
}

void setChecksum(std::string &h)
{
    std::memset(&h[148], ' ', 8);
    unsigned sum = 0;
    for (unsigned char c : h.substr(0, 512))
        sum += c;
    char buf[8];
    std::snprintf(buf, sizeof buf, "%06o", sum);
    std::memcpy(&h[148], buf, 6);
    h[154] = '\0';
    h[155] = ' ';
}

std::string header(const std::string &name, unsigned long long size, char type, bool gnu = false,
                   const std::string &prefix = {}, bool base256 = false)
{
    std::string h(512, '\0');
    std::memcpy(&h[0], name.data(), std::min<std::size_t>(name.size(), 100));
    putOctal(h, 100, 8, 0644);
    putOctal(h, 108, 8, 0);
    putOctal(h, 116, 8, 0);
    if (base256) {
        h[124] = static_cast<char>(0x80);
        for (int i = 0; i < 8; ++i)
            h[135 - i] = static_cast<char>((size >> (8 * i)) & 0xff);
    } else {
        putOctal(h, 124, 12, size);
    }
    putOctal(h, 136, 12, 0);
    h[156] = type;
    if (gnu)
        std::memcpy(&h[257], "ustar  \0", 8);
    else
        std::memcpy(&h[257],
                    "ustar\0"
                    "00",
                    8);
    std::memcpy(&h[345], prefix.data(), std::min<std::size_t>(prefix.size(), 155));
    setChecksum(h);
    return h;
}

std::string padded(const std::string &data)
{
    return data + std::string((512 - data.size() % 512) % 512, '\0');
}

std::string entry(const std::string &name, const std::string &data, char type = '0', bool gnu = false)
{
    return header(name, data.size(), type, gnu) + padded(data);
}

std::string paxRecord(const std::string &key, const std::string &value)
{
    // The length counts its own digits: iterate until it is stable.
    const std::string body = " " + key + "=" + value + "\n";
    std::size_t len = body.size() + 1;
    while (std::to_string(len).size() + body.size() != len)
        len = std::to_string(len).size() + body.size();
    return std::to_string(len) + body;
}

const std::string kEnd(1024, '\0');

// Opening path must fail with a FormatError whose message names the file (and, where given, more text).
void expectFormatError(const std::string &path, const std::string &alsoContains = {})
{
    try {
        TarArchive::open(path);
        ADD_FAILURE() << "no error for " << path;
    } catch (const FormatError &e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find(path), std::string::npos) << msg;
        if (!alsoContains.empty()) {
            EXPECT_NE(msg.find(alsoContains), std::string::npos) << msg;
        }
    }
}

} // namespace

TEST(TarArchive, ListsWebdatasetMembersOfEveryShard)
{
    const auto expected = testsupport::readJson(testsupport::fixture("mini-nsd/expected.json"));
    for (const std::string subject : {"1", "2"}) {
        const auto &subj = expected["subjects"][subject];
        const int64_t nvox = subj["nvox"].get<int64_t>();
        for (const std::string split : {"train", "val", "test"}) {
            const std::string path = wdsTar(split, std::stoi(subject));
            const TarArchive tar = TarArchive::open(path);
            const std::size_t samples = subj["splits"][split].size();
            ASSERT_EQ(tar.members().size(), samples * 5) << path;

            // Every key carries the five members, in the writer's order.
            std::map<std::string, std::vector<std::string>> byKey;
            std::vector<std::string> keyOrder;
            for (const auto &m : tar.members()) {
                const std::string key = m.name.substr(0, m.name.find('.'));
                if (!byKey.count(key))
                    keyOrder.push_back(key);
                byKey[key].push_back(m.name.substr(key.size()));
                EXPECT_EQ(m.dataOffset % 512, 0u);
                EXPECT_EQ(m.dataOffset, m.headerOffset + 512);
                EXPECT_EQ(tar.find(m.name), &m);
            }
            ASSERT_EQ(byKey.size(), samples);
            for (const auto &key : keyOrder)
                EXPECT_EQ(byKey[key], std::vector<std::string>(std::begin(kSuffixes), std::end(kSuffixes))) << key;

            // Sizes in closed form: a version 1.0 .npy header of 128 bytes plus the data.
            for (const auto &key : keyOrder) {
                EXPECT_EQ(tar.find(key + ".nsdgeneral.npy")->size, uint64_t(128 + 3 * nvox * 2));
                EXPECT_EQ(tar.find(key + ".coco73k.npy")->size, 128u + 8u);
                EXPECT_EQ(tar.find(key + ".trial.npy")->size, 128u + 3u * 8u);
                EXPECT_EQ(tar.find(key + ".num_uniques.npy")->size, 128u + 8u);
                const auto jpg = tar.read(key + ".jpg");
                ASSERT_GE(jpg.size, 4u);
                EXPECT_EQ(std::to_integer<int>(jpg.data[0]), 0xFF);
                EXPECT_EQ(std::to_integer<int>(jpg.data[1]), 0xD8);
                EXPECT_EQ(tar.read(key + ".trial.npy").view().substr(0, 6), "\x93NUMPY");
            }
        }
    }
}

TEST(TarArchive, MemberBytesOutliveTheArchive)
{
    TarArchive::Data data;
    {
        const TarArchive tar = TarArchive::open(wdsTar("test", 1));
        data = tar.read(tar.members().at(1));
    }
    EXPECT_EQ(data.view().substr(0, 6), "\x93NUMPY");
    EXPECT_THROW(TarArchive::open(wdsTar("test", 1)).read("no-such-member"), FormatError);
}

TEST(TarArchive, TruncatedAtAnyCutPointIsAFormatError)
{
    const std::string bytes = testsupport::readBytes(wdsTar("test", 1));
    const TarArchive whole = TarArchive::open(wdsTar("test", 1));
    const auto &last = whole.members().back();
    // The end-of-archive block starts after the last member's padded data; anything before its end is truncated.
    const std::size_t endBlock = last.dataOffset + (last.size + 511) / 512 * 512;
    ASSERT_LE(endBlock + 512, bytes.size());

    std::set<std::size_t> cuts;
    for (std::size_t c = 1; c < endBlock + 512; c += 37)
        cuts.insert(c);
    for (const auto &m : whole.members()) { // around every boundary
        for (std::size_t b : {m.headerOffset, m.dataOffset, m.dataOffset + m.size}) {
            for (std::size_t d : {0, 1, 511})
                if (b + d > 0 && b + d < endBlock + 512)
                    cuts.insert(b + d);
            if (b > 1)
                cuts.insert(b - 1);
        }
    }
    cuts.insert(endBlock);
    cuts.insert(endBlock + 511);

    testsupport::TempDir dir;
    const std::string path = dir.file("cut.tar");
    // Longest cut first, so that each step is one cheap truncation of the same file.
    testsupport::writeBytes(path, bytes);
    for (auto it = cuts.rbegin(); it != cuts.rend(); ++it) {
        SCOPED_TRACE("cut at " + std::to_string(*it));
        std::filesystem::resize_file(path, *it);
        expectFormatError(path);
    }
    // With one whole zero block the archive is complete (GNU tar accepts a lone zero block too).
    testsupport::writeBytes(path, bytes.substr(0, endBlock + 512));
    EXPECT_EQ(TarArchive::open(path).members().size(), whole.members().size());
}

TEST(TarArchive, CutInsideAMemberNamesIt)
{
    const std::string bytes = testsupport::readBytes(wdsTar("test", 1));
    const TarArchive whole = TarArchive::open(wdsTar("test", 1));
    testsupport::TempDir dir;
    const std::string path = dir.file("cut.tar");
    for (const auto &m : whole.members()) {
        testsupport::writeBytes(path, bytes.substr(0, m.dataOffset + m.size / 2));
        expectFormatError(path, "'" + m.name + "'");
    }
}

TEST(TarArchive, CorruptedChecksumIsAFormatError)
{
    const std::string bytes = testsupport::readBytes(wdsTar("test", 2));
    const TarArchive whole = TarArchive::open(wdsTar("test", 2));
    testsupport::TempDir dir;
    const std::string path = dir.file("bad.tar");
    for (std::size_t i : {std::size_t(0), std::size_t(3), whole.members().size() - 1}) {
        const auto &m = whole.members()[i];
        std::string b = bytes;
        b[m.headerOffset + 100] ^= 0x01; // the mode field: only the checksum can notice
        testsupport::writeBytes(path, b);
        expectFormatError(path, "checksum");
        expectFormatError(path, m.name);

        b = bytes;
        b[m.headerOffset + 149] = '7'; // the checksum field itself
        testsupport::writeBytes(path, b);
        expectFormatError(path, "checksum");
    }
}

TEST(TarArchive, SizeBeyondTheFileIsAFormatError)
{
    const std::string bytes = testsupport::readBytes(wdsTar("val", 1));
    const TarArchive whole = TarArchive::open(wdsTar("val", 1));
    testsupport::TempDir dir;
    const std::string path = dir.file("big.tar");
    const auto &m = whole.members()[2];
    for (unsigned long long size : {static_cast<unsigned long long>(bytes.size()), 077777777777ULL}) {
        std::string b = bytes;
        std::string h = b.substr(m.headerOffset, 512);
        putOctal(h, 124, 12, size);
        setChecksum(h); // a valid header that lies about the size
        b.replace(m.headerOffset, 512, h);
        testsupport::writeBytes(path, b);
        expectFormatError(path, m.name);
        expectFormatError(path, "beyond the end of the file");
    }
    // Base-256 near 2^64: no overflow when padding to a block.
    std::string b = bytes;
    std::string h = b.substr(m.headerOffset, 512);
    h[124] = static_cast<char>(0x80);
    std::memset(&h[125], 0, 3);
    std::memset(&h[128], 0xff, 8); // 2^64 - 1
    setChecksum(h);
    b.replace(m.headerOffset, 512, h);
    testsupport::writeBytes(path, b);
    expectFormatError(path, "beyond the end of the file");
    // Base-256 beyond 64 bits.
    std::memset(&h[125], 0xff, 11);
    setChecksum(h);
    b.replace(m.headerOffset, 512, h);
    testsupport::writeBytes(path, b);
    expectFormatError(path, "size field");
    // Garbage in the size field.
    b = bytes;
    h = b.substr(m.headerOffset, 512);
    std::memcpy(&h[124], "12x45", 5);
    setChecksum(h);
    b.replace(m.headerOffset, 512, h);
    testsupport::writeBytes(path, b);
    expectFormatError(path, "size field");
}

TEST(TarArchive, LongNamesPaxAndBase256)
{
    const std::string longGnu = std::string(150, 'g') + "/sample.nsdgeneral.npy";
    const std::string longPax = "dir/" + std::string(120, 'p') + ".coco73k.npy";
    std::string tar;
    tar += entry("folder/", "", '5'); // directory: not listed
    tar += entry("././@LongLink", longGnu + '\0', 'L', true) + entry("truncated-name", "gnu-data", '0', true);
    tar +=
        entry("PaxHeaders/x", paxRecord("mtime", "1.5") + paxRecord("path", longPax), 'x') + entry("short", "pax-data");
    tar += header("b256.bin", 5, '0', true, {}, true) + padded("12345");    // GNU base-256 size
    tar += header("name.txt", 3, '0', false, "the/prefix") + padded("abc"); // ustar prefix
    tar += entry("link", "", '2');                                          // symlink: not listed
    tar += entry("dup", "first") + entry("dup", "second!");
    // A pax size record wins over the octal field.
    tar += entry("PaxHeaders/y", paxRecord("size", "4"), 'x') + header("paxsize", 0, '0') + padded("WXYZ");
    tar += kEnd;

    testsupport::TempDir dir;
    const std::string path = dir.file("synthetic.tar");
    testsupport::writeBytes(path, tar);
    const TarArchive archive = TarArchive::open(path);
    std::vector<std::string> names;
    for (const auto &m : archive.members())
        names.push_back(m.name);
    EXPECT_EQ(names,
              (std::vector<std::string>{longGnu, longPax, "b256.bin", "the/prefix/name.txt", "dup", "dup", "paxsize"}));
    EXPECT_EQ(archive.read(longGnu).view(), "gnu-data");
    EXPECT_EQ(archive.read(longPax).view(), "pax-data");
    EXPECT_EQ(archive.read("b256.bin").view(), "12345");
    EXPECT_EQ(archive.read("the/prefix/name.txt").view(), "abc");
    EXPECT_EQ(archive.read("dup").view(), "second!"); // the later one, as extraction leaves it
    EXPECT_EQ(archive.read("paxsize").view(), "WXYZ");
    EXPECT_FALSE(archive.contains("folder/"));
    EXPECT_FALSE(archive.contains("link"));
    EXPECT_FALSE(archive.contains("truncated-name"));
}

TEST(TarArchive, MalformedExtendedHeadersAreFormatErrors)
{
    testsupport::TempDir dir;
    const std::string path = dir.file("bad.tar");
    // Record length longer than the data.
    testsupport::writeBytes(path, entry("PaxHeaders/x", "99 path=a\n", 'x') + entry("a", "1") + kEnd);
    expectFormatError(path, "pax");
    // No '='.
    testsupport::writeBytes(path, entry("PaxHeaders/x", "9 pathab\n", 'x') + entry("a", "1") + kEnd);
    expectFormatError(path, "pax");
    // An extended header with no member after it.
    testsupport::writeBytes(path, entry("././@LongLink", "abc", 'L', true) + kEnd);
    expectFormatError(path, "extended header");
    // A negative base-256 size.
    std::string h = header("neg", 0, '0', true);
    std::memset(&h[124], 0xff, 12);
    setChecksum(h);
    testsupport::writeBytes(path, h + kEnd);
    expectFormatError(path, "size field");
}

TEST(TarArchive, RandomCorruptionEitherOpensOrIsAFormatError)
{
    // Deterministic byte flips all over the headers and data: the reader must never read out of range (run under
    // ASan) and must either list members that lie inside the file or throw a FormatError naming it.
    const std::string bytes = testsupport::readBytes(wdsTar("train", 2));
    testsupport::TempDir dir;
    const std::string path = dir.file("flip.tar");
    uint64_t state = 0x9E3779B97F4A7C15ULL;
    auto next = [&state] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    for (int round = 0; round < 300; ++round) {
        std::string b = bytes;
        const int flips = 1 + static_cast<int>(next() % 4);
        for (int f = 0; f < flips; ++f) {
            // Half of the flips land in a header block, where they matter most.
            std::size_t pos = next() % b.size();
            if (round % 2 == 0)
                pos = (pos / 512) * 512 + next() % 512;
            b[pos] = static_cast<char>(next() & 0xff);
        }
        testsupport::writeBytes(path, b);
        try {
            const TarArchive tar = TarArchive::open(path);
            for (const auto &m : tar.members())
                ASSERT_LE(m.dataOffset + m.size, b.size()) << m.name;
        } catch (const FormatError &e) {
            EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
        }
    }
}
