#include "vindex/io/Hdf5Writer.h"
#include "vindex/core/Error.h"
#include "vindex/io/Hdf5File.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

using namespace vindex::io;

namespace {

template <typename T> HostTensor tensorOf(DType dtype, std::vector<int64_t> shape, const std::vector<T> &values)
{
    HostTensor t = HostTensor::allocate(dtype, std::move(shape));
    std::memcpy(t.mutableData(), values.data(), values.size() * sizeof(T));
    return t;
}

} // namespace

TEST(Hdf5Writer, RoundTripsNumbersStringsAndAttributes)
{
    testsupport::TempDir dir;
    const std::string path = dir.file("out.hdf5");
    {
        Hdf5Writer writer(path);
        writer.writeDataset("f32", tensorOf<float>(DType::F32, {2, 3}, {1.5f, -2, 3, 4, 5, 6.25f}));
        std::vector<uint16_t> halves;
        for (float v : {0.0f, 0.5f, 1.0f, -3.25f})
            halves.push_back(floatToHalf(v));
        writer.writeDataset("group/sub/images", tensorOf<uint16_t>(DType::F16, {1, 4}, halves), 1);
        writer.writeDataset("ids", tensorOf<int64_t>(DType::I64, {3}, {17, 3, 0}));
        writer.writeDataset("brick", tensorOf<uint8_t>(DType::U8, {2, 2}, {0, 128, 255, 7}));
        writer.writeDataset("flags", tensorOf<uint8_t>(DType::Bool, {3}, {1, 0, 1}));
        writer.writeStrings("captions", {"a cat", "", "caf\xc3\xa9"});
        writer.writeStrings("fixed", {"ab", "abcd"}, false);
        writer.setStringAttribute("", "creator", "vindex");
        writer.setStringAttribute("f32", "units", "z-score");
        // Rows written in pieces into a chunked, pre-created dataset.
        writer.createDataset("betas", DType::F32, {5, 2}, 2);
        writer.writeRows("betas", 3, tensorOf<float>(DType::F32, {2, 2}, {7, 8, 9, 10}));
        writer.writeRows("betas", 0, tensorOf<float>(DType::F32, {1, 2}, {1, 2}));
        EXPECT_THROW(writer.writeRows("betas", 4, tensorOf<float>(DType::F32, {2, 2}, {0, 0, 0, 0})), vindex::Error);
        EXPECT_THROW(writer.writeRows("betas", 0, tensorOf<double>(DType::F64, {1, 2}, {0, 0})), vindex::Error);
        EXPECT_FALSE(std::filesystem::exists(path)); // written under .part until commit
        writer.commit();
    }
    ASSERT_TRUE(std::filesystem::exists(path));
    EXPECT_FALSE(std::filesystem::exists(path + ".part"));

    auto file = Hdf5File::open(path);
    EXPECT_EQ(file->datasetNames(), (std::vector<std::string>{"betas", "brick", "captions", "f32", "fixed", "flags",
                                                              "group/sub/images", "ids"}));
    EXPECT_EQ(file->read("f32", DType::F32).toFloatVector(), (std::vector<float>{1.5f, -2, 3, 4, 5, 6.25f}));
    const auto images = file->dataset("group/sub/images");
    EXPECT_EQ(*images.dtype, DType::F16);
    EXPECT_EQ(file->read("group/sub/images", DType::F32).toFloatVector(),
              (std::vector<float>{0.0f, 0.5f, 1.0f, -3.25f}));
    EXPECT_EQ(file->read("ids", DType::I64).toInt64Vector(), (std::vector<int64_t>{17, 3, 0}));
    EXPECT_EQ(file->read("brick", DType::U8).toInt64Vector(), (std::vector<int64_t>{0, 128, 255, 7}));
    EXPECT_EQ(*file->dataset("flags").dtype, DType::Bool);
    EXPECT_EQ(file->read("flags", DType::Bool).toInt64Vector(), (std::vector<int64_t>{1, 0, 1}));
    EXPECT_EQ(file->read("betas", DType::F32).toFloatVector(), (std::vector<float>{1, 2, 0, 0, 0, 0, 7, 8, 9, 10}));
    EXPECT_TRUE(file->dataset("captions").isString);
    EXPECT_EQ(file->readStrings("captions"), (std::vector<std::string>{"a cat", "", "caf\xc3\xa9"}));
    EXPECT_EQ(file->readStrings("fixed"), (std::vector<std::string>{"ab", "abcd"}));
    EXPECT_THROW(file->read("captions", DType::F32), vindex::FormatError);
    EXPECT_EQ(file->stringAttribute("/", "creator"), "vindex");
    EXPECT_EQ(file->stringAttribute("f32", "units"), "z-score");
    EXPECT_FALSE(file->stringAttribute("f32", "missing"));
}

TEST(Hdf5Writer, UncommittedFilesAreRemoved)
{
    testsupport::TempDir dir;
    const std::string path = dir.file("never.hdf5");
    {
        Hdf5Writer writer(path);
        writer.writeDataset("x", tensorOf<float>(DType::F32, {1}, {1.0f}));
        EXPECT_TRUE(std::filesystem::exists(path + ".part"));
    }
    EXPECT_FALSE(std::filesystem::exists(path));
    EXPECT_FALSE(std::filesystem::exists(path + ".part"));
    EXPECT_THROW(Hdf5Writer(dir.file("no/such/dir/x.hdf5")), vindex::Error);
    Hdf5Writer writer(path);
    EXPECT_THROW(writer.writeDataset("bf", HostTensor::allocate(DType::BF16, {2})), vindex::Error);
    writer.commit();
    EXPECT_THROW(writer.commit(), vindex::Error);
}
