#include "vindex/data/Session.h"
#include "MiniNsd.h"
#include "TestSupport.h"
#include "vindex/core/Error.h"
#include "vindex/data/MindEye2Layout.h"
#include "vindex/data/NativeNsdLayout.h"
#include "vindex/data/WebdatasetLayout.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>

using vindex::DataError;
using vindex::data::NsdLayout;
using vindex::data::Session;
using vindex::data::Subject;
namespace fs = std::filesystem;

namespace {

const std::string kRoot = testsupport::fixture("mini-nsd");

const nlohmann::json &expected()
{
    static const nlohmann::json json = testsupport::readJson(kRoot + "/expected.json");
    return json;
}

const nlohmann::json &expectedSubject(int id)
{
    return expected()["subjects"][std::to_string(id)];
}

// expected.json's beta_formula.
double formulaBeta(int64_t voxel, int64_t image, int rep)
{
    return std::sin(0.05 * voxel + 0.7 * image) + 0.01 * rep;
}

// The formats' rounding: float16 tars (relative 2^-11 plus an absolute 1e-3), int16 ÷ 300 NIfTI (half a step, 1/600),
// float32 HDF5 (float rounding only).
double tolerance(NsdLayout layout, double value)
{
    switch (layout) {
    case NsdLayout::Webdataset: return std::ldexp(1.0, -11) * std::fabs(value) + 1e-3;
    case NsdLayout::Native: return 1e-5; // z-scores of the same int16 values, float rounding only
    case NsdLayout::MindEye2: return 1e-5;
    }
    return 0;
}

const std::vector<NsdLayout> kAll = {NsdLayout::Webdataset, NsdLayout::MindEye2, NsdLayout::Native};

} // namespace

TEST(SessionTest, FindsBothSubjectsInEveryLayout)
{
    const Session session = Session::open(kRoot);
    EXPECT_EQ(session.root(), kRoot);
    EXPECT_EQ(session.subjects(), (std::vector<int>{1, 2}));
    for (int id : {1, 2}) {
        EXPECT_TRUE(session.hasSubject(id));
        EXPECT_EQ(session.layoutsOf(id), kAll) << id;
    }
    EXPECT_FALSE(session.hasSubject(3));
    EXPECT_TRUE(session.layoutsOf(3).empty());
    for (const std::string &line : session.problems())
        EXPECT_EQ(line.find("not opened"), std::string::npos) << line;
    EXPECT_THROW(session.subject(3), DataError);
}

TEST(SessionTest, VoxelCountsAndRoiGeometry)
{
    const Session session = Session::open(kRoot);
    for (int id : {1, 2}) {
        const auto &exp = expectedSubject(id);
        const Subject subject = session.subject(id);
        EXPECT_EQ(subject.id(), id);
        EXPECT_EQ(subject.voxelCount(), exp["nvox"].get<int64_t>());
        EXPECT_EQ(subject.preferredLayout(), NsdLayout::Webdataset);
        EXPECT_EQ(subject.layouts(), kAll);
        // Every layout describes the same voxels.
        EXPECT_EQ(subject.webdataset().voxelCount(), subject.voxelCount());
        EXPECT_EQ(subject.mindEye2().voxelCount(), subject.voxelCount());
        EXPECT_EQ(subject.native().voxelCount(), subject.voxelCount());

        ASSERT_TRUE(subject.hasRoi());
        const auto &roi = subject.roi();
        const auto shape = exp["volume_shape"].get<std::vector<int64_t>>();
        EXPECT_EQ(std::vector<int64_t>(roi.shape().begin(), roi.shape().end()), shape);
        EXPECT_EQ(roi.voxelCount(), subject.voxelCount());
        const auto first = exp["first_voxels_xyz"].get<std::vector<std::vector<int32_t>>>();
        for (std::size_t i = 0; i < first.size(); ++i) {
            const auto &v = roi.voxel(static_cast<int64_t>(i));
            EXPECT_EQ(std::vector<int32_t>(v.begin(), v.end()), first[i]) << id << " voxel " << i;
        }
        const auto &last = roi.voxel(roi.voxelCount() - 1);
        EXPECT_EQ(std::vector<int32_t>(last.begin(), last.end()), exp["last_voxel_xyz"].get<std::vector<int32_t>>());
    }
}

TEST(SessionTest, NoRoiWithoutTheNativeLayout)
{
    const Session session = Session::open(kRoot);
    // A caller's preference reorders the layouts; the unnamed ones follow in the default order.
    const Subject subject = session.subject(1, {NsdLayout::Native, NsdLayout::MindEye2});
    EXPECT_EQ(subject.layouts(),
              (std::vector<NsdLayout>{NsdLayout::Native, NsdLayout::MindEye2, NsdLayout::Webdataset}));
    EXPECT_EQ(subject.preferredLayout(), NsdLayout::Native);

    const Subject bare(
        1, nullptr, std::make_shared<const vindex::data::MindEye2Layout>(vindex::data::MindEye2Layout::open(kRoot, 1)),
        nullptr);
    EXPECT_FALSE(bare.hasRoi());
    EXPECT_THROW(bare.roi(), DataError);
    EXPECT_THROW(bare.native(), DataError);
    EXPECT_THROW(bare.betasOfImage(0, NsdLayout::Webdataset), DataError);
    EXPECT_THROW(Subject(1, nullptr, nullptr, nullptr), DataError);
}

// expected.json's splits hold 73k image ids (the webdataset test samples' coco73k values), in the test split's
// sample order; for the fixture that order is also ascending, so the native / MindEye2 order agrees with it.
TEST(SessionTest, TestImagesInUmbraeOrder)
{
    const Session session = Session::open(kRoot);
    for (int id : {1, 2}) {
        const auto exp = expectedSubject(id)["splits"]["test"].get<std::vector<int64_t>>();
        const Subject subject = session.subject(id);
        EXPECT_EQ(subject.testOrderLayout(), NsdLayout::Webdataset);
        EXPECT_EQ(subject.testImages(), exp) << id;
        ASSERT_EQ(subject.testImageCount(), static_cast<int64_t>(exp.size()));
        for (std::size_t i = 0; i < exp.size(); ++i)
            EXPECT_EQ(subject.testImage(static_cast<int64_t>(i)), exp[i]);
        EXPECT_THROW(subject.testImage(-1), DataError);
        EXPECT_THROW(subject.testImage(subject.testImageCount()), DataError);

        // One order everywhere: with the tars present their order holds whichever layout reads the betas.
        for (const auto &preference : {std::vector<NsdLayout>{NsdLayout::Native},
                                       std::vector<NsdLayout>{NsdLayout::MindEye2, NsdLayout::Native}}) {
            const Subject other = session.subject(id, preference);
            EXPECT_EQ(other.testOrderLayout(), NsdLayout::Webdataset);
            EXPECT_EQ(other.testImages(), exp) << id;
            EXPECT_EQ(other.trial(vindex::data::Split::Test, 0).imageId, exp[0]);
            EXPECT_NO_THROW(other.checkBrainHubOrder(982)); // the tars' order is UMBRAE's
        }
        EXPECT_EQ(subject.testOrderDescription(), "umbrae (webdataset test tars)");

        // Without the tars the order is derived from the 73k ids: ascending, as MindEye2 decodes its test images and
        // BrainHub keys them. It names BrainHub's images only for a test set of BrainHub's size.
        auto sorted = exp;
        std::sort(sorted.begin(), sorted.end());
        const Subject derived(
            id, nullptr, nullptr,
            std::make_shared<const vindex::data::NativeNsdLayout>(vindex::data::NativeNsdLayout::open(kRoot, id)));
        EXPECT_EQ(derived.testOrderLayout(), NsdLayout::Native);
        EXPECT_EQ(derived.testImages(), sorted) << id;
        EXPECT_EQ(derived.testOrderDescription(), "ascending 73k id (native shared1000)");
        EXPECT_NO_THROW(derived.checkBrainHubOrder(static_cast<int64_t>(sorted.size())));
        try {
            derived.checkBrainHubOrder(982);
            ADD_FAILURE() << "a derived order over 6 images was taken for BrainHub's 982 keys";
        } catch (const DataError &e) {
            const std::string message = e.what();
            EXPECT_NE(message.find("982"), std::string::npos) << message;
            EXPECT_NE(message.find("webdataset_avg_split/test/test_subj0" + std::to_string(id)), std::string::npos)
                << message;
        }
    }
}

// Acceptance: the same subject gives the same voxel vectors from all layouts.
TEST(SessionTest, SameVoxelVectorsFromAllLayouts)
{
    const Session session = Session::open(kRoot);
    for (int id : {1, 2}) {
        const Subject subject = session.subject(id);
        const int64_t nvox = subject.voxelCount();
        for (int64_t i = 0; i < subject.testImageCount(); ++i) {
            const int64_t image = subject.testImage(i);
            const auto wd = subject.testVoxels(i, NsdLayout::Webdataset);
            const auto me = subject.testVoxels(i, NsdLayout::MindEye2);
            const auto nat = subject.testVoxels(i, NsdLayout::Native);
            EXPECT_EQ(subject.testVoxels(i), wd); // the default prefers the tars
            ASSERT_EQ(static_cast<int64_t>(wd.size()), nvox);
            ASSERT_EQ(static_cast<int64_t>(me.size()), nvox);
            ASSERT_EQ(static_cast<int64_t>(nat.size()), nvox);

            // Repeats: every layout has them (the tars keep each sample's rows); MindEye2 and native in repeat order.
            const auto meRows = subject.betasOfImage(image, NsdLayout::MindEye2);
            const auto natRows = subject.betasOfImage(image, NsdLayout::Native);
            const auto wdRows = subject.betasOfImage(image, NsdLayout::Webdataset);
            ASSERT_GE(meRows.size(), 1u);
            EXPECT_EQ(natRows.size(), meRows.size());
            EXPECT_EQ(wdRows.size(), meRows.size());
            for (std::size_t r = 0; r < meRows.size(); ++r)
                for (int64_t v = 0; v < nvox; ++v) {
                    const double want = formulaBeta(v, image, static_cast<int>(r));
                    const auto k = static_cast<std::size_t>(v);
                    EXPECT_NEAR(meRows[r][k], want, tolerance(NsdLayout::MindEye2, want));
                    // Native reads are z-scored per session (the fixture's MindEye copies are not; see below).
                    const double z = testsupport::miniNsdNativeZ(id, subject.native().repeatsOf(image)[r], v);
                    EXPECT_NEAR(natRows[r][k], z, tolerance(NsdLayout::Native, z));
                }

            const double reps = static_cast<double>(meRows.size());
            for (int64_t v = 0; v < nvox; ++v) {
                const auto k = static_cast<std::size_t>(v);
                const double want = std::sin(0.05 * v + 0.7 * image) + 0.01 * (reps - 1) / 2;
                EXPECT_NEAR(me[k], want, tolerance(NsdLayout::MindEye2, want)) << id << " image " << image;
                EXPECT_NEAR(wd[k], me[k], tolerance(NsdLayout::Webdataset, me[k])) << id << " image " << image;
                // mini-nsd's HDF5 and tars hold the formula as it is, not z-scored as MindEye's real files are, so the
                // relation to the native copy is: native = the formula's int16 values z-scored per session.
                const double z = testsupport::miniNsdNativeMeanZ(id, image, v);
                EXPECT_NEAR(nat[k], z, tolerance(NsdLayout::Native, z)) << id << " image " << image;
            }
            // The mean over repeats by image id agrees with the mean by test index.
            EXPECT_EQ(subject.meanBetasOfImage(image, NsdLayout::Webdataset), wd);
            EXPECT_EQ(subject.meanBetasOfImage(image, NsdLayout::MindEye2), me);
            EXPECT_EQ(subject.meanBetasOfImage(image, NsdLayout::Native), nat);
        }
    }
}

TEST(SessionTest, TestMeanOfVoxel0Image0)
{
    const Session session = Session::open(kRoot);
    for (int id : {1, 2}) {
        const double want = expectedSubject(id)["test_mean_voxel0_image0"].get<double>();
        const Subject subject = session.subject(id);
        const auto &order = subject.testImages();
        const auto it = std::find(order.begin(), order.end(), 0);
        ASSERT_NE(it, order.end());
        const auto index = static_cast<int64_t>(it - order.begin());
        EXPECT_NEAR(subject.testVoxels(index)[0], want, tolerance(NsdLayout::Webdataset, want));
        for (NsdLayout layout : {NsdLayout::Webdataset, NsdLayout::MindEye2})
            EXPECT_NEAR(subject.testVoxels(index, layout)[0], want, tolerance(layout, want))
                << vindex::data::nsdLayoutName(layout);
        const double z = testsupport::miniNsdNativeMeanZ(id, 0, 0);
        EXPECT_NEAR(subject.testVoxels(index, NsdLayout::Native)[0], z, tolerance(NsdLayout::Native, z));
    }
}

TEST(SessionTest, UnseenImageIsAnError)
{
    const Session session = Session::open(kRoot);
    const Subject subject = session.subject(1);
    const int64_t unseen = expected()["n_images"].get<int64_t>() + 5;
    for (NsdLayout layout : kAll) {
        EXPECT_THROW(subject.betasOfImage(unseen, layout), DataError);
        EXPECT_THROW(subject.meanBetasOfImage(unseen, layout), DataError);
    }
}

// A broken layout is a problem line naming the file; the session opens with what remains.
TEST(SessionTest, BrokenLayoutIsAProblemNotAFailure)
{
    const testsupport::TempDir dir;
    const fs::path root = dir.path() / "nsd";
    fs::copy(kRoot, root, fs::copy_options::recursive);
    const std::string betas = (root / vindex::data::MindEye2Layout::betasFileName(1)).string();
    const std::string bytes = testsupport::readBytes(betas);
    testsupport::writeBytes(betas, bytes.substr(0, 64)); // truncated
    fs::remove(root / "nsddata/ppdata/subj02/func1pt8mm/roi/nsdgeneral.nii.gz");

    const Session session = Session::open(root.string());
    EXPECT_EQ(session.subjects(), (std::vector<int>{1, 2}));
    EXPECT_EQ(session.layoutsOf(1), (std::vector<NsdLayout>{NsdLayout::Webdataset, NsdLayout::Native}));
    EXPECT_EQ(session.layoutsOf(2), (std::vector<NsdLayout>{NsdLayout::Webdataset, NsdLayout::MindEye2}));
    bool named = false;
    for (const std::string &line : session.problems())
        named = named || (line.find("subj01 mindeye2") != std::string::npos &&
                          line.find(vindex::data::MindEye2Layout::betasFileName(1)) != std::string::npos);
    EXPECT_TRUE(named);

    const Subject one = session.subject(1);
    EXPECT_EQ(one.voxelCount(), expectedSubject(1)["nvox"].get<int64_t>());
    EXPECT_FALSE(one.hasLayout(NsdLayout::MindEye2));
    EXPECT_THROW(one.betasOfImage(0, NsdLayout::MindEye2), DataError);
    const Subject two = session.subject(2, {NsdLayout::Native});
    EXPECT_FALSE(two.hasRoi());
    EXPECT_EQ(two.testImages(), expectedSubject(2)["splits"]["test"].get<std::vector<int64_t>>());
}

TEST(SessionTest, EmptyFolderIsAnError)
{
    const testsupport::TempDir dir;
    EXPECT_THROW(Session::open(dir.path().string()), DataError);
}
