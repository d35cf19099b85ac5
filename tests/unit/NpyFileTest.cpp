#include "vindex/io/NpyFile.h"
#include "vindex/core/Error.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

using namespace vindex::io;
namespace fs = std::filesystem;

namespace {

const fs::path kMiniNsd = fs::path(VINDEX_FIXTURES_DIR) / "mini-nsd";

std::vector<std::byte> readWholeFile(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::vector<char> chars((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::byte> bytes(chars.size());
    std::memcpy(bytes.data(), chars.data(), chars.size());
    return bytes;
}

// The regular files of a ustar archive: 512-byte headers (name at 0, octal size at 124, type at 156), data padded
// to 512 bytes, two zero blocks at the end (POSIX.1-1988).
std::map<std::string, std::vector<std::byte>> tarMembers(const fs::path &path)
{
    const auto tar = readWholeFile(path);
    std::map<std::string, std::vector<std::byte>> members;
    std::size_t pos = 0;
    while (pos + 512 <= tar.size()) {
        const char *h = reinterpret_cast<const char *>(tar.data() + pos);
        if (h[0] == '\0')
            break;
        const std::string name(h, strnlen(h, 100));
        const std::size_t size = std::stoul(std::string(h + 124, strnlen(h + 124, 12)), nullptr, 8);
        if (pos + 512 + size > tar.size())
            throw std::runtime_error("bad tar member " + name);
        if (h[156] == '0' || h[156] == '\0')
            members[name].assign(tar.begin() + pos + 512, tar.begin() + pos + 512 + size);
        pos += 512 + (size + 511) / 512 * 512;
    }
    return members;
}

std::vector<std::byte> bytesOf(const std::string &s)
{
    std::vector<std::byte> out(s.size());
    std::memcpy(out.data(), s.data(), s.size());
    return out;
}

// A .npy file built by hand: magic, version, little-endian header length, the dict as given, then data.
std::vector<std::byte> handBuilt(const std::string &dict, const std::vector<std::byte> &data, int major = 1)
{
    std::string header = dict + "\n";
    std::string out = std::string("\x93NUMPY", 6) + static_cast<char>(major) + '\0';
    const std::size_t lengthSize = major == 1 ? 2 : 4;
    for (std::size_t i = 0; i < lengthSize; ++i)
        out.push_back(static_cast<char>((header.size() >> (8 * i)) & 0xff));
    auto bytes = bytesOf(out + header);
    bytes.insert(bytes.end(), data.begin(), data.end());
    return bytes;
}

template <typename T> std::vector<std::byte> rawBytes(const std::vector<T> &values, bool bigEndian = false)
{
    std::vector<std::byte> out(values.size() * sizeof(T));
    for (std::size_t i = 0; i < values.size(); ++i) {
        std::memcpy(out.data() + i * sizeof(T), &values[i], sizeof(T));
        if (bigEndian)
            std::reverse(out.begin() + i * sizeof(T), out.begin() + (i + 1) * sizeof(T));
    }
    return out;
}

HostTensor parse(const std::vector<std::byte> &bytes, const std::string &name = "hand.npy")
{
    auto owner = std::make_shared<std::vector<std::byte>>(bytes);
    return NpyFile::fromBytes(owner, owner->data(), owner->size(), name);
}

// Parsing must fail with a FormatError that names the file.
void expectFormatError(const std::vector<std::byte> &bytes, const std::string &fragment = {})
{
    const std::string name = "hostile-member.npy";
    try {
        parse(bytes, name);
        ADD_FAILURE() << "no error";
    } catch (const vindex::FormatError &e) {
        const std::string message = e.what();
        EXPECT_NE(message.find(name), std::string::npos) << message;
        if (!fragment.empty())
            EXPECT_NE(message.find(fragment), std::string::npos) << message;
    }
}

class NpyFileTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        const auto *info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path() / ("vindex-npy-" + std::to_string(::getpid()) + "-" + info->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    std::string writeFile(const std::string &name, const std::vector<std::byte> &bytes)
    {
        const fs::path p = m_dir / name;
        std::ofstream out(p, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        return p.string();
    }

    fs::path m_dir;
};

} // namespace

TEST_F(NpyFileTest, MindEyeTarMembersFollowTheClosedForm)
{
    std::ifstream in(kMiniNsd / "expected.json");
    const auto expected = nlohmann::json::parse(in);
    for (const std::string split : {"train", "val", "test"}) {
        for (int subject : {1, 2}) {
            const auto &sub = expected["subjects"][std::to_string(subject)];
            const auto nvox = sub["nvox"].get<int64_t>();
            const auto tarName = split + "_subj0" + std::to_string(subject) + "_0.tar";
            const auto members = tarMembers(kMiniNsd / "webdataset_avg_split" / split / tarName);
            std::vector<int64_t> images;
            for (const auto &[name, bytes] : members) {
                if (!name.ends_with(".nsdgeneral.npy"))
                    continue;
                const std::string stem = name.substr(0, name.size() - std::strlen(".nsdgeneral.npy"));
                const auto coco = parse(members.at(stem + ".coco73k.npy"), tarName + ":" + stem + ".coco73k.npy");
                ASSERT_EQ(coco.dtype(), DType::I64);
                ASSERT_EQ(coco.shape(), (std::vector<int64_t>{1}));
                const int64_t image = coco.toInt64Vector()[0];
                images.push_back(image);

                const auto voxels = parse(bytes, tarName + ":" + name);
                ASSERT_EQ(voxels.dtype(), DType::F16);
                ASSERT_EQ(voxels.shape(), (std::vector<int64_t>{3, nvox}));
                // beta_formula with rep 0 for every split; the test split has all three repetitions.
                const int reps = split == "test" ? 3 : 1;
                for (int rep = 0; rep < reps; ++rep)
                    for (int64_t v = 0; v < nvox; ++v) {
                        const double truth = std::sin(0.05 * v + 0.7 * image) + 0.01 * rep;
                        ASSERT_NEAR(voxels.valueAt(rep * nvox + v), truth, 1e-3) << name << " " << rep << " " << v;
                    }
                const auto trial = parse(members.at(stem + ".trial.npy"), stem + ".trial.npy");
                EXPECT_EQ(trial.shape(), (std::vector<int64_t>{3}));

                // Our writer reproduces numpy's bytes exactly.
                EXPECT_EQ(NpyFile::toBytes(voxels), bytes) << name;
                EXPECT_EQ(NpyFile::toBytes(coco), members.at(stem + ".coco73k.npy")) << name;
            }
            EXPECT_EQ(images, sub["splits"][split].get<std::vector<int64_t>>()) << tarName;
        }
    }
}

TEST_F(NpyFileTest, ReadsFromAFileWithoutCopying)
{
    const auto members = tarMembers(kMiniNsd / "webdataset_avg_split" / "test" / "test_subj01_0.tar");
    const auto bytes = members.at("sample000000000.nsdgeneral.npy");
    const auto path = writeFile("nsdgeneral.npy", bytes);
    const auto tensor = NpyFile::readExpecting(path, DType::F16, {3, -1});
    EXPECT_EQ(tensor.shape(), (std::vector<int64_t>{3, 217}));
    EXPECT_TRUE(tensor.isContiguous());
    // Rep r of voxel 0 for image 0 is 0.01 r.
    EXPECT_NEAR(tensor.valueAt(217), 0.01, 1e-4);
    EXPECT_NEAR(tensor.valueAt(2 * 217), 0.02, 1e-4);

    try {
        NpyFile::readExpecting(path, DType::F32, {3, -1});
        ADD_FAILURE() << "no error";
    } catch (const vindex::FormatError &e) {
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("F16"), std::string::npos) << e.what();
    }
    EXPECT_THROW(NpyFile::readExpecting(path, std::nullopt, {-1}), vindex::FormatError);
    EXPECT_THROW(NpyFile::readExpecting(path, std::nullopt, {3, 216}), vindex::FormatError);
    EXPECT_NO_THROW(NpyFile::readExpecting(path, std::nullopt, {-1, 217}));
}

TEST_F(NpyFileTest, ObjectArraysAreRefusedWithAClearMessage)
{
    const auto path = (kMiniNsd / "COCO_73k_annots_curated.npy").string();
    try {
        NpyFile::read(path);
        ADD_FAILURE() << "no error";
    } catch (const vindex::FormatError &e) {
        const std::string message = e.what();
        EXPECT_NE(message.find(path), std::string::npos) << message;
        EXPECT_NE(message.find("pickle"), std::string::npos) << message;
        EXPECT_NE(message.find("COCO_73k_annots_curated.npy"), std::string::npos) << message;
        EXPECT_NE(message.find("never"), std::string::npos) << message;
    }
}

TEST_F(NpyFileTest, RoundTripsEveryDtype)
{
    auto roundTrip = [&]<typename T>(T, DType dtype, std::vector<T> values, std::vector<int64_t> shape) {
        HostTensor tensor = HostTensor::allocate(dtype, shape);
        ASSERT_EQ(tensor.nbytes(), values.size() * sizeof(T));
        if (!values.empty())
            std::memcpy(tensor.mutableData(), values.data(), tensor.nbytes());
        const std::string path = (m_dir / ("t" + std::string(dtypeName(dtype)) + ".npy")).string();
        NpyFile::write(path, tensor);
        const auto back = NpyFile::read(path);
        EXPECT_EQ(back.dtype(), dtype);
        EXPECT_EQ(back.shape(), shape);
        ASSERT_EQ(back.nbytes(), tensor.nbytes());
        if (back.nbytes() > 0)
            EXPECT_EQ(std::memcmp(back.data(), values.data(), back.nbytes()), 0) << dtypeName(dtype);
        const auto header = NpyFile::parseHeader(readWholeFile(path).data(), fs::file_size(path), path);
        EXPECT_EQ(header.majorVersion, 1);
        EXPECT_EQ(header.dataOffset % 64, 0u);
        EXPECT_FALSE(header.fortranOrder);
        EXPECT_EQ(NpyFile::descrFor(dtype), header.descr);
    };
    roundTrip(uint8_t{}, DType::Bool, {1, 0, 1, 1, 0, 0}, {2, 3});
    roundTrip(uint8_t{}, DType::U8, {0, 255, 7}, {3});
    roundTrip(int8_t{}, DType::I8, {-128, 127, 0, -1}, {2, 2});
    roundTrip(int16_t{}, DType::I16, {-32768, 32767, 5}, {3, 1});
    roundTrip(uint16_t{}, DType::U16, {65535, 1}, {2});
    roundTrip(int32_t{}, DType::I32, {-7, 1 << 30, 3, 4, 5, 6, 7, 8}, {2, 2, 2});
    roundTrip(uint32_t{}, DType::U32, {0xffffffffu}, {1, 1, 1, 1});
    roundTrip(int64_t{}, DType::I64, {-(int64_t{1} << 62), 42}, {2});
    roundTrip(uint64_t{}, DType::U64, {~uint64_t{0}, 9}, {1, 2});
    roundTrip(uint16_t{}, DType::F16, {floatToHalf(1.5f), floatToHalf(-65504.0f)}, {2});
    roundTrip(float{}, DType::F32, {1.25f, -0.0f, INFINITY, 3e-38f}, {4});
    roundTrip(double{}, DType::F64, {M_PI, -1e300}, {1, 2});
    roundTrip(float{}, DType::F32, {2.5f}, {});      // 0-d array: shape ()
    roundTrip(float{}, DType::F32, {}, {0, 5});      // empty
    roundTrip(int64_t{}, DType::I64, {}, {3, 0, 2}); // empty in the middle

    EXPECT_THROW(NpyFile::write((m_dir / "bf16.npy").string(), HostTensor::allocate(DType::BF16, {2})),
                 vindex::FormatError);
    EXPECT_FALSE(fs::exists(m_dir / "bf16.npy"));
}

TEST_F(NpyFileTest, HeaderMatchesNumpyLayout)
{
    // numpy 1.x+: "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }" + spaces + "\n", data at 128.
    const auto bytes = NpyFile::toBytes(HostTensor::allocate(DType::F32, {2, 3}));
    const std::string text(reinterpret_cast<const char *>(bytes.data()), 128);
    EXPECT_EQ(text.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
    EXPECT_EQ(static_cast<int>(bytes[8]) | static_cast<int>(bytes[9]) << 8, 118);
    EXPECT_EQ(text.substr(10, 59), "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
    EXPECT_EQ(text.find_first_not_of(' ', 69), 127u);
    EXPECT_EQ(text[127], '\n');
    EXPECT_EQ(bytes.size(), 128u + 24u);
    // One-dimensional shapes keep Python's trailing comma; 0-d arrays are ().
    const auto one = NpyFile::toBytes(HostTensor::allocate(DType::U8, {5}));
    EXPECT_NE(std::string(reinterpret_cast<const char *>(one.data()), 128).find("'shape': (5,), }"), std::string::npos);
    const auto scalar = NpyFile::toBytes(HostTensor::allocate(DType::F64, {}));
    EXPECT_NE(std::string(reinterpret_cast<const char *>(scalar.data()), 128).find("'shape': (), }"),
              std::string::npos);
}

TEST_F(NpyFileTest, FortranOrderGivesFortranStrides)
{
    // Logical [[0, 1, 2], [3, 4, 5]] stored column by column.
    const auto bytes =
        handBuilt("{'descr': '<i4', 'fortran_order': True, 'shape': (2, 3), }", rawBytes<int32_t>({0, 3, 1, 4, 2, 5}));
    const auto tensor = parse(bytes);
    EXPECT_EQ(tensor.strides(), (std::vector<int64_t>{1, 2}));
    EXPECT_EQ(tensor.toInt64Vector(), (std::vector<int64_t>{0, 1, 2, 3, 4, 5}));

    // Writing it produces a C-order file with the same logical values.
    const std::string path = (m_dir / "c.npy").string();
    NpyFile::write(path, tensor);
    const auto back = NpyFile::read(path);
    EXPECT_TRUE(back.isContiguous());
    EXPECT_EQ(back.toInt64Vector(), (std::vector<int64_t>{0, 1, 2, 3, 4, 5}));

    const auto three = parse(handBuilt("{'descr': '<u1', 'fortran_order': True, 'shape': (2, 2, 2), }",
                                       rawBytes<uint8_t>({0, 4, 2, 6, 1, 5, 3, 7})));
    EXPECT_EQ(three.strides(), (std::vector<int64_t>{1, 2, 4}));
    EXPECT_EQ(three.toInt64Vector(), (std::vector<int64_t>{0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST_F(NpyFileTest, BigEndianDataIsConvertedToNative)
{
    const auto f4 = parse(handBuilt("{'descr': '>f4', 'fortran_order': False, 'shape': (3,), }",
                                    rawBytes<float>({1.5f, -2, 1e-3f}, true)));
    EXPECT_EQ(f4.toFloatVector(), (std::vector<float>{1.5f, -2, 1e-3f}));
    const auto i2 = parse(handBuilt("{'descr': '>i2', 'fortran_order': False, 'shape': (2, 2), }",
                                    rawBytes<int16_t>({-1, 256, 1, -300}, true)));
    EXPECT_EQ(i2.toInt64Vector(), (std::vector<int64_t>{-1, 256, 1, -300}));
    const auto u8 = parse(handBuilt("{'descr': '>u8', 'fortran_order': False, 'shape': (1,), }",
                                    rawBytes<uint64_t>({0x0102030405060708ull}, true)));
    uint64_t v;
    std::memcpy(&v, u8.data(), 8);
    EXPECT_EQ(v, 0x0102030405060708ull);
    const auto f8 = parse(
        handBuilt("{'descr': '>f8', 'fortran_order': True, 'shape': (2, 2), }", rawBytes<double>({1, 3, 2, 4}, true)));
    EXPECT_EQ(f8.toDoubleVector(), (std::vector<double>{1, 2, 3, 4}));
    const auto f2 = parse(handBuilt("{'descr': '>f2', 'fortran_order': False, 'shape': (2,), }",
                                    rawBytes<uint16_t>({floatToHalf(0.5f), floatToHalf(-3.0f)}, true)));
    EXPECT_EQ(f2.toFloatVector(), (std::vector<float>{0.5f, -3.0f}));
    const auto u1 =
        parse(handBuilt("{'descr': '>u1', 'fortran_order': False, 'shape': (2,), }", rawBytes<uint8_t>({9, 200})));
    EXPECT_EQ(u1.toInt64Vector(), (std::vector<int64_t>{9, 200}));
    const auto b1 =
        parse(handBuilt("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", rawBytes<uint8_t>({1, 0, 1})));
    EXPECT_EQ(b1.dtype(), DType::Bool);
    EXPECT_EQ(b1.toInt64Vector(), (std::vector<int64_t>{1, 0, 1}));
}

TEST_F(NpyFileTest, Versions2And3AndLooseWhitespace)
{
    for (int major : {2, 3}) {
        const auto t = parse(
            handBuilt("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", rawBytes<int64_t>({5, -6}), major));
        EXPECT_EQ(t.toInt64Vector(), (std::vector<int64_t>{5, -6}));
    }
    // Other key orders, double quotes, no trailing comma, Python 2 long suffixes: all valid literals.
    const auto t =
        parse(handBuilt("{ \"shape\" : (1L, 2L) ,'fortran_order':False,'descr':'<u2'}", rawBytes<uint16_t>({7, 8})));
    EXPECT_EQ(t.shape(), (std::vector<int64_t>{1, 2}));
    EXPECT_EQ(t.toInt64Vector(), (std::vector<int64_t>{7, 8}));
}

TEST_F(NpyFileTest, MisalignedBufferIsCopied)
{
    auto bytes = handBuilt("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", rawBytes<double>({1.5, -2.5}));
    auto owner = std::make_shared<std::vector<std::byte>>(bytes.size() + 1);
    std::memcpy(owner->data() + 1, bytes.data(), bytes.size());
    const auto t = NpyFile::fromBytes(owner, owner->data() + 1, bytes.size(), "odd.npy");
    EXPECT_EQ(reinterpret_cast<uintptr_t>(t.data()) % 8, 0u);
    EXPECT_EQ(t.toDoubleVector(), (std::vector<double>{1.5, -2.5}));
}

TEST_F(NpyFileTest, HostileHeadersThrowFormatErrors)
{
    const auto four = rawBytes<float>({1, 2, 3, 4});
    auto dict = [&](const std::string &d, const std::vector<std::byte> &data, const std::string &fragment = {}) {
        expectFormatError(handBuilt(d, data), fragment);
    };
    dict("{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }", four, "truncated");
    dict("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", four, "expected 12 bytes");
    dict("{'descr': '<f4', 'fortran_order': False, 'shape': (-4,), }", four, "non-negative");
    dict("{'descr': '<f4', 'fortran_order': False, 'shape': (4), }", four, "tuple");
    dict("{'descr': '<f4', 'fortran_order': False, 'shape': [4], }", four);
    dict("{'descr': '<f4', 'fortran_order': False, 'shape': (9223372036854775808,), }", four, "2^63");
    dict("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 16), }", four, "overflow");
    dict("{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904,), }", four, "overflow");
    dict("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 4294967296, 4294967296, 4294967296), }", four);
    dict("{'descr': '<f4', 'fortran_order': False, }", four, "'shape'");
    dict("{'descr': '<f4', 'shape': (4,), }", four, "'fortran_order'");
    dict("{'fortran_order': False, 'shape': (4,), }", four, "'descr'");
    dict("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), 'extra': 1, }", four, "extra");
    dict("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", four, "twice");
    dict("{'descr': '<f4', 'fortran_order': 0, 'shape': (4,), }", four, "True or False");
    dict("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), } junk", four, "after");
    dict("{'descr': '<f4, 'fortran_order': False, 'shape': (4,), }", four);
    dict("{'descr': '<f4', 'fortran_order': False, 'shape': (4,)", four);
    dict("{'descr': '<f4' 'fortran_order': False, 'shape': (4,), }", four);
    dict("[1, 2, 3]", four);
    dict("", four);
    dict("{'descr': '<U1', 'fortran_order': False, 'shape': (4,), }", four, "unsupported dtype");
    dict("{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }", four, "unsupported dtype");
    dict("{'descr': '|f4', 'fortran_order': False, 'shape': (4,), }", four, "unsupported dtype");
    dict("{'descr': 'f4', 'fortran_order': False, 'shape': (4,), }", four, "unsupported dtype");
    dict("{'descr': '<f16', 'fortran_order': False, 'shape': (1,), }", four, "unsupported dtype");
    dict("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (4,), }", four, "structured");
    dict("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", four, "pickle");
    dict("{'descr': '<f4', 'fortran_order': False, 'shape': (1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,"
         "21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,"
         "56,57,58,59,60,61,62,63,64,65), }",
         four, "64 dimensions");

    // Magic, version and header length.
    auto good = handBuilt("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", four);
    ASSERT_NO_THROW(parse(good));
    auto bad = good;
    bad[1] = std::byte{'n'};
    expectFormatError(bad, "magic");
    bad = good;
    bad[6] = std::byte{4};
    expectFormatError(bad, "version");
    bad = good;
    bad[7] = std::byte{1};
    expectFormatError(bad, "version");
    bad = good;
    bad[8] = std::byte{0xff};
    bad[9] = std::byte{0xff};
    expectFormatError(bad, "header declares");
    bad = good;
    bad[12] = std::byte{0};
    expectFormatError(bad, "NUL");
    auto v2 = handBuilt("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", four, 2);
    v2[11] = std::byte{0x80}; // header length 2^31 + ...
    expectFormatError(v2, "header declares");
    expectFormatError({}, "found only 0 bytes");
}

TEST_F(NpyFileTest, TruncationAtEveryByteThrows)
{
    const auto good = NpyFile::toBytes(HostTensor::allocate(DType::I16, {2, 3}));
    ASSERT_NO_THROW(parse(good));
    for (std::size_t n = 0; n < good.size(); ++n)
        expectFormatError(std::vector<std::byte>(good.begin(), good.begin() + n));
    auto longer = good;
    longer.push_back(std::byte{0});
    expectFormatError(longer, "expected 12 bytes");

    // The same through files: the message names the path.
    for (std::size_t n : {std::size_t{0}, std::size_t{5}, std::size_t{9}, std::size_t{100}, good.size() - 1}) {
        const std::string path = writeFile("cut.npy", std::vector<std::byte>(good.begin(), good.begin() + n));
        try {
            NpyFile::read(path);
            ADD_FAILURE() << n;
        } catch (const vindex::FormatError &e) {
            EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
        }
    }
    try {
        NpyFile::read((m_dir / "missing.npy").string());
        ADD_FAILURE();
    } catch (const vindex::FormatError &e) {
        EXPECT_NE(std::string(e.what()).find("missing.npy"), std::string::npos);
    }
}

TEST_F(NpyFileTest, WriteIsAtomicAndReplaces)
{
    const std::string path = (m_dir / "out.npy").string();
    writeFile("out.npy", bytesOf("old contents"));
    HostTensor t = HostTensor::allocate(DType::F32, {3});
    NpyFile::write(path, t);
    EXPECT_EQ(NpyFile::read(path).shape(), (std::vector<int64_t>{3}));
    std::size_t files = 0;
    for ([[maybe_unused]] const auto &entry : fs::directory_iterator(m_dir))
        ++files;
    EXPECT_EQ(files, 1u); // no temporary left behind

    // A folder that does not exist: an error naming the file, nothing created.
    const std::string nowhere = (m_dir / "no-such-dir" / "x.npy").string();
    try {
        NpyFile::write(nowhere, t);
        ADD_FAILURE();
    } catch (const vindex::Error &e) {
        EXPECT_NE(std::string(e.what()).find(nowhere), std::string::npos) << e.what();
    }
}

TEST_F(NpyFileTest, RandomlyCorruptedFilesNeverCrash)
{
    // Deterministic mutations of a small valid file: each parse either succeeds or throws FormatError.
    HostTensor t = HostTensor::allocate(DType::F32, {2, 3});
    const auto good = NpyFile::toBytes(t);
    std::mt19937 rng(4321);
    const std::string alphabet = "{}()[]':,<>|=0123456789-LTrueFalsdcpfiub \n";
    for (int round = 0; round < 5000; ++round) {
        auto mutated = good;
        const int edits = 1 + static_cast<int>(rng() % 4);
        for (int e = 0; e < edits; ++e) {
            // Mostly inside the header, with characters that keep it almost parseable.
            const std::size_t at = rng() % 3 ? rng() % 128 : rng() % mutated.size();
            mutated[at] = static_cast<std::byte>(rng() % 2 ? alphabet[rng() % alphabet.size()] : rng() % 256);
        }
        try {
            const auto tensor = parse(mutated, "fuzz.npy");
            (void)tensor.toDoubleVector();
        } catch (const vindex::FormatError &e) {
            ASSERT_NE(std::string(e.what()).find("fuzz.npy"), std::string::npos) << e.what();
        }
    }
}
