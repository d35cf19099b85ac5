// TrialRecord: one trial of mini-nsd read in one call, checked against the fixture's expected.json (trial order,
// splits, captions, beta_formula) and against a BrainHub folder written here.
#include "MiniNsd.h"
#include "TestSupport.h"

#include "vindex/data/BrainHubAnnotations.h"
#include "vindex/data/Session.h"
#include "vindex/data/TrialRecord.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

using namespace vindex;
using namespace vindex::data;

namespace {

using testsupport::miniNsdBeta;
using testsupport::miniNsdFacts;

const std::string kFixture = testsupport::fixture("mini-nsd");

// How often subject 1 saw an image (expected.json's trial_images).
int repeatsOf(int64_t image)
{
    int n = 0;
    for (const auto &id : miniNsdFacts()["subjects"]["1"]["trial_images"])
        n += id.get<int64_t>() == image;
    return n;
}

// Betas are stored as float16 / int16 (%signal × 300) in some layouts.
constexpr double kStoredPrecision = 2e-3;

} // namespace

TEST(TrialRecord, TestTrialHasTheImageCaptionsAndBetasOfItsImage)
{
    const Session nsd = Session::open(kFixture);
    const Subject subject = nsd.subject(1);
    // The test split is the shared images in ascending id: test index 2 shows image expected["splits"]["test"][2].
    const int64_t image = miniNsdFacts()["subjects"]["1"]["splits"]["test"][2].get<int64_t>();
    const TrialRecord record = TrialRecord::read(subject, Split::Test, 2, nullptr);
    EXPECT_EQ(record.subject, 1);
    EXPECT_EQ(record.trial.imageId, image);
    ASSERT_TRUE(record.image.has_value());
    EXPECT_GT(record.image->width, 0);
    ASSERT_FALSE(record.captions.empty());
    EXPECT_EQ(record.captions.front(), miniNsdFacts()["captions"][std::to_string(image)].get<std::string>());
    EXPECT_FALSE(record.captionsFromBrainHub);
    EXPECT_EQ(record.boxesStatus, BoxesStatus::NoBrainHub);

    const int repeats = repeatsOf(image);
    ASSERT_EQ(static_cast<int>(record.repeatBetas.size()), repeats);
    ASSERT_EQ(static_cast<int64_t>(record.meanBetas.size()), miniNsdFacts()["subjects"]["1"]["nvox"].get<int64_t>());
    for (int64_t v : {int64_t{0}, int64_t{100}, int64_t{216}}) {
        double mean = 0;
        for (int r = 0; r < repeats; ++r) {
            EXPECT_NEAR(record.repeatBetas[r][v], miniNsdBeta(v, image, r), kStoredPrecision) << v << " " << r;
            mean += miniNsdBeta(v, image, r) / repeats;
        }
        EXPECT_NEAR(record.meanBetas[v], mean, kStoredPrecision) << v;
    }
    EXPECT_TRUE(record.imageError.empty() && record.betasError.empty() && record.repeatsError.empty());
}

TEST(TrialRecord, OnlyThePartsAskedForAreRead)
{
    const Subject subject = Session::open(kFixture).subject(1);
    const TrialRecord record = TrialRecord::read(subject, Split::Train, 0, nullptr, {kTrialMeanBetas});
    EXPECT_FALSE(record.image.has_value());
    EXPECT_TRUE(record.captions.empty());
    EXPECT_TRUE(record.repeatBetas.empty());
    EXPECT_EQ(record.boxesStatus, BoxesStatus::NotAsked);
    EXPECT_FALSE(record.meanBetas.empty());
}

TEST(TrialRecord, BoxesComeFromBrainHubForTheTestSplitOnly)
{
    testsupport::TempDir dir;
    std::filesystem::create_directories(dir.path() / "bbox");
    // BrainHub's layout, three test indices: index 1 has two boxes of one category.
    testsupport::writeBytes(dir.file("bbox/coco_bbox_categorized.json"),
                            R"({"0": {"circle": [[0.1, 0.1, 0.5, 0.5]]},
                                "1": {"square": [[0.0, 0.0, 0.25, 0.5], [0.5, 0.5, 1.0, 1.0]]},
                                "2": {}})");
    const BrainHubAnnotations brainHub = BrainHubAnnotations::open(dir.path().string());
    const Subject subject = Session::open(kFixture).subject(1);

    const TrialRecord found = TrialRecord::read(subject, Split::Test, 1, &brainHub, {kTrialBoxes});
    EXPECT_EQ(found.boxesStatus, BoxesStatus::Found);
    ASSERT_EQ(found.boxes.size(), 1u);
    EXPECT_EQ(found.boxes[0].category, "square");
    ASSERT_EQ(found.boxes[0].boxes.size(), 2u);
    EXPECT_EQ(found.boxes[0].boxes[1][2], 1.0);

    EXPECT_EQ(TrialRecord::read(subject, Split::Test, 4, &brainHub, {kTrialBoxes}).boxesStatus,
              BoxesStatus::PastBrainHub);
    EXPECT_EQ(TrialRecord::read(subject, Split::Train, 0, &brainHub, {kTrialBoxes}).boxesStatus,
              BoxesStatus::NotTestSplit);
}

TEST(TrialRecord, KeepGoingTurnsAFailedPartIntoItsErrorText)
{
    const Subject subject = Session::open(kFixture).subject(1);
    Trial trial = subject.trial(Split::Test, 0);
    trial.imageId = 1000000; // past the image space
    EXPECT_ANY_THROW(TrialRecord::read(subject, trial, nullptr, {kTrialImage}));
    const TrialRecord record = TrialRecord::read(subject, trial, nullptr, {kTrialImage | kTrialMeanBetas, true});
    EXPECT_FALSE(record.image.has_value());
    EXPECT_NE(record.imageError.find("1000000"), std::string::npos) << record.imageError;
    EXPECT_FALSE(record.meanBetas.empty());
}
