// WebdatasetWriter: shards, keys and members as WebdatasetLayout (and the mini-nsd tars) have them.
#include "TestSupport.h"

#include "vindex/core/Error.h"
#include "vindex/data/WebdatasetLayout.h"
#include "vindex/data/WebdatasetWriter.h"
#include "vindex/io/NpyFile.h"
#include "vindex/io/TarArchive.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace vindex;
using namespace vindex::data;
using Split = WebdatasetLayout::Split;
namespace fs = std::filesystem;

TEST(WebdatasetWriter, ShardsSamplesAndMetadata)
{
    testsupport::TempDir dir;
    const int64_t V = 5;
    WebdatasetWriter::Options options;
    options.samplesPerShard = 2;
    WebdatasetWriter writer(dir.path().string(), 7, V, options);
    const io::RgbImage image(8, 6, {10, 20, 30});
    for (int64_t i = 0; i < 5; ++i) {
        const std::vector<int64_t> trials{10 + i, 20 + i, 10 + i};
        std::vector<float> voxels(3 * V);
        for (std::size_t k = 0; k < voxels.size(); ++k)
            voxels[k] = 0.5f * static_cast<float>(k) - static_cast<float>(i); // exact in float16
        writer.addSample(Split::Train, 100 + i, trials, voxels, image);
    }
    writer.addSample(Split::Test, 3, std::vector<int64_t>{1}, std::vector<float>(V, 0.25f), image);
    EXPECT_EQ(writer.sampleCount(Split::Train), 5);
    writer.finish();
    EXPECT_THROW(writer.finish(), Error);

    // 5 train samples, 2 per shard → shards 0, 1, 2; no val tars at all.
    const std::string base = dir.file("webdataset_avg_split");
    for (const char *name : {"train/train_subj07_0.tar", "train/train_subj07_1.tar", "train/train_subj07_2.tar",
                             "test/test_subj07_0.tar", "metadata_subj07.json"})
        EXPECT_TRUE(fs::exists(base + "/" + name)) << name;
    EXPECT_FALSE(fs::exists(base + "/train/train_subj07_3.tar"));
    EXPECT_EQ(testsupport::readJson(base + "/metadata_subj07.json"),
              nlohmann::json::parse(R"({"totals": {"test": 1, "train": 5, "val": 0}})"));
    const io::TarArchive second = io::TarArchive::open(base + "/train/train_subj07_1.tar");
    ASSERT_EQ(second.members().size(), 10u);
    EXPECT_EQ(second.members()[0].name, "sample000000002.jpg"); // keys continue across shards
    EXPECT_EQ(second.members()[4].name, "sample000000002.num_uniques.npy");

    const WebdatasetLayout layout = WebdatasetLayout::open(dir.path().string(), 7);
    EXPECT_EQ(layout.voxelCount(), V);
    ASSERT_EQ(layout.sampleCount(Split::Train), 5u);
    for (std::size_t i = 0; i < 5; ++i) {
        EXPECT_EQ(layout.imageId(Split::Train, i), 100 + static_cast<int64_t>(i));
        EXPECT_EQ(layout.trials(Split::Train, i),
                  (std::vector<int64_t>{10 + static_cast<int64_t>(i), 20 + static_cast<int64_t>(i),
                                        10 + static_cast<int64_t>(i)}));
        EXPECT_EQ(layout.numUniques(Split::Train, i), 2);
        const auto values = layout.voxels(Split::Train, i).toFloatVector();
        for (std::size_t k = 0; k < values.size(); ++k)
            EXPECT_EQ(values[k], 0.5f * static_cast<float>(k) - static_cast<float>(i));
    }
    const io::HostTensor coco = layout.voxels(Split::Test, 0);
    EXPECT_EQ(coco.shape(), (std::vector<int64_t>{1, V}));
    const io::RgbImage decoded = layout.image(Split::Train, 4);
    EXPECT_EQ(decoded.width, 8);
    EXPECT_EQ(decoded.height, 6);
    // The id and trial arrays are int64 of the shapes the fixture has: (1,) and (repeats,).
    const auto bytes = second.read("sample000000002.coco73k.npy");
    const auto header = io::NpyFile::parseHeader(bytes.data, bytes.size, "coco73k");
    EXPECT_EQ(header.descr, "<i8");
    EXPECT_EQ(header.shape, (std::vector<int64_t>{1}));
}

TEST(WebdatasetWriter, MismatchedSizesAreClearErrors)
{
    testsupport::TempDir dir;
    WebdatasetWriter writer(dir.path().string(), 1, 4);
    const io::RgbImage image(2, 2);
    const std::vector<int64_t> trials{0, 1, 2};
    try {
        writer.addSample(Split::Val, 9, trials, std::vector<float>(11), image);
        FAIL() << "no error";
    } catch (const DataError &e) {
        EXPECT_NE(std::string(e.what()).find("expected 3 × 4 voxel values (one row per trial), found 11"),
                  std::string::npos)
            << e.what();
        EXPECT_NE(std::string(e.what()).find("image 9"), std::string::npos) << e.what();
    }
    EXPECT_THROW(writer.addSample(Split::Val, 9, std::vector<int64_t>{}, std::vector<float>{}, image), DataError);
    EXPECT_THROW(writer.addSample(Split::Val, -1, trials, std::vector<float>(12), image), DataError);
    EXPECT_THROW(writer.addSample(Split::Val, 1, trials, std::vector<float>(12), "x", "gif"), DataError);
    EXPECT_THROW(WebdatasetWriter(dir.path().string(), 9, 4), Error);
    EXPECT_THROW(WebdatasetWriter(dir.path().string(), 1, 0), Error);
    testsupport::writeBytes(dir.file("file"), "x");
    try {
        WebdatasetWriter(dir.file("file") + "/root", 1, 4);
        FAIL() << "no error";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find(dir.file("file") + "/root"), std::string::npos) << e.what();
    }
}
