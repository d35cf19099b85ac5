// The synthetic dataset (built-in demo, real-size benchmark): written in every layout and read back through Session,
// its betas equal the closed form, captions name the colour and shape drawn, and the drawn shape fills its box.
#include "vindex/data/SyntheticNsd.h"
#include "MiniNsd.h"
#include "TestSupport.h"
#include "vindex/core/Error.h"
#include "vindex/data/NativeNsdLayout.h"
#include "vindex/data/Session.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace vindex::data;

namespace {

// A native read of trial t: the NIfTI's int16 values round(300 · beta) of voxel v, z-scored over the trials of t's
// session (population standard deviation; MindEye's StandardScaler), from the closed form in double.
double nativeZ(const NativeNsdLayout &layout, int64_t trial, int64_t v)
{
    const int64_t per = layout.trialsPerSession();
    const int64_t first = trial / per * per, last = std::min(first + per, layout.trialCount());
    return testsupport::sessionZScore(first, last, trial, [&](int64_t t) {
        const NativeTrial &x = layout.trial(t);
        return std::round(300.0 * SyntheticNsd::beta(v, x.imageId, x.repeat));
    });
}

} // namespace

TEST(SyntheticNsd, EveryLayoutGivesTheClosedFormBetas)
{
    testsupport::TempDir dir;
    SyntheticNsdOptions options;
    options.subjects = {1};
    options.voxels = 97;
    options.trials = 90;
    options.trialsPerSession = 40; // three sessions
    NsdDatasetWriter::write(dir.path().string(), SyntheticNsd::describe(options));

    const Session session = Session::open(dir.path().string());
    EXPECT_TRUE(session.problems().empty()) << session.problems().front();
    for (NsdLayout layout : {NsdLayout::Webdataset, NsdLayout::MindEye2, NsdLayout::Native}) {
        const Subject subject = session.subject(1, {layout});
        SCOPED_TRACE(nsdLayoutName(layout));
        ASSERT_EQ(subject.voxelCount(), 97);
        EXPECT_EQ(subject.trialCount(Split::Test), 3); // 10 % of 30 images
        for (Split split : {Split::Train, Split::Test}) {
            for (const Trial &trial : subject.trials(split)) {
                const auto repeats = subject.repeatBetas(trial);
                ASSERT_EQ(repeats.size(), 3u);
                for (int r = 0; r < 3; ++r)
                    for (int64_t v = 0; v < 97; v += 13) {
                        // float16 tars and float32 HDF5 hold the closed form as given (no zScoreMindEyeCopies);
                        // native reads z-score the NIfTI's int16 values per session.
                        const double value = layout == NsdLayout::Native
                                                 ? nativeZ(subject.native(), trial.repeats[r], v)
                                                 : std::sin(0.05 * v + 0.7 * trial.imageId) + 0.01 * r;
                        EXPECT_NEAR(repeats[r][v], value, layout == NsdLayout::Native ? 1e-5 : 1e-3);
                    }
            }
        }
    }
}

TEST(SyntheticNsd, CaptionsAndBoxesDescribeTheDrawing)
{
    SyntheticNsdOptions options;
    options.trials = 60;
    const NsdDatasetDescription description = SyntheticNsd::describe(options);
    ASSERT_EQ(description.images.size(), 20u);
    const char *colours[] = {"red", "green", "blue", "yellow", "purple"};
    for (std::size_t id = 0; id < description.images.size(); ++id) {
        const NsdImage &image = description.images[id];
        ASSERT_EQ(image.boxes.size(), 1u);
        const std::string shape = image.boxes[0].category;
        EXPECT_EQ(image.captions.front(), std::string("a ") + colours[id % 5] + " " + shape + " on a grey background");
        // Every non-grey pixel lies in the box, and the shape touches all four sides of it.
        const auto &box = image.boxes[0].xyxy;
        int x0 = image.image.width, y0 = image.image.height, x1 = -1, y1 = -1;
        for (int y = 0; y < image.image.height; ++y)
            for (int x = 0; x < image.image.width; ++x) {
                const uint8_t *p = image.image.at(x, y);
                if (p[0] != 128 || p[1] != 128 || p[2] != 128)
                    x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
            }
        EXPECT_EQ(x0, box[0]) << id;
        EXPECT_EQ(y0, box[1]) << id;
        EXPECT_EQ(x1 + 1, box[2]) << id;
        EXPECT_EQ(y1 + 1, box[3]) << id;
    }
    options.trials = 2;
    EXPECT_THROW(SyntheticNsd::describe(options), vindex::DataError);
}

// Acceptance (issue 15, data fidelity): the demo's MindEye copies hold the native betas z-scored per session, as
// MindEye's real files do, so the same test trial gives the same encoder input (the mean over its repeats) from its
// MindEye2, tar and native copies: MindEye2 (float32) and native agree to float32 rounding, the float16 tars to
// float16 rounding; all three equal the closed form z-scored.
TEST(SyntheticNsd, DemoGivesTheSameEncoderInputsFromEveryLayout)
{
    testsupport::TempDir dir;
    SyntheticNsdOptions options;
    options.subjects = {1};
    options.voxels = 61;
    options.trials = 120;
    options.trialsPerSession = 50; // sessions of 50, 50 and 20 trials
    NsdDatasetWriter::Options writeOptions;
    writeOptions.zScoreMindEyeCopies = true; // what `vindex demo` writes
    NsdDatasetWriter::write(dir.path().string(), SyntheticNsd::describe(options), writeOptions);

    const Session session = Session::open(dir.path().string());
    const Subject tars = session.subject(1, {NsdLayout::Webdataset});
    const Subject mindEye2 = session.subject(1, {NsdLayout::MindEye2});
    const Subject native = session.subject(1, {NsdLayout::Native});
    ASSERT_EQ(tars.trials(Split::Test).size(), 4u); // 10 % of 40 images
    for (const Subject *subject : {&mindEye2, &native})
        EXPECT_EQ(subject->testImages(), tars.testImages()); // one test order
    for (int64_t i = 0; i < tars.trialCount(Split::Test); ++i) {
        const Trial trial = native.trial(Split::Test, i);
        SCOPED_TRACE("test trial " + std::to_string(i) + " (image " + std::to_string(trial.imageId) + ")");
        const std::vector<float> fromTars = tars.meanBetas(tars.trial(Split::Test, i));
        const std::vector<float> fromMindEye2 = mindEye2.meanBetas(mindEye2.trial(Split::Test, i));
        const std::vector<float> fromNative = native.meanBetas(trial);
        ASSERT_EQ(fromNative.size(), 61u);
        ASSERT_EQ(fromTars.size(), 61u);
        ASSERT_EQ(fromMindEye2.size(), 61u);
        for (std::size_t v = 0; v < 61; ++v) {
            double want = 0;
            for (int64_t t : trial.repeats)
                want += nativeZ(native.native(), t, static_cast<int64_t>(v));
            want /= static_cast<double>(trial.repeats.size());
            EXPECT_NEAR(fromNative[v], want, 1e-5) << v;
            EXPECT_NEAR(fromMindEye2[v], fromNative[v], 1e-6) << v;
            // Each float16 row is within half a unit in the last place (2^-11 relative) of the float32 value.
            EXPECT_NEAR(fromTars[v], fromNative[v], std::ldexp(1.0, -11) * 4.0 + 1e-6) << v;
        }
    }
}
