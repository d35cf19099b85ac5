#include "vindex/io/Hdf5File.h"
#include "vindex/core/Error.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <thread>
#include <vector>

using namespace vindex::io;
using testsupport::fixture;

namespace {

const std::string kNsd = "mini-nsd/";

template <typename F> std::string formatErrorText(F &&f)
{
    try {
        f();
    } catch (const vindex::FormatError &e) {
        return e.what();
    }
    return "(no FormatError)";
}

double expectedBeta(int voxel, int image, int rep)
{
    return std::sin(0.05 * voxel + 0.7 * image) + 0.01 * rep;
}

} // namespace

TEST(Hdf5File, ListsDatasetsWithShapesAndTypes)
{
    auto betas = Hdf5File::open(fixture(kNsd + "betas_all_subj01_fp32_renorm.hdf5"));
    EXPECT_EQ(betas->datasetNames(), std::vector<std::string>{"betas"});
    auto info = betas->dataset("betas");
    EXPECT_EQ(info.shape, (std::vector<int64_t>{24, 217}));
    ASSERT_TRUE(info.dtype);
    EXPECT_EQ(*info.dtype, DType::F32);
    EXPECT_FALSE(info.isString);

    auto images = Hdf5File::open(fixture(kNsd + "coco_images_224_float16.hdf5"));
    info = images->dataset("images");
    EXPECT_EQ(info.shape, (std::vector<int64_t>{40, 3, 48, 64}));
    EXPECT_EQ(*info.dtype, DType::F16);
    EXPECT_EQ(info.typeText, "float16");

    auto indices = Hdf5File::open(fixture(kNsd + "COCO_73k_subj_indices.hdf5"));
    EXPECT_EQ(indices->datasetNames(), (std::vector<std::string>{"subj01", "subj02"}));
    EXPECT_EQ(*indices->dataset("subj02").dtype, DType::I64);

    auto stimuli = Hdf5File::open(fixture(kNsd + "nsd_stimuli.hdf5"));
    info = stimuli->dataset("imgBrick");
    EXPECT_EQ(info.shape, (std::vector<int64_t>{40, 48, 64, 3}));
    EXPECT_EQ(*info.dtype, DType::U8);

    EXPECT_TRUE(betas->hasDataset("betas"));
    EXPECT_FALSE(betas->hasDataset("nothing"));
    EXPECT_FALSE(betas->hasDataset("no/such/path"));
    EXPECT_FALSE(betas->stringAttribute("betas", "units"));
    const std::string message = formatErrorText([&] { betas->dataset("nothing"); });
    EXPECT_NE(message.find("betas_all_subj01_fp32_renorm.hdf5"), std::string::npos) << message;
    EXPECT_NE(message.find("'nothing'"), std::string::npos) << message;
}

TEST(Hdf5File, ReadsWholeDatasetsRowsAndConverts)
{
    const auto expected = testsupport::readJson(fixture(kNsd + "expected.json"));
    const auto trialImages = expected["subjects"]["1"]["trial_images"].get<std::vector<int>>();
    auto indices = Hdf5File::open(fixture(kNsd + "COCO_73k_subj_indices.hdf5"));
    const HostTensor ids = indices->read("subj01", DType::I64);
    EXPECT_EQ(ids.shape(), (std::vector<int64_t>{24}));
    const auto idValues = ids.toInt64Vector();
    EXPECT_EQ(std::vector<int64_t>(trialImages.begin(), trialImages.end()), idValues);
    // HDF5's own int64 -> int32 / float conversion.
    EXPECT_EQ(indices->read("subj01", DType::I32).dtype(), DType::I32);
    EXPECT_EQ(indices->read("subj01", DType::F32).toFloatVector()[0], 17.0f);

    auto betas = Hdf5File::open(fixture(kNsd + "betas_all_subj01_fp32_renorm.hdf5"));
    const HostTensor all = betas->read("betas", DType::F32);
    const HostTensor rows = betas->readRows("betas", 5, 9, DType::F32);
    EXPECT_EQ(rows.shape(), (std::vector<int64_t>{4, 217}));
    const HostTensor row = betas->readRow("betas", 7, DType::F64);
    EXPECT_EQ(row.shape(), (std::vector<int64_t>{217}));
    const auto allValues = all.toFloatVector();
    const auto rowsValues = rows.toFloatVector();
    const auto rowValues = row.toDoubleVector();
    for (int v = 0; v < 217; ++v) {
        EXPECT_EQ(rowsValues[2 * 217 + v], allValues[7 * 217 + v]);
        EXPECT_EQ(static_cast<float>(rowValues[v]), allValues[7 * 217 + v]);
    }
    // Trial 7 shows image 15 for the first time.
    EXPECT_NEAR(rowValues[3], expectedBeta(3, 15, 0), 1e-6);

    const std::vector<int64_t> pick{9, 3, 4, 5, 3};
    const HostTensor picked = betas->readRowsAt("betas", pick, DType::F32);
    EXPECT_EQ(picked.shape(), (std::vector<int64_t>{5, 217}));
    const auto pickedValues = picked.toFloatVector();
    for (std::size_t i = 0; i < pick.size(); ++i)
        EXPECT_EQ(pickedValues[i * 217 + 11], allValues[pick[i] * 217 + 11]);
    EXPECT_EQ(betas->readRowsAt("betas", std::vector<int64_t>{}, DType::F32).shape(), (std::vector<int64_t>{0, 217}));
    EXPECT_EQ(betas->readRows("betas", 24, 24, DType::F32).shape(), (std::vector<int64_t>{0, 217}));

    // float16 in the file: read as stored, or converted both ways.
    auto images = Hdf5File::open(fixture(kNsd + "coco_images_224_float16.hdf5"));
    const HostTensor half = images->readRow("images", 3, DType::F16);
    const HostTensor single = images->readRow("images", 3, DType::F32);
    EXPECT_EQ(half.shape(), (std::vector<int64_t>{3, 48, 64}));
    EXPECT_EQ(half.dtype(), DType::F16);
    const auto halfValues = half.toFloatVector();
    EXPECT_EQ(halfValues, single.toFloatVector());
    float lo = 1e9f, hi = -1e9f;
    for (float v : halfValues) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    EXPECT_GE(lo, 0.0f);
    EXPECT_LE(hi, 1.0f);
    EXPECT_GT(hi, lo);
    // float32 -> float16 goes through our rounding.
    const HostTensor betasHalf = betas->readRow("betas", 0, DType::F16);
    EXPECT_NEAR(betasHalf.toFloatVector()[0], allValues[0], 1e-3);
}

TEST(Hdf5File, RowsOutOfRangeNameTheDatasetAndRange)
{
    auto betas = Hdf5File::open(fixture(kNsd + "betas_all_subj02_fp32_renorm.hdf5"));
    try {
        betas->readRow("betas", 24, DType::F32);
        FAIL() << "no error";
    } catch (const vindex::Error &e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("betas_all_subj02_fp32_renorm.hdf5"), std::string::npos) << message;
        EXPECT_NE(message.find("[0, 24)"), std::string::npos) << message;
    }
    EXPECT_THROW(betas->readRows("betas", 3, 2, DType::F32), vindex::Error);
    EXPECT_THROW(betas->readRowsAt("betas", std::vector<int64_t>{0, -1}, DType::F32), vindex::Error);
    EXPECT_THROW(betas->readStrings("betas"), vindex::FormatError);
}

TEST(Hdf5File, DamagedFilesAreFormatErrorsNamingTheFile)
{
    testsupport::TempDir dir;
    const std::string bytes = testsupport::readBytes(fixture(kNsd + "betas_all_subj01_fp32_renorm.hdf5"));

    const std::string truncated = dir.file("truncated.hdf5");
    testsupport::writeBytes(truncated, bytes.substr(0, bytes.size() / 2));
    std::string message = formatErrorText([&] {
        auto file = Hdf5File::open(truncated);
        file->read("betas", DType::F32);
    });
    EXPECT_NE(message.find("truncated.hdf5"), std::string::npos) << message;

    const std::string header = dir.file("header-only.hdf5");
    testsupport::writeBytes(header, bytes.substr(0, 100));
    message = formatErrorText([&] { Hdf5File::open(header); });
    EXPECT_NE(message.find("header-only.hdf5"), std::string::npos) << message;

    const std::string text = dir.file("not-hdf5.hdf5");
    testsupport::writeBytes(text, "this is not an HDF5 file\n");
    message = formatErrorText([&] { Hdf5File::open(text); });
    EXPECT_NE(message.find("not-hdf5.hdf5"), std::string::npos) << message;
    EXPECT_NE(message.find("not an HDF5 file"), std::string::npos) << message;

    message = formatErrorText([&] { Hdf5File::open(dir.file("missing.hdf5")); });
    EXPECT_NE(message.find("missing.hdf5"), std::string::npos) << message;
}

TEST(Hdf5File, ConcurrentReadersAreSerialised)
{
    auto betas = Hdf5File::open(fixture(kNsd + "betas_all_subj01_fp32_renorm.hdf5"));
    const auto reference = betas->read("betas", DType::F32).toFloatVector();
    std::vector<std::thread> threads;
    std::vector<int> mismatches(4, 0);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            auto own = Hdf5File::open(fixture(kNsd + "betas_all_subj01_fp32_renorm.hdf5"));
            for (int i = 0; i < 200; ++i) {
                const int row = (i * 7 + t) % 24;
                const auto values = (i % 2 ? own : betas)->readRow("betas", row, DType::F32).toFloatVector();
                if (values[5] != reference[row * 217 + 5])
                    ++mismatches[t];
            }
        });
    }
    for (auto &thread : threads)
        thread.join();
    for (int m : mismatches)
        EXPECT_EQ(m, 0);
}
