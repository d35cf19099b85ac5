// The synthetic dataset (built-in demo, real-size benchmark): written in every layout and read back through Session,
// its betas equal the closed form, captions name the colour and shape drawn, and the drawn shape fills its box.
#include "vindex/data/SyntheticNsd.h"
#include "TestSupport.h"
#include "vindex/core/Error.h"
#include "vindex/data/Session.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace vindex::data;

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
                        const double value = std::sin(0.05 * v + 0.7 * trial.imageId) + 0.01 * r;
                        // float16 tars, int16 ÷ 300 NIfTI, float32 HDF5.
                        EXPECT_NEAR(repeats[r][v], value, 1.0 / 600 + 1e-3);
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
