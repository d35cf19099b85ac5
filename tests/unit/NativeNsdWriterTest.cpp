// NativeNsdWriter: the NIfTI tree, the stimulus table and the COCO caption files as NativeNsdLayout reads them.
#include "TestSupport.h"

#include "vindex/core/Error.h"
#include "vindex/data/CocoCaptions.h"
#include "vindex/data/NativeNsdLayout.h"
#include "vindex/data/NativeNsdWriter.h"
#include "vindex/io/CsvTable.h"
#include "vindex/io/NiftiImage.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace vindex;
using namespace vindex::data;
namespace fs = std::filesystem;

namespace {

// A 4 × 3 × 2 grid; ROI = the voxels with x + y + z odd (C order), brain elsewhere, outside at x = 3.
NativeNsdWriter::Volume grid()
{
    NativeNsdWriter::Volume volume;
    volume.shape = {4, 3, 2};
    for (int x = 0; x < 4; ++x)
        for (int y = 0; y < 3; ++y)
            for (int z = 0; z < 2; ++z)
                volume.mask.push_back(x == 3 ? int8_t{-1} : static_cast<int8_t>((x + y + z) % 2));
    return volume;
}

} // namespace

TEST(NativeNsdWriter, SubjectReadsBackThroughTheLayout)
{
    testsupport::TempDir dir;
    NativeNsdWriter writer(dir.path().string());
    const std::vector<int64_t> trialImages{2, 0, 2, 1, 2};
    NativeNsdWriter::Options options;
    options.trialsPerSession = 2; // sessions of 2, 2, 1 trials
    writer.writeSubject(
        3, grid(), trialImages,
        [](int64_t trial, std::span<float> row) {
            for (std::size_t v = 0; v < row.size(); ++v)
                row[v] = static_cast<float>(trial) - 0.5f * static_cast<float>(v);
        },
        options);
    std::vector<NativeStimulus> stimuli(3);
    for (int i = 0; i < 3; ++i) {
        stimuli[i].cocoId = 500 + i;
        stimuli[i].shared1000 = i == 2;
        stimuli[i].cropBox = NativeNsdWriter::cropBoxFor(40, 30);
        stimuli[i].captions = {"caption " + std::to_string(i)};
    }
    stimuli[1].cocoSplit = "train2017";
    writer.finish(stimuli);

    const NativeNsdLayout layout = NativeNsdLayout::open(dir.path().string(), 3);
    EXPECT_TRUE(layout.problems().empty()) << layout.problems().front();
    EXPECT_EQ(layout.voxelCount(), 9); // half of the 3 × 3 × 2 voxels with x < 3 have x + y + z odd
    EXPECT_EQ(layout.roi().voxel(0), (RoiMask::Voxel{0, 0, 1}));
    EXPECT_EQ(layout.sessions(), (std::vector<int>{1, 2, 3}));
    EXPECT_EQ(layout.trialsPerSession(), 2);
    ASSERT_EQ(layout.trialCount(), 5);
    for (int64_t t = 0; t < 5; ++t) {
        EXPECT_EQ(layout.trial(t).imageId, trialImages[static_cast<std::size_t>(t)]);
        // Read z-scored per voxel per session: t − 0.5·v over a session's two trials is −1 then +1 for every voxel;
        // the one-trial session 3 is constant, which StandardScaler maps to 0.
        const double want = t == 4 ? 0.0 : (t % 2 == 0 ? -1.0 : 1.0);
        const auto row = layout.betas(t);
        for (std::size_t v = 0; v < row.size(); ++v)
            EXPECT_NEAR(row[v], want, 1e-6) << t << " " << v;
    }
    EXPECT_EQ(layout.repeatsOf(2), (std::vector<int64_t>{0, 2, 4}));
    EXPECT_EQ(layout.testImages(), (std::vector<int64_t>{2}));
    EXPECT_EQ(layout.stimulus(1).cocoSplit, "train2017");

    const io::CsvTable csv = io::CsvTable::read(dir.file("nsd_stim_info_merged.csv"));
    EXPECT_EQ(csv.cell(0, "cropBox"), "(0, 0, 0.125, 0.125)"); // 40 × 30 cropped to the centred square
    EXPECT_EQ(csv.cell(2, "subject3_rep2"), "5");
    EXPECT_EQ(csv.cell(2, "subject3"), "1");
    EXPECT_EQ(csv.cell(2, "subject1"), "0");
    EXPECT_EQ(csv.cell(2, "shared1000"), "True");
    const CocoCaptions captions = CocoCaptions::readDirectory(dir.file("annotations"));
    EXPECT_EQ(captions.captions(501), (std::vector<std::string>{"caption 1"}));
    EXPECT_EQ(captions.captions(502), (std::vector<std::string>{"caption 2"}));
    EXPECT_EQ(captions.files().size(), 2u);

    // The anatomy made from the mask: 0 outside, brighter in the ROI than in the rest of the brain.
    const io::NiftiImage t1 = io::NiftiImage::read(layout.anatomyPath());
    EXPECT_EQ(t1.dtype(), io::DType::F32);
    EXPECT_EQ(t1.value(3, 0, 0), 0.0);
    EXPECT_GT(t1.value(0, 0, 1), t1.value(0, 0, 0));
}

TEST(NativeNsdWriter, CropBoxesAndErrors)
{
    EXPECT_EQ(NativeNsdWriter::cropBoxFor(64, 48), (std::array<double, 4>{0, 0, 0.125, 0.125}));
    EXPECT_EQ(NativeNsdWriter::cropBoxFor(30, 60), (std::array<double, 4>{0.25, 0.25, 0, 0}));
    EXPECT_EQ(NativeNsdWriter::cropBoxFor(10, 10), (std::array<double, 4>{0, 0, 0, 0}));

    testsupport::TempDir dir;
    NativeNsdWriter writer(dir.path().string());
    const auto fill = [](int64_t, std::span<float>) {};
    auto volume = grid();
    volume.mask.pop_back();
    EXPECT_THROW(writer.writeSubject(1, volume, {0}, fill), DataError);
    volume = grid();
    std::fill(volume.mask.begin(), volume.mask.end(), int8_t{0});
    EXPECT_THROW(writer.writeSubject(1, volume, {0}, fill), DataError);
    EXPECT_THROW(writer.writeSubject(1, grid(), {0, 0, 0, 0}, fill), DataError);
    EXPECT_THROW(writer.writeSubject(9, grid(), {0}, fill), DataError);
    EXPECT_THROW(writer.writeSubject(1, grid(), {}, fill), DataError);
    writer.writeSubject(1, grid(), {0, 4}, fill);
    try {
        writer.finish(std::vector<NativeStimulus>(2));
        FAIL() << "no error";
    } catch (const DataError &e) {
        EXPECT_NE(std::string(e.what()).find("shows image 4, but only 2 stimuli are given"), std::string::npos)
            << e.what();
    }
    std::vector<NativeStimulus> stimuli(5);
    stimuli[3].cocoSplit = "test2014";
    EXPECT_THROW(writer.finish(stimuli), DataError);
    testsupport::writeBytes(dir.file("file"), "x");
    EXPECT_THROW(NativeNsdWriter(dir.file("file") + "/root"), Error);
}
