#include "vindex/io/NiftiVolumeReader.h"
#include "MiniNsd.h"
#include "NiftiTestFiles.h"
#include "TestSupport.h"
#include "vindex/core/Error.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

using namespace vindex::io;
using namespace niftitest;

namespace {

// A (X, Y, Z, T) int16 image whose voxel (x, y, z, t) holds x + 2y + 3z + 5t − 20: a closed form to check reads by.
constexpr int16_t X = 3, Y = 4, Z = 5, T = 6;

int16_t closedForm(int64_t x, int64_t y, int64_t z, int64_t t)
{
    return static_cast<int16_t>(x + 2 * y + 3 * z + 5 * t - 20);
}

std::vector<int16_t> closedFormValues()
{
    std::vector<int16_t> values;
    for (int t = 0; t < T; ++t)
        for (int z = 0; z < Z; ++z)
            for (int y = 0; y < Y; ++y)
                for (int x = 0; x < X; ++x)
                    values.push_back(closedForm(x, y, z, t));
    return values;
}

std::vector<uint8_t> closedFormFile(bool bigEndian, float voxOffset = 352)
{
    NiftiSpec spec;
    spec.dims = {X, Y, Z, T};
    spec.bigEndian = bigEndian;
    spec.voxOffset = voxOffset;
    return buildNifti(spec, encode(closedFormValues(), bigEndian));
}

std::string write(const testsupport::TempDir &dir, const std::string &name, const std::vector<uint8_t> &bytes)
{
    const std::string path = dir.file(name);
    testsupport::writeBytes(path, std::string(bytes.begin(), bytes.end()));
    return path;
}

// Volume t as read must be the closed form, x fastest.
void expectVolume(const std::byte *volume, int64_t t, const std::string &what)
{
    for (int64_t z = 0; z < Z; ++z)
        for (int64_t y = 0; y < Y; ++y)
            for (int64_t x = 0; x < X; ++x) {
                int16_t value;
                std::memcpy(&value, volume + 2 * (x + X * (y + Y * z)), 2);
                ASSERT_EQ(value, closedForm(x, y, z, t))
                    << what << " t=" << t << " (" << x << "," << y << "," << z << ")";
            }
}

std::string formatErrorOf(const std::function<void()> &run)
{
    try {
        run();
    } catch (const vindex::FormatError &e) {
        return e.what();
    }
    ADD_FAILURE() << "no FormatError";
    return {};
}

} // namespace

// .nii and .nii.gz, either byte order, an extension before the data: volumes in any order, single or as a range.
TEST(NiftiVolumeReader, VolumesInAnyOrderFromEveryKindOfFile)
{
    testsupport::TempDir dir;
    for (bool big : {false, true}) {
        for (float offset : {352.0f, 400.0f}) {
            const auto raw = closedFormFile(big, offset);
            const std::string tag = std::string(big ? "be" : "le") + std::to_string(static_cast<int>(offset));
            // gzip in small stored blocks, so that the volumes cross block boundaries; the .gz named .nii too, and a
            // plain file named .nii.gz (the gzip magic decides, not the name).
            for (const auto &[name, bytes] :
                 std::map<std::string, std::vector<uint8_t>>{{tag + ".nii", raw},
                                                             {tag + "-plain.nii.gz", raw},
                                                             {tag + ".nii.gz", gzipStored(raw, 100)},
                                                             {tag + "-gz.nii", gzipStored(raw, 100)}}) {
                NiftiVolumeReader reader(write(dir, name, bytes));
                EXPECT_EQ(reader.compressed(), bytes[0] == 0x1f) << name;
                EXPECT_EQ(reader.volumeCount(), T);
                EXPECT_EQ(reader.volumeBytes(), static_cast<std::size_t>(X * Y * Z * 2));
                EXPECT_EQ(reader.header().voxOffset, static_cast<uint64_t>(offset));
                for (int64_t t : {2, 3, 0, 5, 5, 1, 4}) // forward, back (a .gz starts again), the same one twice
                    expectVolume(reader.readVolume(t).data(), t, name);
                std::vector<std::byte> range(3 * reader.volumeBytes());
                reader.readVolumes(2, 3, range.data());
                for (int64_t k = 0; k < 3; ++k)
                    expectVolume(range.data() + k * reader.volumeBytes(), 2 + k, name + " range");
                EXPECT_THROW(reader.readVolume(T), std::out_of_range);
                EXPECT_THROW(reader.readVolumes(-1, 1, range.data()), std::out_of_range);
            }
        }
    }
}

// Only what is asked for is inflated: the first volumes of a .nii.gz whose end is cut off still read, the volumes
// past the cut are a FormatError naming the file, and reading the last byte checks the gzip trailer.
TEST(NiftiVolumeReader, ReadsNoFurtherThanTheVolumesAskedFor)
{
    testsupport::TempDir dir;
    const auto gz = gzipStored(closedFormFile(false), 100);
    const std::size_t volumeBytes = X * Y * Z * 2;
    // 10 bytes of gzip header, then blocks of 5 + 100 bytes: 8 blocks hold the 352 header bytes and volumes 0..2
    // (712 bytes) but not volume 3 (up to 832).
    static_assert(352 + 3 * X * Y * Z * 2 <= 800 && 352 + 4 * X * Y * Z * 2 > 800);
    const std::size_t keep = 10 + 8 * 105;
    const std::string cut = write(dir, "cut.nii.gz", std::vector<uint8_t>(gz.begin(), gz.begin() + keep));
    NiftiVolumeReader reader(cut);
    for (int64_t t : {0, 1, 2})
        expectVolume(reader.readVolume(t).data(), t, "cut");
    const std::string message = formatErrorOf([&] { reader.readVolume(4); });
    EXPECT_EQ(message.rfind(cut + ": ", 0), 0u) << message;
    EXPECT_NE(message.find("truncated"), std::string::npos) << message;

    auto badCrc = gz;
    badCrc[badCrc.size() - 8] ^= 0xff;
    NiftiVolumeReader crc(write(dir, "crc.nii.gz", badCrc));
    expectVolume(crc.readVolume(0).data(), 0, "crc"); // the trailer is not reached yet
    const std::string crcMessage = formatErrorOf([&] { crc.readVolume(T - 1); });
    EXPECT_NE(crcMessage.find("gzip"), std::string::npos) << crcMessage;

    const auto raw = closedFormFile(false);
    const std::string shortPlain =
        write(dir, "short.nii", std::vector<uint8_t>(raw.begin(), raw.begin() + 352 + 2 * volumeBytes + 10));
    NiftiVolumeReader plain(shortPlain);
    expectVolume(plain.readVolume(1).data(), 1, "short");
    EXPECT_NE(formatErrorOf([&] { plain.readVolume(2); }).find("truncated"), std::string::npos);
    EXPECT_NE(formatErrorOf([&] { (void)plain.mappedData(); }).find("truncated"), std::string::npos);
}

// The fixture's betas (nibabel-written .nii.gz) hold expected.json's beta_formula × 300 at the ROI voxels (C order
// over x, y, z, as MindEye flattens them), read here one volume at a time from the last to the first.
TEST(NiftiVolumeReader, FixtureBetasFollowTheClosedForm)
{
    const auto expected = testsupport::readJson(testsupport::fixture("mini-nsd/expected.json"));
    for (int subject : {1, 2}) {
        const auto &sub = expected["subjects"][std::to_string(subject)];
        const auto images = sub["trial_images"].get<std::vector<int>>();
        const std::vector<int> reps = testsupport::miniNsdRepeats(subject);
        const std::string dir =
            testsupport::fixture("mini-nsd/nsddata/ppdata/subj0" + std::to_string(subject) + "/func1pt8mm/");
        NiftiVolumeReader roi(dir + "roi/nsdgeneral.nii.gz");
        const auto mask = roi.readVolume(0);
        const auto &g = roi.header().shape;
        std::vector<int64_t> voxels; // flat on-disk indices of the ROI, in C order over (x, y, z)
        for (int64_t x = 0; x < g[0]; ++x)
            for (int64_t y = 0; y < g[1]; ++y)
                for (int64_t z = 0; z < g[2]; ++z) {
                    int16_t m;
                    std::memcpy(&m, mask.data() + 2 * (x + g[0] * (y + g[1] * z)), 2);
                    if (m > 0)
                        voxels.push_back(x + g[0] * (y + g[1] * z));
                }
        ASSERT_EQ(static_cast<int64_t>(voxels.size()), sub["nvox"].get<int64_t>());
        int64_t first = 0;
        for (int session : {1, 2}) {
            NiftiVolumeReader betas(dir + "betas_fithrf_GLMdenoise_RR/betas_session0" + std::to_string(session) +
                                    ".nii.gz");
            for (int64_t t = betas.volumeCount() - 1; t >= 0; --t) {
                const auto volume = betas.readVolume(t);
                const int64_t trial = first + t;
                for (std::size_t v = 0; v < voxels.size(); ++v) {
                    int16_t stored;
                    std::memcpy(&stored, volume.data() + 2 * voxels[v], 2);
                    const double truth = testsupport::miniNsdBeta(v, images[trial], reps[trial]);
                    ASSERT_NEAR(stored / 300.0, truth, 0.5 / 300.0 + 1e-9)
                        << "subject " << subject << " trial " << trial << " voxel " << v;
                }
            }
            first += betas.volumeCount();
        }
        EXPECT_EQ(first, static_cast<int64_t>(images.size()));
    }
}

TEST(NiftiVolumeReader, OpenErrorsNameTheFile)
{
    testsupport::TempDir dir;
    const std::string missing = dir.file("missing.nii.gz");
    EXPECT_NE(formatErrorOf([&] { NiftiVolumeReader r(missing); }).find(missing), std::string::npos);
    const std::string empty = write(dir, "empty.nii.gz", gzipStored({}));
    EXPECT_NE(formatErrorOf([&] { NiftiVolumeReader r(empty); }).find("348"), std::string::npos);
    // A header that asks for far more than a stream this small can hold is refused before anything is inflated.
    NiftiSpec spec;
    spec.dims = {32767, 32767, 32767};
    const std::string bomb = write(dir, "bomb.nii.gz", gzipStored(buildNifti(spec, {})));
    EXPECT_NE(formatErrorOf([&] { NiftiVolumeReader r(bomb); }).find(bomb), std::string::npos);
}
