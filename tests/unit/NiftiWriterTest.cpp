// NiftiWriter: NIfTI-1 files (.nii and .nii.gz) read back by NiftiImage, with the header fields checked byte by byte,
// and read by nibabel itself (tests/reference/nibabel_read.py with the build's reference Python): shape, dtype,
// affine, header fields, nibabel's own header diagnosis and every stored value.
#include "ReferenceTools.h"
#include "TestSupport.h"

#include "vindex/core/Error.h"
#include "vindex/io/NiftiImage.h"
#include "vindex/io/NiftiWriter.h"
#include "vindex/io/Sha256.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <vector>

using vindex::Error;
using vindex::io::DType;
using vindex::io::NiftiImage;
using vindex::io::NiftiWriter;

namespace {

// The first n bytes after decompression (gzread reads plain files as they are).
std::string leadingBytes(const std::string &path, std::size_t n)
{
    gzFile file = gzopen(path.c_str(), "rb");
    if (!file)
        return {};
    std::string out(n, '\0');
    const int got = gzread(file, out.data(), static_cast<unsigned>(n));
    gzclose(file);
    out.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
    return out;
}

template <typename T> T field(const std::string &header, std::size_t offset)
{
    T value;
    std::memcpy(&value, header.data() + offset, sizeof value);
    return value;
}

NiftiImage::Matrix4 tiltedAffine()
{
    NiftiImage::Matrix4 a{};
    a[0] = {0.0, -2.0, 0.0, 10.5};
    a[1] = {1.5, 0.0, 0.0, -20.0};
    a[2] = {0.0, 0.0, 3.0, 7.25};
    a[3] = {0, 0, 0, 1};
    return a;
}

// What nibabel reads from a file (see tests/reference/nibabel_read.py); a test failure and null when it cannot.
nlohmann::json nibabelRead(const std::string &path, bool values = false)
{
    const auto run = testsupport::runCommand(testsupport::shellQuote(VINDEX_REFERENCE_PYTHON) + " " +
                                             testsupport::shellQuote(testsupport::referenceScript("nibabel_read.py")) +
                                             " " + testsupport::shellQuote(path) + (values ? " --values" : ""));
    try {
        if (run.exitCode == 0)
            return nlohmann::json::parse(run.out);
    } catch (const std::exception &) {
    }
    ADD_FAILURE() << "nibabel could not read " << path << ":\n" << run.out << run.err;
    return nullptr;
}

// The header fields every file we write has, as nibabel reads them.
void expectOurHeader(const nlohmann::json &n, const NiftiImage::Matrix4 &affine, const std::vector<int64_t> &shape,
                     const std::string &dtype, int datatype, int bitpix)
{
    EXPECT_EQ(n["class"], "Nifti1Image"); // single file, "n+1"
    EXPECT_EQ(n["magic"], "n+1");
    EXPECT_EQ(n["sizeof_hdr"], 348);
    EXPECT_EQ(n["diagnosis"], "") << "nibabel finds problems in the header";
    EXPECT_EQ(n["byteorder"], "<");
    EXPECT_EQ(n["shape"].get<std::vector<int64_t>>(), shape);
    std::vector<int64_t> dim(8, 1);
    dim[0] = static_cast<int64_t>(shape.size());
    std::copy(shape.begin(), shape.end(), dim.begin() + 1);
    EXPECT_EQ(n["dim"].get<std::vector<int64_t>>(), dim);
    EXPECT_EQ(n["dtype"], dtype);
    EXPECT_EQ(n["datatype"], datatype);
    EXPECT_EQ(n["bitpix"], bitpix);
    EXPECT_EQ(n["vox_offset"], 352.0);
    EXPECT_EQ(n["data_offset"], 352);
    EXPECT_EQ(n["extensions"], 0);
    // No scaling: scl_slope 0, which nibabel (like the standard) takes as "values as stored".
    EXPECT_EQ(n["scl_slope"], 0.0);
    EXPECT_TRUE(n["slope"].is_null());
    EXPECT_TRUE(n["inter"].is_null());
    // The affine from the sform (code 2, aligned), stored as float32; no qform.
    EXPECT_EQ(n["sform_code"], 2);
    EXPECT_EQ(n["qform_code"], 0);
    EXPECT_TRUE(n["sform"].get<bool>());
    EXPECT_FALSE(n["qform"].get<bool>());
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 4; ++c)
            EXPECT_EQ(n["affine"][r][c].get<double>(), static_cast<double>(static_cast<float>(affine[r][c])))
                << r << "," << c;
    // Voxel sizes: the affine's column lengths; a time step of 1 (s) for 4D.
    for (int c = 0; c < 3; ++c) {
        const double length =
            std::sqrt(affine[0][c] * affine[0][c] + affine[1][c] * affine[1][c] + affine[2][c] * affine[2][c]);
        EXPECT_NEAR(n["zooms"][c].get<double>(), length, 1e-6 * length) << c;
    }
    if (shape.size() == 4)
        EXPECT_EQ(n["zooms"][3], 1.0);
    EXPECT_EQ(n["xyzt_units"], nlohmann::json::array({"mm", "sec"}));
}

} // namespace

TEST(NiftiWriter, NibabelReadsWhatWeWrote)
{
    if (!testsupport::pythonImports(VINDEX_REFERENCE_PYTHON, "nibabel"))
        GTEST_SKIP() << VINDEX_REFERENCE_PYTHON << " has no nibabel (packaging/install-deps.sh installs it)";
    testsupport::TempDir dir;

    // int16 with a tilted affine (axes swapped, one flipped), plain and gzipped.
    const int64_t X = 4, Y = 3, Z = 2;
    std::vector<int16_t> mask(X * Y * Z);
    for (std::size_t i = 0; i < mask.size(); ++i)
        mask[i] = static_cast<int16_t>(static_cast<int>(i) * 7 - 50); // x fastest
    for (const std::string name : {"mask.nii", "mask.nii.gz"}) {
        SCOPED_TRACE(name);
        NiftiWriter::write(dir.file(name), DType::I16, {X, Y, Z}, tiltedAffine(),
                           std::as_bytes(std::span<const int16_t>(mask)), {});
        const auto n = nibabelRead(dir.file(name), true);
        ASSERT_FALSE(n.is_null());
        expectOurHeader(n, tiltedAffine(), {X, Y, Z}, "int16", 4, 16);
        EXPECT_EQ(n["values"].get<std::vector<int16_t>>(), mask);
        EXPECT_EQ(n["descrip"], "");
        std::cout << "[ nibabel " << n["nibabel"].get<std::string>() << " read " << name << " ]\n";
    }

    // float32 3D at 1.8 mm.
    const auto affine = NiftiWriter::scaleAffine(1.8);
    std::vector<float> t1(5 * 4 * 3);
    for (std::size_t i = 0; i < t1.size(); ++i)
        t1[i] = 0.25f * static_cast<float>(i) - 3.0f;
    NiftiWriter::write(dir.file("t1.nii.gz"), DType::F32, {5, 4, 3}, affine, std::as_bytes(std::span<const float>(t1)),
                       {});
    auto n = nibabelRead(dir.file("t1.nii.gz"), true);
    ASSERT_FALSE(n.is_null());
    expectOurHeader(n, affine, {5, 4, 3}, "float32", 16, 32);
    EXPECT_EQ(n["values"].get<std::vector<float>>(), t1);

    // uint8 4D written a volume at a time, with a description.
    NiftiWriter::Options options;
    options.compressionLevel = 1;
    options.description = "synthetic";
    NiftiWriter::write(
        dir.file("u8.nii.gz"), DType::U8, {3, 2, 2, 6}, affine,
        [&](int64_t t, std::span<std::byte> volume) {
            for (std::size_t i = 0; i < volume.size(); ++i)
                volume[i] = static_cast<std::byte>(t * 20 + static_cast<int64_t>(i));
        },
        options);
    n = nibabelRead(dir.file("u8.nii.gz"), true);
    ASSERT_FALSE(n.is_null());
    expectOurHeader(n, affine, {3, 2, 2, 6}, "uint8", 2, 8);
    EXPECT_EQ(n["descrip"], "synthetic");
    const auto u8 = n["values"].get<std::vector<int>>();
    ASSERT_EQ(u8.size(), 72u);
    for (std::size_t i = 0; i < u8.size(); ++i)
        ASSERT_EQ(u8[i], static_cast<int>(i / 12) * 20 + static_cast<int>(i % 12)) << i; // volume i / 12

    // Large streamed int16 betas (several deflate buffers): every value, by the SHA-256 of them in file order.
    const int64_t B = 32, T = 40;
    NiftiWriter writer(dir.file("betas.nii.gz"), DType::I16, {B, B, B, T}, affine, {1, ""});
    std::vector<int16_t> volume(B * B * B);
    vindex::io::Sha256 expected;
    for (int64_t t = 0; t < T; ++t) {
        for (int64_t i = 0; i < B * B * B; ++i)
            volume[i] = static_cast<int16_t>(((i * 2654435761LL + t * 97) % 65536) - 32768);
        writer.writeVolume(std::span<const int16_t>(volume));
        expected.update(volume.data(), volume.size() * sizeof(int16_t)); // little-endian, as on disk
    }
    writer.commit();
    n = nibabelRead(dir.file("betas.nii.gz"));
    ASSERT_FALSE(n.is_null());
    expectOurHeader(n, affine, {B, B, B, T}, "int16", 4, 16);
    EXPECT_EQ(n["sha256"], expected.hexDigest());
}

TEST(NiftiWriter, Int16VolumeRoundTripsWithTheNifti1Header)
{
    testsupport::TempDir dir;
    for (const std::string name : {"mask.nii", "mask.nii.gz"}) {
        const std::string path = dir.file(name);
        const int64_t X = 4, Y = 3, Z = 2;
        std::vector<int16_t> data(X * Y * Z);
        for (std::size_t i = 0; i < data.size(); ++i)
            data[i] = static_cast<int16_t>(static_cast<int>(i) * 7 - 50); // x fastest on disk
        NiftiWriter::write(path, DType::I16, {X, Y, Z}, tiltedAffine(), std::as_bytes(std::span<const int16_t>(data)),
                           {});
        const NiftiImage image = NiftiImage::read(path);
        EXPECT_EQ(image.shape(), (std::vector<int64_t>{X, Y, Z}));
        EXPECT_EQ(image.dtype(), DType::I16);
        EXPECT_EQ(image.sclSlope(), 0.0f);
        EXPECT_EQ(image.sformCode(), 2);
        for (int r = 0; r < 4; ++r)
            for (int c = 0; c < 4; ++c)
                EXPECT_DOUBLE_EQ(image.affine()[r][c], tiltedAffine()[r][c]) << r << "," << c;
        EXPECT_DOUBLE_EQ(image.pixdim()[0], 1.5);
        EXPECT_DOUBLE_EQ(image.pixdim()[1], 2.0);
        EXPECT_DOUBLE_EQ(image.pixdim()[2], 3.0);
        for (int64_t z = 0; z < Z; ++z)
            for (int64_t y = 0; y < Y; ++y)
                for (int64_t x = 0; x < X; ++x)
                    ASSERT_EQ(image.value(x, y, z), (x + X * (y + Y * z)) * 7 - 50);

        const std::string h = leadingBytes(path, 352);
        ASSERT_EQ(h.size(), 352u);
        EXPECT_EQ(field<int32_t>(h, 0), 348);                 // sizeof_hdr
        EXPECT_EQ(field<int16_t>(h, 40), 3);                  // dim[0]
        EXPECT_EQ(field<int16_t>(h, 42), 4);                  // dim[1]
        EXPECT_EQ(field<int16_t>(h, 48), 1);                  // dim[4] unused = 1
        EXPECT_EQ(field<int16_t>(h, 70), 4);                  // datatype int16
        EXPECT_EQ(field<int16_t>(h, 72), 16);                 // bitpix
        EXPECT_EQ(field<float>(h, 108), 352.0f);              // vox_offset
        EXPECT_EQ(field<float>(h, 112), 0.0f);                // scl_slope
        EXPECT_EQ(field<float>(h, 116), 0.0f);                // scl_inter
        EXPECT_EQ(field<int16_t>(h, 252), 0);                 // qform_code
        EXPECT_EQ(field<int16_t>(h, 254), 2);                 // sform_code
        EXPECT_EQ(field<float>(h, 280 + 12), 10.5f);          // srow_x[3]
        EXPECT_EQ(h.substr(344, 4), std::string("n+1\0", 4)); // magic
        EXPECT_EQ(h.substr(348, 4), std::string(4, '\0'));    // no extensions
        const std::string raw = testsupport::readBytes(path);
        const bool gz = name.size() > 4 && name.substr(name.size() - 3) == ".gz";
        EXPECT_EQ(raw.size() >= 2 && raw[0] == '\x1f' && raw[1] == '\x8b', gz) << name;
        if (!gz)
            EXPECT_EQ(raw.size(), 352u + data.size() * 2);
    }
}

TEST(NiftiWriter, Float32AndUint8In3DAnd4D)
{
    testsupport::TempDir dir;
    const auto affine = NiftiWriter::scaleAffine(1.8);
    std::vector<float> t1(5 * 4 * 3);
    for (std::size_t i = 0; i < t1.size(); ++i)
        t1[i] = 0.25f * static_cast<float>(i) - 3.0f;
    NiftiWriter::write(dir.file("t1.nii.gz"), DType::F32, {5, 4, 3}, affine, std::as_bytes(std::span<const float>(t1)),
                       {});
    const NiftiImage f = NiftiImage::read(dir.file("t1.nii.gz"));
    EXPECT_EQ(f.dtype(), DType::F32);
    EXPECT_EQ(f.scaledVolume(0), t1);
    EXPECT_NEAR(f.pixdim()[0], 1.8, 1e-6);

    // 4D, one volume at a time through the callback; T = 6.
    NiftiWriter::Options options;
    options.compressionLevel = 1;
    options.description = "synthetic";
    int calls = 0;
    NiftiWriter::write(
        dir.file("u8.nii.gz"), DType::U8, {3, 2, 2, 6}, affine,
        [&](int64_t t, std::span<std::byte> volume) {
            ++calls;
            ASSERT_EQ(volume.size(), 12u);
            for (std::size_t i = 0; i < volume.size(); ++i)
                volume[i] = static_cast<std::byte>(t * 20 + static_cast<int64_t>(i));
        },
        options);
    EXPECT_EQ(calls, 6);
    const NiftiImage u = NiftiImage::read(dir.file("u8.nii.gz"));
    EXPECT_EQ(u.shape(), (std::vector<int64_t>{3, 2, 2, 6}));
    EXPECT_EQ(u.dtype(), DType::U8);
    EXPECT_EQ(u.description(), "synthetic");
    for (int64_t t = 0; t < 6; ++t)
        for (int64_t z = 0; z < 2; ++z)
            for (int64_t y = 0; y < 2; ++y)
                for (int64_t x = 0; x < 3; ++x)
                    ASSERT_EQ(u.value(x, y, z, t), t * 20 + x + 3 * (y + 2 * z));
    const std::string h = leadingBytes(dir.file("u8.nii.gz"), 352);
    EXPECT_EQ(field<int16_t>(h, 40), 4);
    EXPECT_EQ(field<int16_t>(h, 48), 6);
    EXPECT_EQ(field<int16_t>(h, 72), 8);
}

TEST(NiftiWriter, LargeStreamedBetasStayExact)
{
    // Several deflate output buffers' worth: 40 volumes of 64 KiB of int16 noise-like values.
    testsupport::TempDir dir;
    const int64_t X = 32, Y = 32, Z = 32, T = 40;
    auto value = [](int64_t i, int64_t t) {
        return static_cast<int16_t>(((i * 2654435761LL + t * 97) % 65536) - 32768);
    };
    NiftiWriter writer(dir.file("betas.nii.gz"), DType::I16, {X, Y, Z, T}, NiftiWriter::scaleAffine(), {1, ""});
    std::vector<int16_t> volume(X * Y * Z);
    for (int64_t t = 0; t < T; ++t) {
        for (int64_t i = 0; i < X * Y * Z; ++i)
            volume[i] = value(i, t);
        writer.writeVolume(std::span<const int16_t>(volume));
    }
    writer.commit();
    const NiftiImage image = NiftiImage::read(dir.file("betas.nii.gz"));
    for (int64_t t : {0LL, 17LL, 39LL}) {
        const std::vector<float> v = image.scaledVolume(t);
        for (int64_t i = 0; i < X * Y * Z; i += 97)
            ASSERT_EQ(v[i], value(i, t)) << "t " << t << " i " << i;
    }
}

TEST(NiftiWriter, ErrorsNameTheFileAndLeaveNothingBehind)
{
    testsupport::TempDir dir;
    const std::string path = dir.file("bad.nii.gz");
    auto expectError = [&](auto &&action, const std::string &fragment) {
        try {
            action();
            ADD_FAILURE() << "no error, expected one mentioning '" << fragment << "'";
        } catch (const Error &e) {
            const std::string message = e.what();
            EXPECT_NE(message.find(path), std::string::npos) << message;
            EXPECT_NE(message.find(fragment), std::string::npos) << message;
        }
    };
    const auto affine = NiftiWriter::scaleAffine();
    expectError([&] { NiftiWriter(path, DType::F16, {2, 2, 2}, affine); }, "F16");
    expectError([&] { NiftiWriter(path, DType::I16, {2, 40000, 2}, affine); }, "32767");
    expectError([&] { NiftiWriter(path, DType::I16, {}, affine); }, "dimensions");
    expectError(
        [&] {
            NiftiWriter writer(path, DType::I16, {2, 2, 2, 3}, affine);
            const std::vector<int16_t> small(7);
            writer.writeVolume(std::span<const int16_t>(small));
        },
        "expected 16");
    expectError(
        [&] {
            NiftiWriter writer(path, DType::I16, {2, 2, 2, 3}, affine);
            const std::vector<int16_t> volume(8);
            writer.writeVolume(std::span<const int16_t>(volume));
            writer.commit();
        },
        "1 of 3 volumes");
    expectError(
        [&] {
            const std::vector<int16_t> data(5);
            NiftiWriter::write(path, DType::I16, {2, 2, 2}, affine, std::as_bytes(std::span<const int16_t>(data)), {});
        },
        "needs 16");
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
    EXPECT_THROW(NiftiWriter(dir.file("no/such/folder.nii"), DType::U8, {1, 1, 1}, affine), Error);
}
