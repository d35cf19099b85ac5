// Issue 15, acceptance 3: the demo's test trials decoded from a root holding only the MindEye1 tars, only the
// MindEye2 HDF5 files or only the native NIfTI give the same encoder outputs (within what float16 rounding of the
// inputs can move them) and the same captions. brain-tiny's BrainXS takes 200 voxels, so the demo subject has 200.
//
// The bound for the tars: each tar row holds float16(z), so every input differs from the native float32 value by at
// most half a float16 unit in the last place, e_v (2^-11 relative, taken at the stored value, averaged over the
// repeats). To first order an output moves by at most Σ_v |∂out/∂x_v| · e_v; each term is measured with
// `vindex encode --voxels` on the tars' own inputs, one voxel moved by e_v at a time, and the test allows twice
// that sum (the second-order terms are ~e_v² and below float32 noise) plus 1e-6 for float32 arithmetic. MindEye2's
// HDF5 holds the same z-scores as float32, so its outputs must equal the native ones to float32 noise (1e-5).
#include "CliRunner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

constexpr int kVoxels = 200;
const std::vector<std::string> kTinyHeads = {"--heads", "4", "--dim-head", "16"}; // brain-tiny's perceiver

struct TempFolder {
    fs::path path = fs::temp_directory_path() / ("vindex-demo-layouts-" + std::to_string(::getpid()));
    TempFolder() { fs::remove_all(path); }
    ~TempFolder() { fs::remove_all(path); }
    std::string file(const std::string &name) const { return (path / name).string(); }
};

// The F32 tensor 'features' [trials, tokens, width] of a .safetensors file, flattened.
std::vector<float> readFeatures(const std::string &path)
{
    const std::string bytes = readFileBytes(path);
    uint64_t length = 0;
    std::memcpy(&length, bytes.data(), 8);
    const auto info = nlohmann::json::parse(bytes.substr(8, length)).at("features");
    EXPECT_EQ(info["dtype"], "F32") << path;
    const std::size_t begin = info["data_offsets"][0].get<std::size_t>(),
                      end = info["data_offsets"][1].get<std::size_t>();
    std::vector<float> values((end - begin) / 4);
    std::memcpy(values.data(), bytes.data() + 8 + length + begin, end - begin);
    return values;
}

// IEEE binary16 → float, and half a unit in the last place at that value (the most round-to-nearest moved it).
float halfToFloat(uint16_t h)
{
    const int exponent = (h >> 10) & 0x1f, mantissa = h & 0x3ff;
    const float magnitude =
        exponent == 0 ? std::ldexp(float(mantissa), -24) : std::ldexp(float(mantissa | 0x400), exponent - 25);
    return (h & 0x8000) ? -magnitude : magnitude;
}
double halfUlpAt(uint16_t h)
{
    const int exponent = (h >> 10) & 0x1f;
    return std::ldexp(1.0, (exponent == 0 ? 1 : exponent) - 26);
}

// The float16 rows [repeats][V] of each `.nsdgeneral.npy` member of a MindEye1 tar, in the tar's (the test) order.
std::vector<std::vector<std::vector<uint16_t>>> tarBetaRows(const std::string &path)
{
    const std::string tar = readFileBytes(path);
    std::vector<std::vector<std::vector<uint16_t>>> samples;
    for (std::size_t at = 0; at + 512 <= tar.size();) {
        const std::string name(tar.c_str() + at); // the 100-byte name field, NUL-terminated
        if (name.empty())
            break; // the end-of-archive blocks
        const std::size_t size = std::stoull(tar.substr(at + 124, 12), nullptr, 8);
        const std::string data = tar.substr(at + 512, size);
        at += 512 + (size + 511) / 512 * 512;
        const std::string suffix = ".nsdgeneral.npy";
        if (name.size() < suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
            continue;
        const std::size_t headerLength =
            static_cast<unsigned char>(data[8]) | (static_cast<unsigned char>(data[9]) << 8);
        const std::string header = data.substr(10, headerLength);
        EXPECT_NE(header.find("'<f2'"), std::string::npos) << name << ": " << header;
        const std::size_t count = (data.size() - 10 - headerLength) / 2;
        EXPECT_EQ(count % kVoxels, 0u) << name;
        std::vector<std::vector<uint16_t>> rows(count / kVoxels, std::vector<uint16_t>(kVoxels));
        for (std::size_t r = 0; r < rows.size(); ++r)
            std::memcpy(rows[r].data(), data.data() + 10 + headerLength + r * kVoxels * 2, kVoxels * 2);
        samples.push_back(std::move(rows));
    }
    return samples;
}

// A NumPy 1.0 file of little-endian float32 [rows, V].
void writeNpy(const std::string &path, const std::vector<std::vector<float>> &rows)
{
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::to_string(rows.size()) + ", " +
                         std::to_string(kVoxels) + "), }";
    header += std::string((64 - (10 + header.size() + 1) % 64) % 64, ' ') + "\n";
    std::string bytes("\x93NUMPY\x01\x00", 8);
    bytes += static_cast<char>(header.size() & 0xff);
    bytes += static_cast<char>(header.size() >> 8);
    bytes += header;
    for (const auto &row : rows)
        bytes.append(reinterpret_cast<const char *>(row.data()), row.size() * 4);
    std::ofstream(path, std::ios::binary) << bytes;
}

std::vector<std::string> operator+(std::vector<std::string> a, const std::vector<std::string> &b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

} // namespace

TEST(DemoLayouts, EncoderOutputsAndCaptionsAgreeFromEveryLayout)
{
    TempFolder dir;
    const std::string brain = fixture("brain-tiny/brainxs_last.pth");
    const std::vector<std::string> layouts = {"webdataset", "mindeye2", "native"};
    std::map<std::string, std::vector<float>> features;
    std::map<std::string, nlohmann::json> captions;
    for (const std::string &layout : layouts) {
        SCOPED_TRACE(layout);
        // A root holding this layout alone: nothing of another layout can give the betas or the test order.
        const std::string root = dir.file(layout);
        const auto demo =
            runCli({"demo", "--out", root, "--world", "closed-form", "--subjects", "1", "--voxels",
                    std::to_string(kVoxels), "--trials", "120", "--image-size", "16", "--layouts", layout});
        ASSERT_EQ(demo.exitCode, 0) << demo.err;
        const auto encoded =
            runCli(std::vector<std::string>{"--json", "encode", "--brain", brain, "--root", root, "--subject", "1",
                                            "--split", "test", "--out", dir.file(layout + ".safetensors")} +
                   kTinyHeads);
        ASSERT_EQ(encoded.exitCode, 0) << encoded.err;
        EXPECT_EQ(nlohmann::json::parse(encoded.out)["trials"], 4); // 10 % of the demo's 40 images
        features[layout] = readFeatures(dir.file(layout + ".safetensors"));
        const auto captioned = runCli(std::vector<std::string>{"--json", "caption", "--mllm", fixture("llava-tiny"),
                                                               "--brain", brain, "--root", root, "--subject", "1",
                                                               "--split", "test", "--max-new-tokens", "12"} +
                                      kTinyHeads);
        ASSERT_EQ(captioned.exitCode, 0) << captioned.err;
        captions[layout] = nlohmann::json::parse(captioned.out)["captions"];
    }

    // The tars' inputs: each test sample's float16 rows averaged, and how far rounding can have moved each voxel.
    const auto samples = tarBetaRows(dir.file("webdataset/webdataset_avg_split/test/test_subj01_0.tar"));
    ASSERT_EQ(samples.size(), 4u);
    std::vector<std::vector<float>> probes; // per trial: its inputs, then one row per voxel moved by its e_v
    for (const auto &rows : samples) {
        ASSERT_EQ(rows.size(), 3u); // each image three times
        std::vector<float> mean(kVoxels, 0.0f);
        std::vector<double> rounding(kVoxels, 0.0);
        for (int v = 0; v < kVoxels; ++v) {
            for (const auto &row : rows) {
                mean[v] += halfToFloat(row[v]);
                rounding[v] += halfUlpAt(row[v]);
            }
            mean[v] /= 3.0f;
            rounding[v] /= 3.0;
        }
        probes.push_back(mean);
        for (int v = 0; v < kVoxels; ++v) {
            probes.push_back(mean);
            probes.back()[v] += static_cast<float>(rounding[v]);
        }
    }
    writeNpy(dir.file("probes.npy"), probes);
    const auto probed = runCli(std::vector<std::string>{"encode", "--brain", brain, "--voxels", dir.file("probes.npy"),
                                                        "--out", dir.file("probes.safetensors")} +
                               kTinyHeads);
    ASSERT_EQ(probed.exitCode, 0) << probed.err;
    const std::vector<float> responses = readFeatures(dir.file("probes.safetensors"));
    const std::size_t perTrial = features["native"].size() / 4;
    ASSERT_EQ(responses.size(), probes.size() * perTrial);

    double largestBound = 0, largestOutput = 0;
    for (std::size_t t = 0; t < 4; ++t) {
        const float *base = responses.data() + t * (kVoxels + 1) * perTrial;
        for (std::size_t i = 0; i < perTrial; ++i) {
            const std::size_t at = t * perTrial + i;
            SCOPED_TRACE("test trial " + std::to_string(t) + ", output " + std::to_string(i));
            double bound = 0;
            for (int v = 1; v <= kVoxels; ++v)
                bound += std::fabs(double(base[v * perTrial + i]) - double(base[i]));
            const double tolerance = 2 * bound + 1e-6;
            largestBound = std::max(largestBound, tolerance);
            largestOutput = std::max(largestOutput, std::fabs(double(features["native"][at])));
            // The tar layout feeds the encoder exactly its float16 rows' mean.
            ASSERT_NEAR(features["webdataset"][at], base[i], 1e-5);
            ASSERT_NEAR(features["webdataset"][at], features["native"][at], tolerance);
            ASSERT_NEAR(features["webdataset"][at], features["mindeye2"][at], tolerance);
            ASSERT_NEAR(features["mindeye2"][at], features["native"][at], 1e-5);
        }
    }
    // Not vacuous: the allowance is far below the features themselves (a scaling or order mix-up moves them by ~1).
    EXPECT_LT(largestBound, 1e-2 * largestOutput) << largestBound << " vs " << largestOutput;

    // Identical captions, trial by trial, of the same images in the same (one) test order.
    ASSERT_EQ(captions["native"].size(), 4u);
    std::set<std::vector<int64_t>> distinct;
    for (std::size_t i = 0; i < 4; ++i) {
        const auto &native = captions["native"][i];
        distinct.insert(native["ids"].get<std::vector<int64_t>>());
        for (const std::string layout : {"webdataset", "mindeye2"}) {
            const auto &other = captions[layout][i];
            EXPECT_EQ(other["source"], native["source"]) << layout;
            EXPECT_EQ(other["ids"], native["ids"]) << layout << ' ' << other["source"];
            EXPECT_EQ(other["text"], native["text"]) << layout << ' ' << other["source"];
        }
    }
    EXPECT_GT(distinct.size(), 1u) << "the captions do not depend on the trial";
}
