#include "TestSupport.h"

#include "vindex/core/Error.h"
#include "vindex/io/SafetensorsFile.h"
#include "vindex/io/SafetensorsWriter.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace vindex::io;
using testsupport::fixture;

namespace {

std::string headerOf(const std::string &json)
{
    std::string bytes(8, '\0');
    for (int i = 0; i < 8; ++i)
        bytes[i] = static_cast<char>(static_cast<uint64_t>(json.size()) >> (8 * i));
    return bytes + json;
}

void expectFormatErrorNaming(const std::string &path, const std::string &fragment = {})
{
    try {
        SafetensorsFile::open(path);
        FAIL() << "no error for " << path;
    } catch (const vindex::FormatError &e) {
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
        if (!fragment.empty())
            EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
}

} // namespace

TEST(Safetensors, BrainInitHoldsTheKeysOfTheConfig)
{
    const auto config = testsupport::readJson(fixture("brain-tiny/config.json"));
    const auto file = SafetensorsFile::open(fixture("brain-tiny/brainxs_init.safetensors"));
    std::vector<std::string> expected = config["keys"].get<std::vector<std::string>>();
    auto names = file.names();
    std::sort(expected.begin(), expected.end());
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, expected);
    const auto &brainxs = config["brainxs"];
    const int64_t inDim = brainxs["in_dim"], hidden = brainxs["hidden_dim"], latents = brainxs["num_latents"];
    // UMBRAE BrainXS: lin1 = Linear(1, num_latents) per voxel, lin2 = Linear(nvox, hidden).
    EXPECT_EQ(file.tensor("lin1.weight").shape(), (std::vector<int64_t>{latents, 1}));
    EXPECT_EQ(file.tensor("lin2.weight").shape(), (std::vector<int64_t>{hidden, inDim}));
    EXPECT_EQ(file.tensor("perceiver.perceiver.latents").shape()[0], latents);
    EXPECT_EQ(file.tensor("lin1.weight").dtype(), DType::F32);
}

TEST(Safetensors, ExpectedOutputsHaveTheDocumentedDtypes)
{
    // fixtures/README.md: `generated` holds 24 greedy ids (int64) for one prompt.
    const auto file = SafetensorsFile::open(fixture("llava-tiny/expected.safetensors"));
    const auto &generated = file.tensor("generated");
    EXPECT_EQ(generated.dtype(), DType::I64);
    EXPECT_EQ(generated.shape(), (std::vector<int64_t>{1, 24}));
    const auto json = testsupport::readJson(fixture("llava-tiny/expected.json"));
    EXPECT_TRUE(file.contains("logits"));
    EXPECT_THROW(file.tensor("no such tensor"), vindex::FormatError);
}

TEST(Safetensors, RoundTripEveryDtype)
{
    testsupport::TempDir dir;
    SafetensorsWriter writer;
    std::vector<DType> dtypes = {DType::Bool, DType::U8,  DType::I8,  DType::I16,  DType::U16, DType::I32, DType::U32,
                                 DType::I64,  DType::U64, DType::F16, DType::BF16, DType::F32, DType::F64};
    for (DType d : dtypes) {
        HostTensor t = HostTensor::allocate(d, {2, 3});
        for (std::size_t b = 0; b < t.nbytes(); ++b)
            t.mutableData()[b] = std::byte(d == DType::Bool ? (b / dtypeSize(d)) % 2 : (b * 7 + 1) & 0x7f);
        writer.add(std::string(dtypeName(d)), t);
    }
    writer.add("scalar", HostTensor::allocate(DType::F32, {}));
    writer.add("empty", HostTensor::allocate(DType::F32, {0, 4}));
    writer.setMetadata("format", "pt");
    writer.write(dir.file("all.safetensors"));

    const auto file = SafetensorsFile::open(dir.file("all.safetensors"));
    EXPECT_EQ(file.metadata().at("format"), "pt");
    EXPECT_EQ(file.names().size(), dtypes.size() + 2);
    for (DType d : dtypes) {
        const auto &t = file.tensor(std::string(dtypeName(d)));
        EXPECT_EQ(t.dtype(), d);
        EXPECT_EQ(t.shape(), (std::vector<int64_t>{2, 3}));
        for (std::size_t b = 0; b < t.nbytes(); ++b)
            ASSERT_EQ(t.data()[b], std::byte(d == DType::Bool ? (b / dtypeSize(d)) % 2 : (b * 7 + 1) & 0x7f));
    }
    EXPECT_EQ(file.tensor("scalar").numel(), 1);
    EXPECT_EQ(file.tensor("empty").numel(), 0);
    // The header is padded to a multiple of 8 bytes, as the reference writer does.
    const auto bytes = testsupport::readBytes(dir.file("all.safetensors"));
    uint64_t headerSize = 0;
    std::memcpy(&headerSize, bytes.data(), 8);
    EXPECT_EQ(headerSize % 8, 0u);
}

TEST(Safetensors, ReadsValuesOfAKnownTensor)
{
    testsupport::TempDir dir;
    // Hand-made file: one F16 tensor [1.0, -2.0] and one BF16 tensor [1.0].
    const std::string json = R"({"a":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},)"
                             R"("b":{"dtype":"BF16","shape":[1],"data_offsets":[4,6]}})";
    const std::string data = std::string("\x00\x3c\x00\xc0", 4) + std::string("\x80\x3f", 2);
    testsupport::writeBytes(dir.file("h.safetensors"), headerOf(json) + data);
    const auto file = SafetensorsFile::open(dir.file("h.safetensors"));
    EXPECT_EQ(file.tensor("a").toFloatVector(), (std::vector<float>{1.0f, -2.0f}));
    EXPECT_EQ(file.tensor("b").toFloatVector(), (std::vector<float>{1.0f}));
}

TEST(SafetensorsHostile, TruncatedAtEveryLengthIsAClearError)
{
    testsupport::TempDir dir;
    const auto bytes = testsupport::readBytes(fixture("brain-tiny/brainxs_init.safetensors"));
    uint64_t headerSize = 0;
    std::memcpy(&headerSize, bytes.data(), 8);
    // Every cut inside the header, then cuts through the data section.
    std::vector<std::size_t> cuts;
    for (std::size_t n = 0; n < 8 + headerSize + 16; ++n)
        cuts.push_back(n);
    for (std::size_t n = 8 + headerSize + 16; n < bytes.size(); n += 997)
        cuts.push_back(n);
    cuts.push_back(bytes.size() - 1);
    const std::string path = dir.file("cut.safetensors");
    for (std::size_t n : cuts) {
        testsupport::writeBytes(path, bytes.substr(0, n));
        EXPECT_THROW(SafetensorsFile::open(path), vindex::FormatError) << "cut at " << n;
    }
    expectFormatErrorNaming(path);
}

TEST(SafetensorsHostile, HeaderLengthBeyondTheFile)
{
    testsupport::TempDir dir;
    std::string bytes = headerOf("{}");
    bytes[7] = '\x7f'; // about 9e18 bytes
    testsupport::writeBytes(dir.file("len.safetensors"), bytes);
    expectFormatErrorNaming(dir.file("len.safetensors"), "exceeds the file size");
}

TEST(SafetensorsHostile, OffsetsBeyondTheData)
{
    testsupport::TempDir dir;
    testsupport::writeBytes(dir.file("off.safetensors"),
                            headerOf(R"({"a":{"dtype":"F32","shape":[1000000],"data_offsets":[0,4000000]}})") +
                                std::string(16, '\0'));
    expectFormatErrorNaming(dir.file("off.safetensors"), "'a'");
}

TEST(SafetensorsHostile, ShapeThatDisagreesWithOffsets)
{
    testsupport::TempDir dir;
    testsupport::writeBytes(dir.file("shape.safetensors"),
                            headerOf(R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})") +
                                std::string(8, '\0'));
    expectFormatErrorNaming(dir.file("shape.safetensors"), "12 bytes");
}

TEST(SafetensorsHostile, OverflowingShape)
{
    testsupport::TempDir dir;
    testsupport::writeBytes(
        dir.file("ovf.safetensors"),
        headerOf(R"({"a":{"dtype":"F64","shape":[4294967296,4294967296,16],"data_offsets":[0,0]}})"));
    expectFormatErrorNaming(dir.file("ovf.safetensors"), "overflow");
}

TEST(SafetensorsHostile, OverlappingTensors)
{
    testsupport::TempDir dir;
    testsupport::writeBytes(dir.file("ovl.safetensors"),
                            headerOf(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                                     R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})") +
                                std::string(12, '\0'));
    expectFormatErrorNaming(dir.file("ovl.safetensors"), "overlap");
}

TEST(SafetensorsHostile, WrongMagicAndGarbage)
{
    testsupport::TempDir dir;
    testsupport::writeBytes(dir.file("png.safetensors"), "\x89PNG\r\n\x1a\n" + std::string(64, 'x'));
    expectFormatErrorNaming(dir.file("png.safetensors"));
    testsupport::writeBytes(dir.file("json.safetensors"), headerOf("{\"a\": [1, 2"));
    expectFormatErrorNaming(dir.file("json.safetensors"), "JSON");
    testsupport::writeBytes(dir.file("dtype.safetensors"),
                            headerOf(R"({"a":{"dtype":"Q7","shape":[1],"data_offsets":[0,1]}})") + "x");
    expectFormatErrorNaming(dir.file("dtype.safetensors"), "unknown dtype");
    testsupport::writeBytes(dir.file("neg.safetensors"),
                            headerOf(R"({"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}})") + "xxxx");
    expectFormatErrorNaming(dir.file("neg.safetensors"));
    expectFormatErrorNaming(dir.file("missing.safetensors"), "cannot open");
}
