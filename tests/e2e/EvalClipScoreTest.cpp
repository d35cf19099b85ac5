// `vindex eval captions --metrics clips`: CLIP-S and RefCLIP-S with clip-full-tiny, images from a folder named by
// id (BrainHub's layout) or from an NSD subject's test set, checked against the fixture's reference cosines.
#include "CliRunner.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

const std::string kPrefix = "A photo depicts ";

// A float32 tensor of the fixture's expected.safetensors, row-major (header: 8-byte length + JSON).
std::vector<float> expectedFloats(const std::string &name)
{
    std::ifstream in(fixture("clip-full-tiny/expected.safetensors"), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string bytes = buffer.str();
    uint64_t headerSize = 0;
    std::memcpy(&headerSize, bytes.data(), 8);
    const auto header = nlohmann::json::parse(bytes.substr(8, headerSize));
    const auto &entry = header.at(name);
    EXPECT_EQ(entry.at("dtype"), "F32");
    const auto begin = entry.at("data_offsets")[0].get<std::size_t>(),
               end = entry.at("data_offsets")[1].get<std::size_t>();
    std::vector<float> values((end - begin) / 4);
    std::memcpy(values.data(), bytes.data() + 8 + headerSize + begin, end - begin);
    return values;
}

double cosine(const std::vector<float> &rows, std::size_t a, std::size_t b, std::size_t width)
{
    double dot = 0, na = 0, nb = 0;
    for (std::size_t i = 0; i < width; ++i) {
        dot += double(rows[a * width + i]) * rows[b * width + i];
        na += double(rows[a * width + i]) * rows[a * width + i];
        nb += double(rows[b * width + i]) * rows[b * width + i];
    }
    return dot / std::sqrt(na * nb);
}

class EvalClipScore : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = fs::temp_directory_path() / ("vindex-clips-" + std::to_string(::getpid()));
        fs::create_directories(m_dir / "images");
        // The fixture's first image is llava-tiny/image.png through CLIP's preprocessing.
        fs::copy_file(fixture("llava-tiny/image.png"), m_dir / "images" / "0.png");
        fs::copy_file(fixture("llava-tiny/image.png"), m_dir / "images" / "1.png");
        const auto texts = readJsonFile(fixture("clip-full-tiny/expected.json"))["texts"];
        for (const auto &text : texts)
            m_captions.push_back(text.get<std::string>().substr(kPrefix.size()));
        std::ofstream(m_dir / "candidates.json") << nlohmann::json{{"0", m_captions[0]}, {"1", m_captions[1]}}.dump();
        std::ofstream(m_dir / "references.json")
            << nlohmann::json{{"0", {m_captions[2], m_captions[3]}}, {"1", {m_captions[4]}}}.dump();
    }
    void TearDown() override { fs::remove_all(m_dir); }
    std::string path(const std::string &name) const { return (m_dir / name).string(); }

    fs::path m_dir;
    std::vector<std::string> m_captions;
};

} // namespace

TEST_F(EvalClipScore, MatchesTheFixtureCosinesWithImagesNamedById)
{
    const auto r = runCli({"--json", "eval", "captions", "--candidates", path("candidates.json"), "--references",
                           path("references.json"), "--metrics", "bleu,clips", "--clip", fixture("clip-full-tiny"),
                           "--images", path("images"), "--per-trial", path("trials.json")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["trials"], 2);
    ASSERT_TRUE(doc["scores"].contains("CLIP-S")) << r.out;
    ASSERT_TRUE(doc["scores"].contains("RefCLIP-S")) << r.out;
    EXPECT_TRUE(doc["scores"].contains("BLEU-4"));
    EXPECT_EQ(doc["clip"]["prefix"], kPrefix);
    EXPECT_EQ(doc["clip"]["w"], 2.5);
    EXPECT_NE(doc["clip"]["images"].get<std::string>().find("images"), std::string::npos);

    // Reference values: cosine[image 0][text t] and clip_s, and the text–text cosines of the reference text_embeds.
    const auto cosines = expectedFloats("cosine"); // [2, 5]
    const auto clipS = expectedFloats("clip_s");
    const auto textEmbeds = expectedFloats("text_embeds"); // [5, 32]
    const auto trials = readJsonFile(path("trials.json"))["trials"];
    ASSERT_EQ(trials.size(), 2u);
    const double referenceCosine[2] = {std::max(cosine(textEmbeds, 0, 2, 32), cosine(textEmbeds, 0, 3, 32)),
                                       cosine(textEmbeds, 1, 4, 32)};
    double maxError = 0, mean = 0, refMean = 0;
    for (std::size_t t = 0; t < 2; ++t) {
        const double a = trials[t]["CLIP-S"], b = trials[t]["clip_reference_cosine"];
        maxError = std::max(maxError, std::abs(trials[t]["clip_image_cosine"].get<double>() - cosines[t]));
        maxError = std::max(maxError, std::abs(a - clipS[t]));
        maxError = std::max(maxError, std::abs(b - referenceCosine[t]));
        const double harmonic = a + b == 0 ? 0.0 : 2 * a * b / (a + b);
        EXPECT_NEAR(trials[t]["RefCLIP-S"].get<double>(), harmonic, 1e-9);
        mean += a / 2;
        refMean += harmonic / 2;
    }
    std::cout << "[ parity   ] vindex eval captions --metrics clips vs clip-full-tiny: max abs error " << maxError
              << std::endl;
    EXPECT_LE(maxError, 1e-5);
    EXPECT_NEAR(doc["scores"]["CLIP-S"].get<double>(), mean, 1e-12);
    EXPECT_NEAR(doc["scores"]["RefCLIP-S"].get<double>(), refMean, 1e-12);
}

TEST_F(EvalClipScore, ReadsImagesFromAnNsdSubjectAndPrintsATable)
{
    const auto r = runCli({"eval", "captions", "--candidates", path("candidates.json"), "--references",
                           path("references.json"), "--metrics", "clips", "--clip", fixture("clip-full-tiny"), "--root",
                           fixture("mini-nsd"), "--subject", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("CLIP-S"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("RefCLIP-S"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("subject 1 (test set of"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("BLEU"), std::string::npos) << r.out;
}

TEST_F(EvalClipScore, RefusesMissingModelImagesAndIds)
{
    const std::vector<std::string> base{
        "eval",      "captions", "--candidates", path("candidates.json"), "--references", path("references.json"),
        "--metrics", "clips"};
    auto with = [&](std::vector<std::string> extra) {
        auto args = base;
        args.insert(args.end(), extra.begin(), extra.end());
        return runCli(args);
    };
    auto r = with({"--images", path("images")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("needs --clip DIR"), std::string::npos) << r.err;

    r = with({"--clip", fixture("clip-full-tiny")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("needs the images"), std::string::npos) << r.err;

    r = with({"--clip", fixture("clip-vit-tiny"), "--images", path("images")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("CLIP-S needs a whole CLIP"), std::string::npos) << r.err;

    fs::create_directories(m_dir / "clip");
    for (const char *name : {"config.json", "model.safetensors", "vocab.json"})
        fs::copy_file(fixture(std::string("clip-full-tiny/") + name), m_dir / "clip" / name);
    r = with({"--clip", path("clip"), "--images", path("images")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find(path("clip/merges.txt") + ": is missing"), std::string::npos) << r.err;

    fs::remove(m_dir / "images" / "1.png");
    r = with({"--clip", fixture("clip-full-tiny"), "--images", path("images")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("no image for caption id '1'"), std::string::npos) << r.err;

    r = runCli({"eval", "captions", "--candidates", path("candidates.json"), "--references", path("references.json"),
                "--images", path("images")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("which was not asked for"), std::string::npos) << r.err;

    r = runCli({"eval", "captions", "--help"});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_NE(r.out.find("--root NSD --subject S"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("<id>.png"), std::string::npos) << r.out;
}
