#include "vindex/io/NiftiImage.h"
#include "MiniNsd.h"
#include "NiftiTestFiles.h"
#include "vindex/core/Error.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
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
using namespace niftitest;
namespace fs = std::filesystem;

namespace {

const fs::path kMiniNsd = fs::path(VINDEX_FIXTURES_DIR) / "mini-nsd";

nlohmann::json expectedJson()
{
    std::ifstream in(kMiniNsd / "expected.json");
    return nlohmann::json::parse(in);
}

fs::path subjectDir(int subject)
{
    return kMiniNsd / "nsddata" / "ppdata" / ("subj0" + std::to_string(subject)) / "func1pt8mm";
}

class NiftiImageTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        const auto *info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path() / ("vindex-nifti-" + std::to_string(::getpid()) + "-" + info->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    std::string writeFile(const std::string &name, const std::vector<uint8_t> &bytes)
    {
        const fs::path p = m_dir / name;
        std::ofstream out(p, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        return p.string();
    }

    // Reading must fail with a FormatError that names the file.
    void expectFormatError(const std::string &path, const std::string &fragment = {})
    {
        try {
            NiftiImage::read(path);
            ADD_FAILURE() << "no error for " << path;
        } catch (const vindex::FormatError &e) {
            const std::string message = e.what();
            EXPECT_NE(message.find(path), std::string::npos) << message;
            if (!fragment.empty())
                EXPECT_NE(message.find(fragment), std::string::npos) << message;
        }
    }

    fs::path m_dir;
};

// Voxels of the ROI (value > 0) in C order over (x, y, z): z fastest, as MindEye flattens nibabel arrays.
std::vector<std::array<int64_t, 3>> roiVoxels(const NiftiImage &roi)
{
    std::vector<std::array<int64_t, 3>> voxels;
    const auto &s = roi.shape();
    for (int64_t x = 0; x < s[0]; ++x)
        for (int64_t y = 0; y < s[1]; ++y)
            for (int64_t z = 0; z < s[2]; ++z)
                if (roi.value(x, y, z) > 0)
                    voxels.push_back({x, y, z});
    return voxels;
}

} // namespace

TEST_F(NiftiImageTest, MiniNsdVolumesHaveTheExpectedShapes)
{
    const auto expected = expectedJson();
    for (int subject : {1, 2}) {
        const auto shape = expected["subjects"][std::to_string(subject)]["volume_shape"].get<std::vector<int64_t>>();
        const auto trials = expected["subjects"][std::to_string(subject)]["trial_images"].size();
        const auto roi = NiftiImage::read((subjectDir(subject) / "roi" / "nsdgeneral.nii.gz").string());
        EXPECT_EQ(roi.shape(), shape);
        const auto t1 = NiftiImage::read((subjectDir(subject) / "T1_to_func1pt8mm.nii.gz").string());
        EXPECT_EQ(t1.shape(), shape);
        EXPECT_EQ(t1.dtype(), DType::F32);
        EXPECT_EQ(t1.scaledVolume().size(), static_cast<std::size_t>(shape[0] * shape[1] * shape[2]));
        std::size_t total = 0;
        for (int session : {1, 2}) {
            const auto betas = NiftiImage::read((subjectDir(subject) / "betas_fithrf_GLMdenoise_RR" /
                                                 ("betas_session0" + std::to_string(session) + ".nii.gz"))
                                                    .string());
            ASSERT_EQ(betas.shape().size(), 4u);
            EXPECT_EQ(std::vector<int64_t>(betas.shape().begin(), betas.shape().begin() + 3), shape);
            EXPECT_EQ(betas.dtype(), DType::I16); // NSD stores betas as int16 (percent signal change × 300)
            EXPECT_EQ(betas.data().strides(),
                      (std::vector<int64_t>{1, shape[0], shape[0] * shape[1], shape[0] * shape[1] * shape[2]}));
            total += static_cast<std::size_t>(betas.shape()[3]);
        }
        EXPECT_EQ(total, trials);
        // func1pt8mm: 1.8 mm isotropic voxels.
        for (int i = 0; i < 3; ++i)
            EXPECT_NEAR(roi.pixdim()[i], 1.8, 1e-6);
    }
}

TEST_F(NiftiImageTest, MiniNsdRoiHasTheExpectedVoxels)
{
    const auto expected = expectedJson();
    for (int subject : {1, 2}) {
        const auto &sub = expected["subjects"][std::to_string(subject)];
        const auto roi = NiftiImage::read((subjectDir(subject) / "roi" / "nsdgeneral.nii.gz").string());
        std::map<double, int64_t> counts;
        for (double v : roi.data().toDoubleVector())
            ++counts[v];
        for (const auto &[value, count] : counts)
            EXPECT_TRUE(value == -1 || value == 0 || value == 1) << value;
        EXPECT_EQ(counts[1], sub["nvox"].get<int64_t>());
        const auto voxels = roiVoxels(roi);
        ASSERT_EQ(static_cast<int64_t>(voxels.size()), sub["nvox"].get<int64_t>());
        const auto first = sub["first_voxels_xyz"].get<std::vector<std::array<int64_t, 3>>>();
        for (std::size_t i = 0; i < first.size(); ++i)
            EXPECT_EQ(voxels[i], first[i]) << i;
        EXPECT_EQ(voxels.back(), (sub["last_voxel_xyz"].get<std::array<int64_t, 3>>()));
    }
}

TEST_F(NiftiImageTest, MiniNsdBetasFollowTheClosedForm)
{
    // beta_formula: sin(0.05*voxel + 0.7*image) + 0.01*rep, stored as int16 × 300.
    const auto expected = expectedJson();
    for (int subject : {1, 2}) {
        const auto &sub = expected["subjects"][std::to_string(subject)];
        const auto images = sub["trial_images"].get<std::vector<int>>();
        const std::vector<int> reps = testsupport::miniNsdRepeats(subject);
        const auto roi = NiftiImage::read((subjectDir(subject) / "roi" / "nsdgeneral.nii.gz").string());
        const auto voxels = roiVoxels(roi);
        std::size_t trial = 0;
        for (int session : {1, 2}) {
            const auto betas = NiftiImage::read((subjectDir(subject) / "betas_fithrf_GLMdenoise_RR" /
                                                 ("betas_session0" + std::to_string(session) + ".nii.gz"))
                                                    .string());
            for (int64_t t = 0; t < betas.shape()[3]; ++t, ++trial) {
                const auto volume = betas.scaledVolume(t);
                for (std::size_t v = 0; v < voxels.size(); ++v) {
                    const double truth = testsupport::miniNsdBeta(v, images[trial], reps[trial]);
                    const auto [x, y, z] = voxels[v];
                    const double stored = betas.value(x, y, z, t);
                    ASSERT_NEAR(stored / 300.0, truth, 0.5 / 300.0 + 1e-9)
                        << "subject " << subject << " trial " << trial << " voxel " << v;
                    const auto &s = betas.shape();
                    ASSERT_EQ(volume[x + s[0] * (y + s[1] * z)], stored);
                }
            }
        }
        EXPECT_EQ(trial, images.size());
    }
}

TEST_F(NiftiImageTest, ReadsEveryIntegerAndFloatDatatypeInBothByteOrders)
{
    auto check = [&]<typename T>(T, int16_t code, DType dtype) {
        const std::vector<T> values = {T(0), T(1), T(7), T(100), T(3), T(5)};
        for (bool big : {false, true}) {
            NiftiSpec spec;
            spec.dims = {3, 2};
            spec.datatype = code;
            spec.bitpix = 8 * sizeof(T);
            spec.bigEndian = big;
            const auto path = writeFile("t" + std::to_string(code) + (big ? "be" : "le") + ".nii",
                                        buildNifti(spec, encode(values, big)));
            const auto image = NiftiImage::read(path);
            EXPECT_EQ(image.dtype(), dtype);
            EXPECT_EQ(image.datatypeCode(), code);
            // x fastest on disk: element (x, y) is values[x + 3*y].
            for (int64_t y = 0; y < 2; ++y)
                for (int64_t x = 0; x < 3; ++x)
                    EXPECT_EQ(image.value(x, y, 0), static_cast<double>(values[x + 3 * y])) << code << big;
            EXPECT_EQ(image.data().strides(), (std::vector<int64_t>{1, 3}));
        }
    };
    check(uint8_t{}, 2, DType::U8);
    check(int8_t{}, 256, DType::I8);
    check(int16_t{}, 4, DType::I16);
    check(uint16_t{}, 512, DType::U16);
    check(int32_t{}, 8, DType::I32);
    check(uint32_t{}, 768, DType::U32);
    check(int64_t{}, 1024, DType::I64);
    check(uint64_t{}, 1280, DType::U64);
    check(float{}, 16, DType::F32);
    check(double{}, 64, DType::F64);

    // Negative and fractional values survive the byte swap.
    NiftiSpec spec;
    spec.dims = {2};
    spec.datatype = 16;
    spec.bigEndian = true;
    const auto image =
        NiftiImage::read(writeFile("neg.nii", buildNifti(spec, encode(std::vector<float>{-2.5f, 1e-3f}, true))));
    EXPECT_EQ(image.value(0, 0, 0), -2.5f);
    EXPECT_EQ(image.value(1, 0, 0), 1e-3f);
}

TEST_F(NiftiImageTest, FourDimensionalIndexingAndGzip)
{
    NiftiSpec spec;
    spec.dims = {2, 3, 4, 5};
    std::vector<int16_t> values(2 * 3 * 4 * 5);
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = static_cast<int16_t>(i * 3 - 50);
    for (bool big : {false, true}) {
        spec.bigEndian = big;
        const auto raw = buildNifti(spec, encode(values, big));
        for (const auto &path :
             {writeFile(big ? "be.nii" : "le.nii", raw), writeFile(big ? "be.nii.gz" : "le.nii.gz", gzipStored(raw))}) {
            const auto image = NiftiImage::read(path);
            ASSERT_EQ(image.shape(), (std::vector<int64_t>{2, 3, 4, 5}));
            EXPECT_EQ(image.data().strides(), (std::vector<int64_t>{1, 2, 6, 24}));
            for (int64_t t = 0; t < 5; ++t) {
                const auto volume = image.scaledVolume(t);
                for (int64_t z = 0; z < 4; ++z)
                    for (int64_t y = 0; y < 3; ++y)
                        for (int64_t x = 0; x < 2; ++x) {
                            const double truth = values[x + 2 * (y + 3 * (z + 4 * t))];
                            EXPECT_EQ(image.value(x, y, z, t), truth);
                            EXPECT_EQ(volume[x + 2 * (y + 3 * z)], truth);
                        }
            }
            // The tensor's logical [x][y][z][t] order: C-order index ((x*3 + y)*4 + z)*5 + t.
            EXPECT_EQ(image.data().valueAt(((1 * 3 + 2) * 4 + 3) * 5 + 4), values[1 + 2 * (2 + 3 * (3 + 4 * 4))]);
            EXPECT_THROW(image.value(2, 0, 0, 0), std::out_of_range);
            EXPECT_THROW(image.scaledVolume(5), std::out_of_range);
        }
    }
}

TEST_F(NiftiImageTest, ConcatenatedGzipMembersAndExtensionsAreRead)
{
    NiftiSpec spec;
    spec.dims = {4};
    spec.voxOffset = 368; // 16 bytes of extension after the 4-byte flag
    auto raw = buildNifti(spec, encode(std::vector<int16_t>{1, -2, 3, -4}, false));
    raw[348] = 1; // extension flag; the bytes up to vox_offset are skipped
    std::vector<uint8_t> first(raw.begin(), raw.begin() + 200), second(raw.begin() + 200, raw.end());
    auto gz = gzipStored(first);
    const auto tail = gzipStored(second);
    gz.insert(gz.end(), tail.begin(), tail.end());
    const auto image = NiftiImage::read(writeFile("multi.nii.gz", gz));
    EXPECT_EQ(image.data().toDoubleVector(), (std::vector<double>{1, -2, 3, -4}));
}

TEST_F(NiftiImageTest, ScalingFollowsTheStandard)
{
    NiftiSpec spec;
    spec.dims = {3};
    const auto data = encode(std::vector<int16_t>{-1, 0, 10}, false);
    spec.sclSlope = 2.0f;
    spec.sclInter = 1.0f;
    auto image = NiftiImage::read(writeFile("scaled.nii", buildNifti(spec, data)));
    EXPECT_EQ(image.value(0, 0, 0), -1.0);
    EXPECT_EQ(image.value(2, 0, 0), 21.0);
    EXPECT_EQ(image.scaledVolume(), (std::vector<float>{-1, 1, 21}));
    EXPECT_EQ(image.data().valueAt(2), 10.0); // data() stays unscaled

    for (float slope : {0.0f, std::nanf(""), INFINITY}) {
        spec.sclSlope = slope;
        spec.sclInter = 5.0f;
        image = NiftiImage::read(writeFile("unscaled.nii", buildNifti(spec, data)));
        EXPECT_EQ(image.value(2, 0, 0), 10.0) << slope;
        EXPECT_EQ(image.scaledVolume(), (std::vector<float>{-1, 0, 10})) << slope;
    }
}

TEST_F(NiftiImageTest, AffineFromSformQformOrPixdim)
{
    const auto data = encode(std::vector<int16_t>(24, 0), false);
    using M = NiftiImage::Matrix4;
    auto expectAffine = [](const M &actual, const M &truth) {
        for (int r = 0; r < 4; ++r)
            for (int c = 0; c < 4; ++c)
                EXPECT_NEAR(actual[r][c], truth[r][c], 1e-6) << r << "," << c;
    };

    NiftiSpec spec;
    spec.pixdim = {1, 2, 3, 4, 1, 0, 0, 0};

    // sform wins whenever sform_code > 0, even with a qform present.
    spec.sformCode = 2;
    spec.qformCode = 1;
    spec.quatern = {0, 0, 1, 0, 0, 0};
    spec.srow = {1.5f, 0.1f, 0, -10, 0, 1.8f, 0.2f, -20, 0.3f, 0, 2.2f, -30};
    auto image = NiftiImage::read(writeFile("sform.nii", buildNifti(spec, data)));
    EXPECT_EQ(image.sformCode(), 2);
    expectAffine(image.affine(), M{{{1.5f, 0.1f, 0, -10}, {0, 1.8f, 0.2f, -20}, {0.3f, 0, 2.2f, -30}, {0, 0, 0, 1}}});

    // qform, quaternion (0, 0, 0): identity rotation, scaled by pixdim, translated by qoffset.
    spec.sformCode = 0;
    spec.quatern = {0, 0, 0, 10, 20, 30};
    image = NiftiImage::read(writeFile("qform-identity.nii", buildNifti(spec, data)));
    expectAffine(image.affine(), M{{{2, 0, 0, 10}, {0, 3, 0, 20}, {0, 0, 4, 30}, {0, 0, 0, 1}}});

    // qfac = pixdim[0] = -1 flips the third axis.
    spec.pixdim[0] = -1;
    image = NiftiImage::read(writeFile("qform-qfac.nii", buildNifti(spec, data)));
    expectAffine(image.affine(), M{{{2, 0, 0, 10}, {0, 3, 0, 20}, {0, 0, -4, 30}, {0, 0, 0, 1}}});
    spec.pixdim[0] = 1;

    // 90° about z: a = cos 45°, d = sin 45° → x' = -y, y' = x.
    const float s = static_cast<float>(std::sqrt(0.5));
    spec.quatern = {0, 0, s, 0, 0, 0};
    image = NiftiImage::read(writeFile("qform-rotz.nii", buildNifti(spec, data)));
    expectAffine(image.affine(), M{{{0, -3, 0, 0}, {2, 0, 0, 0}, {0, 0, 4, 0}, {0, 0, 0, 1}}});

    // 90° about x: b = sin 45° → y' = -z, z' = y.
    spec.quatern = {s, 0, 0, 1, 2, 3};
    image = NiftiImage::read(writeFile("qform-rotx.nii", buildNifti(spec, data)));
    expectAffine(image.affine(), M{{{2, 0, 0, 1}, {0, 0, -4, 2}, {0, 3, 0, 3}, {0, 0, 0, 1}}});

    // 180° about x: b = 1, a = 0 → diag(1, -1, -1).
    spec.quatern = {1, 0, 0, 0, 0, 0};
    image = NiftiImage::read(writeFile("qform-180.nii", buildNifti(spec, data)));
    expectAffine(image.affine(), M{{{2, 0, 0, 0}, {0, -3, 0, 0}, {0, 0, -4, 0}, {0, 0, 0, 1}}});

    // Neither: pixdim scaling only (method 1 of the standard).
    spec.qformCode = 0;
    image = NiftiImage::read(writeFile("noform.nii", buildNifti(spec, data)));
    expectAffine(image.affine(), M{{{2, 0, 0, 0}, {0, 3, 0, 0}, {0, 0, 4, 0}, {0, 0, 0, 1}}});

    // A big-endian header gives the same affine.
    spec.bigEndian = true;
    spec.sformCode = 1;
    spec.srow = {0, 0, 1.8f, 5, 1.8f, 0, 0, 6, 0, 1.8f, 0, 7};
    image = NiftiImage::read(writeFile("sform-be.nii", buildNifti(spec, encode(std::vector<int16_t>(24), true))));
    expectAffine(image.affine(), M{{{0, 0, 1.8f, 5}, {1.8f, 0, 0, 6}, {0, 1.8f, 0, 7}, {0, 0, 0, 1}}});
}

TEST_F(NiftiImageTest, MiniNsdAffineIsTheSform)
{
    // The NSD func1pt8mm files carry an sform; it must be a 1.8 mm diagonal scaling (sform_code > 0).
    const auto roi = NiftiImage::read((subjectDir(1) / "roi" / "nsdgeneral.nii.gz").string());
    EXPECT_GT(roi.sformCode(), 0);
    for (int i = 0; i < 3; ++i)
        EXPECT_NEAR(roi.affine()[i][i], 1.8, 1e-6);
    EXPECT_EQ(roi.affine()[3], (std::array<double, 4>{0, 0, 0, 1}));
}

TEST_F(NiftiImageTest, HostileHeadersThrowFormatErrors)
{
    const auto data = encode(std::vector<int16_t>(24, 7), false);
    NiftiSpec good;

    auto variant = [&](const std::string &name, auto mutate, const std::string &fragment = {}) {
        NiftiSpec spec = good;
        mutate(spec);
        const auto raw = buildNifti(spec, data);
        expectFormatError(writeFile(name + ".nii", raw), fragment);
        expectFormatError(writeFile(name + ".nii.gz", gzipStored(raw)), fragment);
    };
    variant(
        "magic", [](NiftiSpec &s) { s.magic = std::string("abcd", 4); }, "magic");
    variant(
        "magic-pair", [](NiftiSpec &s) { s.magic = std::string("ni1\0", 4); }, "ni1");
    variant(
        "sizeof", [](NiftiSpec &s) { s.sizeofHdr = 349; }, "348");
    variant(
        "nifti2", [](NiftiSpec &s) { s.sizeofHdr = 540; }, "NIfTI-2");
    variant(
        "dim0-zero", [](NiftiSpec &s) { s.dims.clear(); }, "dim[0]");
    variant(
        "dim-zero",
        [](NiftiSpec &s) {
            s.dims = {2, 0, 4};
        },
        "dim[2]");
    variant(
        "dim-negative",
        [](NiftiSpec &s) {
            s.dims = {2, 3, -4};
        },
        "dim[3]");
    variant(
        "complex", [](NiftiSpec &s) { s.datatype = 32; }, "complex64");
    variant(
        "rgb", [](NiftiSpec &s) { s.datatype = 128; }, "rgb24");
    variant(
        "unknown-type", [](NiftiSpec &s) { s.datatype = 3; }, "datatype 3");
    variant("offset-beyond", [](NiftiSpec &s) {
        s.voxOffset = 4096;
        s.dataAt = 352;
    });
    variant("offset-huge", [](NiftiSpec &s) {
        s.voxOffset = 1e30f;
        s.dataAt = 352;
    });
    variant(
        "offset-nan",
        [](NiftiSpec &s) {
            s.voxOffset = std::nanf("");
            s.dataAt = 352;
        },
        "vox_offset");
    variant(
        "offset-negative",
        [](NiftiSpec &s) {
            s.voxOffset = -16;
            s.dataAt = 352;
        },
        "vox_offset");
    variant(
        "more-data",
        [](NiftiSpec &s) {
            s.dims = {2, 3, 5};
        },
        "truncated");
    variant("huge", [](NiftiSpec &s) { s.dims = {32767, 32767, 32767, 32767}; });
    variant(
        "overflow", [](NiftiSpec &s) { s.dims = {32767, 32767, 32767, 32767, 32767, 32767, 32767}; }, "overflow");
    variant("valid-slope-bad-inter", [](NiftiSpec &s) {
        s.sclSlope = 1;
        s.sclInter = INFINITY;
    });

    // dim[0] = 8 needs a raw poke: the writer never produces it.
    auto raw = buildNifti(good, data);
    raw[40] = 8;
    expectFormatError(writeFile("dim0-eight.nii", raw), "dim[0]");

    // Empty files and files that are not NIfTI at all.
    expectFormatError(writeFile("empty.nii", {}));
    expectFormatError(writeFile("text.nii", std::vector<uint8_t>(400, 'x')));
    expectFormatError(writeFile("empty.nii.gz", gzipStored({})));
    expectFormatError((m_dir / "missing.nii").string());
}

TEST_F(NiftiImageTest, TruncationAtEveryByteThrows)
{
    NiftiSpec spec;
    spec.dims = {3, 2};
    const auto raw = buildNifti(spec, encode(std::vector<int16_t>{1, 2, 3, 4, 5, 6}, false));
    ASSERT_NO_THROW(NiftiImage::read(writeFile("full.nii", raw)));
    for (std::size_t n = 0; n < raw.size(); ++n)
        expectFormatError(writeFile("cut.nii", std::vector<uint8_t>(raw.begin(), raw.begin() + n)));

    const auto gz = gzipStored(raw);
    ASSERT_NO_THROW(NiftiImage::read(writeFile("full.nii.gz", gz)));
    for (std::size_t n = 0; n < gz.size(); ++n)
        expectFormatError(writeFile("cut.nii.gz", std::vector<uint8_t>(gz.begin(), gz.begin() + n)));
}

TEST_F(NiftiImageTest, CorruptOrShortGzipThrows)
{
    NiftiSpec spec;
    spec.dims = {3, 2};
    const auto raw = buildNifti(spec, encode(std::vector<int16_t>{1, 2, 3, 4, 5, 6}, false));

    // A complete, valid gzip stream that holds less than the header asks for.
    const auto shortGz = gzipStored(std::vector<uint8_t>(raw.begin(), raw.end() - 4));
    expectFormatError(writeFile("short.nii.gz", shortGz), "truncated");

    // A wrong CRC.
    auto badCrc = gzipStored(raw);
    badCrc[badCrc.size() - 8] ^= 0xff;
    expectFormatError(writeFile("crc.nii.gz", badCrc), "gzip");

    // A broken deflate block type (reserved type 3).
    auto badBlock = gzipStored(raw);
    badBlock[10] = 0x07;
    expectFormatError(writeFile("block.nii.gz", badBlock), "gzip");

    // Header claims far more data than a stream this small can hold: rejected before any allocation.
    spec.dims = {32767, 32767, 32767};
    expectFormatError(writeFile("bomb.nii.gz", gzipStored(buildNifti(spec, {}))));
}

TEST_F(NiftiImageTest, RandomlyCorruptedFilesNeverCrash)
{
    // Deterministic mutations of a small valid file: each read either succeeds or throws FormatError.
    NiftiSpec spec;
    spec.dims = {3, 2, 2};
    spec.qformCode = 1;
    spec.quatern = {0.5f, 0.5f, 0.5f, 1, 2, 3};
    const auto raw = buildNifti(spec, encode(std::vector<int16_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, false));
    std::mt19937 rng(1234);
    for (int round = 0; round < 600; ++round) {
        auto mutated = raw;
        const int edits = 1 + static_cast<int>(rng() % 4);
        for (int e = 0; e < edits; ++e)
            mutated[rng() % mutated.size()] = static_cast<uint8_t>(rng());
        for (bool gz : {false, true}) {
            const auto path = writeFile(gz ? "fuzz.nii.gz" : "fuzz.nii", gz ? gzipStored(mutated) : mutated);
            try {
                const auto image = NiftiImage::read(path);
                (void)image.scaledVolume(0);
            } catch (const vindex::FormatError &e) {
                ASSERT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
            }
        }
    }
}
