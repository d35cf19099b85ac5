// PickleWriter and TorchSaveWriter read back through our restricted Unpickler / TorchCheckpoint, and ZipWriter
// through ZipArchive (data aligned to 64 bytes as torch.save writes it).
#include "TestSupport.h"

#include "vindex/core/Error.h"
#include "vindex/io/PickleWriter.h"
#include "vindex/io/TorchCheckpoint.h"
#include "vindex/io/TorchSaveWriter.h"
#include "vindex/io/Unpickler.h"
#include "vindex/io/ZipArchive.h"
#include "vindex/io/ZipWriter.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

using namespace vindex::io;

namespace {

PickleValuePtr readBack(const std::string &pickle)
{
    Unpickler unpickler("test", std::span(reinterpret_cast<const std::byte *>(pickle.data()), pickle.size()));
    return unpickler.load();
}

} // namespace

TEST(PickleWriter, ValuesRoundTripThroughTheUnpickler)
{
    PickleWriter p;
    const std::vector<int64_t> integers = {0,
                                           255,
                                           256,
                                           65535,
                                           65536,
                                           -1,
                                           INT32_MIN,
                                           INT32_MAX,
                                           int64_t{1} << 40,
                                           -(int64_t{1} << 40),
                                           std::numeric_limits<int64_t>::min()};
    p.emptyDict().mark();
    p.string("ints").emptyList().mark();
    for (int64_t v : integers)
        p.integer(v);
    p.appends();
    p.string("float").real(0.00015000599999999995);
    p.string("tiny").real(-1e-300);
    p.string("text").string("ünïcode ✓");
    p.string("flags").mark().none().boolean(true).boolean(false).tuple();
    p.string("empty").emptyTuple();
    p.integer(7).string("int key");
    p.setItems();
    const auto value = readBack(p.finish());
    ASSERT_TRUE(value->isDict());
    const auto &ints = value->at("ints");
    ASSERT_EQ(ints.size(), integers.size());
    for (std::size_t i = 0; i < integers.size(); ++i)
        EXPECT_EQ(ints.at(i).toInt(), integers[i]) << i;
    EXPECT_EQ(value->at("float").toDouble(), 0.00015000599999999995); // bit-exact
    EXPECT_EQ(value->at("tiny").toDouble(), -1e-300);
    EXPECT_EQ(value->at("text").toStr(), "ünïcode ✓");
    EXPECT_TRUE(value->at("flags").at(0).isNone());
    EXPECT_TRUE(value->at("flags").at(1).toBool());
    EXPECT_FALSE(value->at("flags").at(2).toBool());
    EXPECT_EQ(value->at("empty").size(), 0u);
    EXPECT_EQ(value->find(int64_t{7})->toStr(), "int key");
}

TEST(TorchSaveWriter, TensorsAndOrderedDictsReadBackWithTorchCheckpoint)
{
    testsupport::TempDir dir;
    const std::string path = dir.file("state.pth");
    HostTensor matrix = HostTensor::allocate(DType::F32, {2, 3});
    auto *m = reinterpret_cast<float *>(matrix.mutableData());
    for (int i = 0; i < 6; ++i)
        m[i] = static_cast<float>(i) * 0.5f - 1;
    HostTensor scalar = HostTensor::allocate(DType::F32, {});
    *reinterpret_cast<float *>(scalar.mutableData()) = 6.0f;
    HostTensor ids = HostTensor::allocate(DType::I64, {3});
    for (int i = 0; i < 3; ++i)
        reinterpret_cast<int64_t *>(ids.mutableData())[i] = 1000 + i;

    TorchSaveWriter writer("state");
    PickleWriter &p = writer.pickle();
    p.emptyDict().mark();
    p.string("weights");
    writer.beginOrderedDict();
    p.string("a.weight");
    writer.tensor(matrix);
    p.string("a.step");
    writer.tensor(scalar);
    p.setItems();
    p.string("ids");
    writer.tensor(ids);
    p.setItems();
    writer.write(path);

    const auto checkpoint = TorchCheckpoint::load(path);
    EXPECT_EQ(checkpoint.archiveName(), "state");
    const auto tensors = checkpoint.stateDict();
    ASSERT_EQ(tensors.size(), 3u);
    EXPECT_EQ(tensors[0].first, "weights.a.weight");
    EXPECT_EQ(tensors[0].second.shape(), (std::vector<int64_t>{2, 3}));
    EXPECT_EQ(tensors[0].second.toFloatVector(), matrix.toFloatVector());
    EXPECT_EQ(tensors[1].second.shape().size(), 0u);
    EXPECT_EQ(tensors[1].second.valueAt(0), 6.0);
    EXPECT_EQ(tensors[2].second.toInt64Vector(), (std::vector<int64_t>{1000, 1001, 1002}));

    const auto zip = ZipArchive::open(path);
    std::vector<std::string> names;
    for (const auto &entry : zip.entries()) {
        names.push_back(entry.name);
        EXPECT_EQ(entry.method, 0) << entry.name;
        if (entry.name.find("/data/") != std::string::npos)
            EXPECT_EQ(entry.dataOffset % 64, 0u) << entry.name;
    }
    EXPECT_EQ(names, (std::vector<std::string>{"state/data.pkl", "state/.format_version", "state/.storage_alignment",
                                               "state/byteorder", "state/data/0", "state/data/1", "state/data/2",
                                               "state/version"}));
    EXPECT_EQ(zip.read("state/version").view(), "3\n");
}

TEST(ZipWriter, MembersReadBackWithTheirCrc)
{
    testsupport::TempDir dir;
    const std::string path = dir.file("a.zip");
    {
        ZipWriter zip(path);
        zip.add("one", std::string("hello"));
        zip.add("two", std::string(1000, 'x'));
        zip.add("empty", std::string());
        EXPECT_THROW(zip.add("one", std::string("again")), vindex::Error);
        zip.finish();
    }
    const auto zip = ZipArchive::open(path);
    ASSERT_EQ(zip.entries().size(), 3u);
    EXPECT_EQ(zip.entries()[0].crc32, 0x3610a686u); // CRC-32 of "hello"
    const auto two = zip.read("two");
    EXPECT_EQ(two.view(), std::string(1000, 'x'));
    EXPECT_EQ(zip.read("empty").size, 0u);
}

TEST(ZipWriter, NothingAppearsUntilFinished)
{
    testsupport::TempDir dir;
    const std::string path = dir.file("b.zip");
    {
        ZipWriter zip(path);
        zip.add("one", std::string("hello"));
        EXPECT_FALSE(std::filesystem::exists(path));
    } // abandoned: no file, no temporary left behind
    EXPECT_FALSE(std::filesystem::exists(path));
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 0);
}
