#include "vindex/data/RoiMask.h"
#include "TestSupport.h"
#include "vindex/core/Error.h"
#include "vindex/io/NiftiImage.h"

#include <gtest/gtest.h>

#include <array>
#include <string>

using vindex::DataError;
using vindex::data::RoiMask;
using vindex::io::NiftiImage;

namespace {

std::string subjectFile(int subject, const std::string &name)
{
    return testsupport::fixture("mini-nsd/nsddata/ppdata/subj0" + std::to_string(subject) + "/func1pt8mm/" + name);
}

} // namespace

TEST(RoiMask, FixtureShapesCountsAndCOrderCoordinates)
{
    const auto expected = testsupport::readJson(testsupport::fixture("mini-nsd/expected.json"));
    for (int subject : {1, 2}) {
        SCOPED_TRACE("subject " + std::to_string(subject));
        const auto &sub = expected["subjects"][std::to_string(subject)];
        const RoiMask mask = RoiMask::read(subjectFile(subject, "roi/nsdgeneral.nii.gz"));
        const auto shape = sub["volume_shape"].get<std::array<int64_t, 3>>();
        EXPECT_EQ(mask.shape(), shape);
        ASSERT_EQ(mask.voxelCount(), sub["nvox"].get<int64_t>());
        const auto first = sub["first_voxels_xyz"].get<std::vector<std::array<int32_t, 3>>>();
        for (std::size_t i = 0; i < first.size(); ++i)
            EXPECT_EQ(mask.voxel(static_cast<int64_t>(i)), first[i]) << "voxel " << i;
        EXPECT_EQ(mask.voxels().back(), (sub["last_voxel_xyz"].get<std::array<int32_t, 3>>()));

        const NiftiImage image = NiftiImage::read(mask.path());
        EXPECT_EQ(mask.affine(), image.affine());
        // C order: strictly increasing flat index, every ROI voxel has value 1 and round-trips through indexOf.
        for (int64_t i = 0; i < mask.voxelCount(); ++i) {
            const auto &v = mask.voxel(i);
            EXPECT_EQ(image.value(v[0], v[1], v[2]), 1.0);
            EXPECT_EQ(mask.indexOf(v[0], v[1], v[2]), i);
            if (i > 0)
                EXPECT_LT(mask.flatIndex(i - 1), mask.flatIndex(i));
        }
        // Everything else is 0 or −1 and maps to −1.
        int64_t outside = 0;
        for (int64_t x = 0; x < shape[0]; ++x)
            for (int64_t y = 0; y < shape[1]; ++y)
                for (int64_t z = 0; z < shape[2]; ++z)
                    if (mask.indexOf(x, y, z) < 0) {
                        ++outside;
                        EXPECT_LE(image.value(x, y, z), 0.0);
                    }
        EXPECT_EQ(outside + mask.voxelCount(), shape[0] * shape[1] * shape[2]);
        EXPECT_EQ(mask.indexOf(-1, 0, 0), -1);
        EXPECT_EQ(mask.indexOf(shape[0], 0, 0), -1);
        EXPECT_THROW(mask.voxel(mask.voxelCount()), DataError);
    }
}

TEST(RoiMask, ExtractsVolumesAndFourDVolumesInRoiOrder)
{
    const RoiMask mask = RoiMask::read(subjectFile(1, "roi/nsdgeneral.nii.gz"));
    const NiftiImage t1 = NiftiImage::read(subjectFile(1, "T1_to_func1pt8mm.nii.gz"));
    const std::vector<float> anat = mask.extract(t1);
    ASSERT_EQ(static_cast<int64_t>(anat.size()), mask.voxelCount());
    for (int64_t i = 0; i < mask.voxelCount(); ++i) {
        const auto &v = mask.voxel(i);
        EXPECT_FLOAT_EQ(anat[i], static_cast<float>(t1.value(v[0], v[1], v[2])));
    }
    const NiftiImage betas = NiftiImage::read(subjectFile(1, "betas_fithrf_GLMdenoise_RR/betas_session01.nii.gz"));
    ASSERT_EQ(betas.shape().size(), 4u);
    const int64_t t = betas.shape()[3] - 1;
    const std::vector<float> one = mask.extract(betas, t, 0.5);
    const std::vector<float> all = mask.extractAll(betas, 0.5);
    ASSERT_EQ(static_cast<int64_t>(all.size()), betas.shape()[3] * mask.voxelCount());
    for (int64_t i = 0; i < mask.voxelCount(); ++i) {
        const auto &v = mask.voxel(i);
        EXPECT_FLOAT_EQ(one[i], static_cast<float>(0.5 * betas.value(v[0], v[1], v[2], t)));
        EXPECT_FLOAT_EQ(all[t * mask.voxelCount() + i], one[i]);
    }
    EXPECT_THROW(mask.extract(betas, betas.shape()[3]), DataError);
}

TEST(RoiMask, ShapeMismatchNamesBothFiles)
{
    const RoiMask mask = RoiMask::read(subjectFile(1, "roi/nsdgeneral.nii.gz"));
    const NiftiImage other = NiftiImage::read(subjectFile(2, "T1_to_func1pt8mm.nii.gz"));
    try {
        mask.extract(other);
        FAIL() << "expected a DataError";
    } catch (const DataError &e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find(other.path()), std::string::npos) << msg;
        EXPECT_NE(msg.find(mask.path()), std::string::npos) << msg;
        EXPECT_NE(msg.find("(8, 10, 6)"), std::string::npos) << msg;
        EXPECT_NE(msg.find("(9, 11, 7)"), std::string::npos) << msg;
    }
}

TEST(RoiMask, FromValuesUsesCOrderZFastest)
{
    // Shape (2, 3, 4): flat C index (x·3 + y)·4 + z.
    std::vector<float> values(24, 0.0f);
    values[1] = 1;  // (0, 0, 1)
    values[4] = 1;  // (0, 1, 0)
    values[12] = 2; // (1, 0, 0)
    values[23] = 1; // (1, 2, 3)
    values[5] = -1; // outside the brain
    const RoiMask mask = RoiMask::fromValues({2, 3, 4}, values, {}, "hand-built");
    ASSERT_EQ(mask.voxelCount(), 4);
    EXPECT_EQ(mask.voxel(0), (RoiMask::Voxel{0, 0, 1}));
    EXPECT_EQ(mask.voxel(1), (RoiMask::Voxel{0, 1, 0}));
    EXPECT_EQ(mask.voxel(2), (RoiMask::Voxel{1, 0, 0}));
    EXPECT_EQ(mask.voxel(3), (RoiMask::Voxel{1, 2, 3}));
    EXPECT_EQ(mask.flatIndex(3), 23);
    EXPECT_THROW(RoiMask::fromValues({2, 3, 4}, std::vector<float>(24, 0.0f), {}, "empty"), DataError);
    EXPECT_THROW(RoiMask::fromValues({2, 3, 4}, std::vector<float>(23, 1.0f), {}, "short"), DataError);
}
