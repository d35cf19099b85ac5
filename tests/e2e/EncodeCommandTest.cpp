// `vindex encode`: voxels in a .npy → brain encoder features in a .safetensors, against the brain-tiny reference.
// The e2e binary does not link core, so the .npy input and the .safetensors files are read/written by hand here.
#include "CliRunner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace {

struct FloatTensor {
    std::vector<int64_t> shape;
    std::vector<float> values;
};

// One F32 tensor of a .safetensors file: 8-byte little-endian header length, JSON header, data.
FloatTensor readSafetensor(const std::string &path, const std::string &name)
{
    const std::string bytes = readFileBytes(path);
    FloatTensor tensor;
    if (bytes.size() < 8) {
        ADD_FAILURE() << path << ": too short";
        return tensor;
    }
    uint64_t headerSize = 0;
    for (int i = 7; i >= 0; --i)
        headerSize = (headerSize << 8) | static_cast<unsigned char>(bytes[i]);
    const auto header = nlohmann::json::parse(bytes.substr(8, headerSize));
    if (!header.contains(name)) {
        ADD_FAILURE() << path << ": no tensor " << name;
        return tensor;
    }
    const auto &entry = header[name];
    EXPECT_EQ(entry["dtype"], "F32") << path << ": " << name;
    tensor.shape = entry["shape"].get<std::vector<int64_t>>();
    const auto offsets = entry["data_offsets"].get<std::vector<uint64_t>>();
    const std::size_t begin = 8 + headerSize + offsets[0], count = (offsets[1] - offsets[0]) / 4;
    tensor.values.resize(count);
    std::memcpy(tensor.values.data(), bytes.data() + begin, count * 4);
    return tensor;
}

std::string shapeText(const std::vector<int64_t> &shape)
{
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += std::to_string(shape[i]) + (shape.size() == 1 || i + 1 < shape.size() ? "," : "") +
             (i + 1 < shape.size() ? " " : "");
    return s + ")";
}

// A NumPy format 1.0 file of little-endian float32, as numpy.save writes it.
void writeNpy(const std::string &path, const FloatTensor &tensor)
{
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeText(tensor.shape) + ", }";
    const std::size_t unpadded = 10 + header.size() + 1; // magic + version + length, header, '\n'
    header += std::string((64 - unpadded % 64) % 64, ' ') + "\n";
    std::string bytes = "\x93NUMPY";
    bytes += '\x01';
    bytes += '\x00';
    bytes += static_cast<char>(header.size() & 0xff);
    bytes += static_cast<char>(header.size() >> 8);
    bytes += header;
    bytes.append(reinterpret_cast<const char *>(tensor.values.data()), tensor.values.size() * 4);
    std::ofstream(path, std::ios::binary) << bytes;
}

double maxAbsError(const FloatTensor &actual, const FloatTensor &expected)
{
    if (actual.shape != expected.shape || actual.values.size() != expected.values.size())
        return INFINITY;
    double error = 0;
    for (std::size_t i = 0; i < actual.values.size(); ++i)
        error = std::max(error, std::fabs(double(actual.values[i]) - double(expected.values[i])));
    return error;
}

class EncodeCommand : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = std::filesystem::temp_directory_path() / ("vindex-e2e-encode-" + std::to_string(getpid()));
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }
    std::string file(const std::string &name) const { return (m_dir / name).string(); }
    // expected.safetensors → name, written as a .npy in the temp folder.
    std::string npyOf(const std::string &name) const
    {
        const std::string path = file(name + ".npy");
        writeNpy(path, readSafetensor(expected(), name));
        return path;
    }
    static std::string expected() { return fixture("brain-tiny/expected.safetensors"); }

    std::filesystem::path m_dir;
};

// The fixture's perceiver has 4 heads × 16 (not the published 16 × 96); checkpoints do not record the split.
const std::vector<std::string> kTinyHeads = {"--heads", "4", "--dim-head", "16"};

std::vector<std::string> operator+(std::vector<std::string> a, const std::vector<std::string> &b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

} // namespace

TEST_F(EncodeCommand, BrainXsCheckpointReproducesTheReferenceFeatures)
{
    const std::string out = file("features.safetensors");
    const auto result =
        runCli(std::vector<std::string>{"--json", "encode", "--brain", fixture("brain-tiny/brainxs_last.pth"),
                                        "--voxels", npyOf("eval_input"), "--out", out} +
               kTinyHeads);
    ASSERT_EQ(result.exitCode, 0) << result.err;
    const auto report = nlohmann::json::parse(result.out);
    EXPECT_EQ(report["encoder"], "BrainXS");
    EXPECT_EQ(report["trials"], 3);
    EXPECT_EQ(report["tokens"], 16);
    EXPECT_EQ(report["width"], 64);
    EXPECT_EQ(report["tensor"], "features");
    EXPECT_LE(maxAbsError(readSafetensor(out, "features"), readSafetensor(expected(), "eval_output")), 1e-4);
}

TEST_F(EncodeCommand, BrainXUsesTheChosenSubject)
{
    const std::string out = file("fmri2.safetensors");
    const auto result =
        runCli(std::vector<std::string>{"encode", "--brain", fixture("brain-tiny/brainx_last.pth"), "--voxels",
                                        npyOf("brainx_in_fmri2"), "--subject", "2", "--out", out} +
               kTinyHeads);
    ASSERT_EQ(result.exitCode, 0) << result.err;
    EXPECT_NE(result.out.find("BrainX subject 2"), std::string::npos) << result.out;
    EXPECT_LE(maxAbsError(readSafetensor(out, "features"), readSafetensor(expected(), "brainx_out_fmri2")), 1e-4);
}

TEST_F(EncodeCommand, BadInputExitsWithStatus2)
{
    const std::string brainx = fixture("brain-tiny/brainx_last.pth"), brainxs = fixture("brain-tiny/brainxs_last.pth");
    const std::string fmri2 = npyOf("brainx_in_fmri2"), out = file("out.safetensors");

    // A BrainX checkpoint needs a subject.
    auto result =
        runCli(std::vector<std::string>{"encode", "--brain", brainx, "--voxels", fmri2, "--out", out} + kTinyHeads);
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_NE(result.err.find("--subject"), std::string::npos) << result.err;

    // 150 voxels (subject 2) into a 200-voxel BrainXS.
    result =
        runCli(std::vector<std::string>{"encode", "--brain", brainxs, "--voxels", fmri2, "--out", out} + kTinyHeads);
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_NE(result.err.find("200"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("[2, 150]"), std::string::npos) << result.err;

    // The published head split does not fit the tiny perceiver.
    result = runCli({"encode", "--brain", brainxs, "--voxels", npyOf("eval_input"), "--out", out});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_NE(result.err.find("--heads"), std::string::npos) << result.err;

    // Not a brain encoder.
    result = runCli(std::vector<std::string>{"encode", "--brain", fixture("llava-tiny/model.safetensors"), "--voxels",
                                             fmri2, "--out", out} +
                    kTinyHeads);
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_NE(result.err.find("lin1.weight"), std::string::npos) << result.err;
    EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_F(EncodeCommand, NsdRootErrorsNameTheFolderSubjectOrVoxelCounts)
{
    // brain-tiny's BrainXS takes 200 voxels; mini-nsd's subject 1 has 217 (expected.json's nvox).
    auto result =
        runCli(std::vector<std::string>{"encode", "--brain", fixture("brain-tiny/brainxs_last.pth"), "--root",
                                        fixture("mini-nsd"), "--subject", "1", "--out", file("out.safetensors")} +
               kTinyHeads);
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_NE(result.err.find("217"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("200"), std::string::npos) << result.err;
    result =
        runCli(std::vector<std::string>{"encode", "--brain", fixture("brain-tiny/brainxs_last.pth"), "--root",
                                        file("no-such-folder"), "--subject", "1", "--out", file("out.safetensors")} +
               kTinyHeads);
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_NE(result.err.find("no-such-folder"), std::string::npos) << result.err;
    result = runCli(std::vector<std::string>{"encode", "--brain", fixture("brain-tiny/brainxs_last.pth"), "--root",
                                             fixture("mini-nsd"), "--subject", "7", "--out", file("out.safetensors")} +
                    kTinyHeads);
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_NE(result.err.find("7"), std::string::npos) << result.err;
    EXPECT_FALSE(std::filesystem::exists(file("out.safetensors")));
}
