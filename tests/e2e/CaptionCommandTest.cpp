// `vindex caption` and `vindex bench decode` as a user runs them, against the llava-tiny reference.
#include "CliRunner.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

// A copy of the llava-tiny folder whose config.json / model.safetensors header a test may change.
class BrokenModel {
public:
    BrokenModel()
    {
        m_dir = fs::temp_directory_path() / ("vindex-broken-" + std::to_string(::getpid()));
        fs::remove_all(m_dir);
        fs::copy(fixture("llava-tiny"), m_dir);
        fs::permissions(m_dir, fs::perms::owner_all, fs::perm_options::add);
        for (const auto &e : fs::directory_iterator(m_dir))
            fs::permissions(e.path(), fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add);
    }
    ~BrokenModel() { fs::remove_all(m_dir); }
    std::string path() const { return m_dir.string(); }
    void editConfig(const std::function<void(nlohmann::json &)> &edit) const
    {
        auto config = readJsonFile((m_dir / "config.json").string());
        edit(config);
        std::ofstream((m_dir / "config.json").string()) << config.dump();
    }
    void editHeader(const std::function<void(nlohmann::json &)> &edit) const
    {
        const std::string file = (m_dir / "model.safetensors").string();
        const std::string bytes = readFileBytes(file);
        uint64_t length = 0;
        std::memcpy(&length, bytes.data(), 8);
        auto header = nlohmann::json::parse(bytes.substr(8, length));
        edit(header);
        std::string text = header.dump();
        text.append((8 - text.size() % 8) % 8, ' ');
        uint64_t newLength = text.size();
        std::string out(reinterpret_cast<const char *>(&newLength), 8);
        std::ofstream(file, std::ios::binary) << out << text << bytes.substr(8 + length);
    }

private:
    fs::path m_dir;
};

CliResult captionWith(const std::string &model)
{
    return runCli({"caption", "--mllm", model, "--image", fixture("llava-tiny/image.png"), "--max-new-tokens", "4"});
}

} // namespace

TEST(CaptionCommand, ImageCaptionEqualsTheReference)
{
    const auto result = runCli({"caption", "--mllm", fixture("llava-tiny"), "--image", fixture("llava-tiny/image.png"),
                                "--prompt", "Describe this image in detail.", "--max-new-tokens", "24", "--json"});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    const auto document = nlohmann::json::parse(result.out);
    const auto expected = readJsonFile(fixture("llava-tiny/expected.json"));
    ASSERT_EQ(document["captions"].size(), 1u);
    EXPECT_EQ(document["captions"][0]["ids"].get<std::vector<int64_t>>(),
              safetensorsIds(fixture("llava-tiny/expected.safetensors"), "generated"));
    EXPECT_EQ(document["captions"][0]["text"], expected["generated_text"]);
    EXPECT_EQ(document["prompt"], expected["prompt"]);
}

// Shikra (acceptance 3 of issue 6): UMBRAE's caption prompt on the fixture's image and on its brain features gives the
// recorded greedy ids.
TEST(CaptionCommand, ShikraImageAndBrainCaptionsEqualTheReference)
{
    const std::string reference = fixture("shikra-tiny/expected.safetensors");
    const auto expected = readJsonFile(fixture("shikra-tiny/expected.json"));
    const auto image = runCli({"--json", "caption", "--mllm", fixture("shikra-tiny"), "--image",
                               fixture("llava-tiny/image.png"), "--max-new-tokens", "16"});
    ASSERT_EQ(image.exitCode, 0) << image.err;
    const auto document = nlohmann::json::parse(image.out);
    ASSERT_EQ(document["captions"].size(), 1u);
    EXPECT_EQ(document["captions"][0]["ids"].get<std::vector<int64_t>>(), safetensorsIds(reference, "image_generated"));
    // The default prompt is UMBRAE's, with <image> where the reference put <im_start> <im_patch>×16 <im_end>.
    std::string prompt = expected["prompt"].get<std::string>();
    const std::size_t start = prompt.find("<im_start>"), end = prompt.find("<im_end>") + std::strlen("<im_end>");
    EXPECT_EQ(document["prompt"], prompt.replace(start, end - start, "<image>"));

    const fs::path dir = fs::temp_directory_path() / ("vindex-shikra-caption-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    copyTensor(reference, "brain_features", (dir / "brain.safetensors").string(), "features");
    const auto brain = runCli({"--json", "caption", "--mllm", fixture("shikra-tiny"), "--features",
                               (dir / "brain.safetensors").string(), "--max-new-tokens", "16"});
    fs::remove_all(dir);
    ASSERT_EQ(brain.exitCode, 0) << brain.err;
    const auto captions = nlohmann::json::parse(brain.out)["captions"];
    ASSERT_EQ(captions.size(), 1u);
    EXPECT_EQ(captions[0]["ids"].get<std::vector<int64_t>>(), safetensorsIds(reference, "brain_generated"));
}

TEST(CaptionCommand, BatchedImagesGiveTheSameCaptionsAsAlone)
{
    const std::string image = fixture("llava-tiny/image.png");
    const auto batched = runCli({"caption", "--mllm", fixture("llava-tiny"), "--image", image, "--image", image,
                                 "--max-new-tokens", "24", "--batch", "2", "--json"});
    ASSERT_EQ(batched.exitCode, 0) << batched.err;
    const auto captions = nlohmann::json::parse(batched.out)["captions"];
    ASSERT_EQ(captions.size(), 2u);
    const auto reference = safetensorsIds(fixture("llava-tiny/expected.safetensors"), "generated");
    EXPECT_EQ(captions[0]["ids"].get<std::vector<int64_t>>(), reference);
    EXPECT_EQ(captions[1]["ids"].get<std::vector<int64_t>>(), reference);
}

TEST(CaptionCommand, BrainFeaturesFromEncodeCanBeCaptioned)
{
    // vindex encode writes brain features [trials, 16, 64]: the llava-tiny projector takes 64-wide features.
    const std::string dir = fs::temp_directory_path() / ("vindex-brain-caption-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    // One trial of 200 voxels, all 0.5, as a float32 .npy.
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 200), }";
    header.append(64 - (10 + header.size() + 1) % 64, ' ');
    header += '\n';
    std::string npy = std::string("\x93NUMPY\x01\x00", 8);
    npy += static_cast<char>(header.size() & 0xff);
    npy += static_cast<char>(header.size() >> 8);
    npy += header;
    const float half = 0.5f;
    for (int i = 0; i < 200; ++i)
        npy.append(reinterpret_cast<const char *>(&half), 4);
    std::ofstream(dir + "/voxels.npy", std::ios::binary) << npy;
    const auto encoded =
        runCli({"encode", "--brain", fixture("brain-tiny/brainxs_last.pth"), "--voxels", dir + "/voxels.npy", "--heads",
                "4", "--dim-head", "16", "--out", dir + "/f.safetensors"});
    ASSERT_EQ(encoded.exitCode, 0) << encoded.err;
    const auto captioned = runCli({"caption", "--mllm", fixture("llava-tiny"), "--features", dir + "/f.safetensors",
                                   "--max-new-tokens", "8", "--json", "--out", dir + "/results.json"});
    ASSERT_EQ(captioned.exitCode, 0) << captioned.err;
    const auto document = nlohmann::json::parse(captioned.out);
    ASSERT_EQ(document["captions"].size(), 1u);
    EXPECT_EQ(document["captions"][0]["ids"].size(), 8u);
    EXPECT_EQ(document["captions"][0]["source"], "features[0]");
    // The results file is BrainHub's {"idx": caption}.
    const auto results = readJsonFile(dir + "/results.json");
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results["0"], document["captions"][0]["text"]);
    fs::remove_all(dir);
}

TEST(CaptionCommand, BrokenModelsGetOneErrorNamingTheFieldOrTensor)
{
    {
        BrokenModel model;
        model.editConfig([](nlohmann::json &c) { c["model_type"] = "gpt2"; });
        const auto r = captionWith(model.path());
        EXPECT_EQ(r.exitCode, 2);
        EXPECT_NE(r.err.find("model_type 'gpt2'"), std::string::npos) << r.err;
    }
    {
        BrokenModel model;
        model.editHeader([](nlohmann::json &h) { h.erase("model.norm.weight"); });
        const auto r = captionWith(model.path());
        EXPECT_EQ(r.exitCode, 2);
        EXPECT_NE(r.err.find("model.norm.weight"), std::string::npos) << r.err;
    }
    {
        BrokenModel model;
        model.editHeader([](nlohmann::json &h) {
            auto &t = h["model.layers.0.mlp.up_proj.weight"];
            const auto begin = t["data_offsets"][0].get<uint64_t>();
            t["shape"] = {8, 64};
            t["data_offsets"] = {begin, begin + 8 * 64 * 4};
        });
        const auto r = captionWith(model.path());
        EXPECT_EQ(r.exitCode, 2);
        EXPECT_NE(r.err.find("model.layers.0.mlp.up_proj.weight"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("[8, 64]"), std::string::npos) << r.err;
    }
    for (const auto &r : {captionWith("/no/such/folder")})
        EXPECT_EQ(r.exitCode, 2) << r.err;
}

TEST(BenchCommand, DecodeReportsThroughput)
{
    const auto r = runCli({"--json", "bench", "decode", "--mllm", fixture("llava-tiny"), "--prompt-tokens", "16",
                           "--new-tokens", "8", "--repeats", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto d = nlohmann::json::parse(r.out);
    EXPECT_GT(d["prefill_tokens_per_second"].get<double>(), 0.0);
    EXPECT_GT(d["decode_tokens_per_second"].get<double>(), 0.0);
    EXPECT_EQ(d["new_tokens"], 8);
}

// The brain path: features given instead of the image reproduce the reference's brain_generated ids, in the SE space
// and in NF at the full scale (M3 without pooling is LLaVA).
TEST(CaptionCommand, BrainFeaturesGiveTheReferenceIds)
{
    const fs::path features =
        fs::temp_directory_path() / ("vindex-brain-" + std::to_string(::getpid()) + ".safetensors");
    copyTensor(fixture("llava-tiny/expected.safetensors"), "brain_features", features.string(), "features");
    const auto reference = safetensorsIds(fixture("llava-tiny/expected.safetensors"), "brain_generated");
    for (const std::vector<std::string> &space :
         {std::vector<std::string>{"--space", "se"}, std::vector<std::string>{"--space", "nf", "--scale", "16"}}) {
        std::vector<std::string> args{"caption",    "--mllm",          fixture("llava-tiny"),
                                      "--features", features.string(), "--max-new-tokens",
                                      "24",         "--json"};
        args.insert(args.end(), space.begin(), space.end());
        const auto r = runCli(args);
        ASSERT_EQ(r.exitCode, 0) << r.err;
        const auto document = nlohmann::json::parse(r.out);
        EXPECT_EQ(document["captions"][0]["ids"].get<std::vector<int64_t>>(), reference) << space[1];
    }
    fs::remove(features);
}

namespace {

// A features file [1, tokens, 64] in the safetensors layout (sin of the element index), written by hand.
void writeFeatures(const fs::path &path, int64_t tokens)
{
    const int64_t count = tokens * 64;
    const std::string header =
        nlohmann::json{{"features", {{"dtype", "F32"}, {"shape", {1, tokens, 64}}, {"data_offsets", {0, count * 4}}}}}
            .dump();
    std::ofstream out(path, std::ios::binary);
    const uint64_t length = header.size();
    out.write(reinterpret_cast<const char *>(&length), 8);
    out << header;
    for (int64_t i = 0; i < count; ++i) {
        const float value = static_cast<float>(std::sin(0.01 * static_cast<double>(i)));
        out.write(reinterpret_cast<const char *>(&value), 4);
    }
}

} // namespace

// The method's shapes on tiny models whose towers give 4 × 4 tokens (as CLIP-336's 24 × 24 stands to a clip_224
// encoder's 16 × 16): brain features of a 16 × 16 and a 24 × 24 grid go into SE whole and into NF at M3's five
// scales, where the prompt holds ⌊side / int(√(side² / S))⌋² tokens (M3's arithmetic): 1, 9, 64, 256 for a 16 × 16
// grid at S = 1, 9, 36, 144 (576 is refused with M3's reason, kernel 0) and exactly S for 24 × 24. Into LLaVA-1.5
// (llava-tiny) and LLaVA-NeXT in both layouts (llava-next-tiny, as m3-llava-next), where one grid is one tile and
// ends with one image_newline. The prompt's text takes 51 positions, as the reference's input_ids_with_image say.
TEST(CaptionCommand, BrainTokensOfAnotherGridGoIntoSeAndNf)
{
    const std::string next = projectFixture("llava-next-tiny");
    std::ifstream reference(fixture("llava-tiny/expected.json"));
    const int64_t text = static_cast<int64_t>(nlohmann::json::parse(reference)["input_ids_with_image"].size()) - 1;
    const std::vector<std::pair<std::string, int64_t>> models = {
        {fixture("llava-tiny"), 0}, {next + "/original", 1}, {next + "/hf", 1}};
    const std::map<int64_t, std::vector<std::pair<std::string, int64_t>>> nf = {
        {16, {{"1", 1}, {"9", 9}, {"36", 64}, {"144", 256}}},
        {24, {{"1", 1}, {"9", 9}, {"36", 36}, {"144", 144}, {"576", 576}}}};
    for (const auto &[side, scales] : nf) {
        const fs::path features = fs::temp_directory_path() / ("vindex-grid" + std::to_string(side) + "-" +
                                                               std::to_string(::getpid()) + ".safetensors");
        writeFeatures(features, side * side);
        for (const auto &[model, newline] : models) {
            const auto promptTokens = [&](const std::vector<std::string> &space) {
                std::vector<std::string> args{"--json",     "caption",         "--mllm",           model,
                                              "--features", features.string(), "--max-new-tokens", "2"};
                args.insert(args.end(), space.begin(), space.end());
                const auto r = runCli(args);
                EXPECT_EQ(r.exitCode, 0) << r.err;
                return r.exitCode == 0 ? nlohmann::json::parse(r.out)["timing"]["prompt_tokens"].get<int64_t>() : -1;
            };
            EXPECT_EQ(promptTokens({"--space", "se"}), text + side * side + newline) << model << " " << side;
            for (const auto &[scale, tokens] : scales)
                EXPECT_EQ(promptTokens({"--space", "nf", "--scale", scale}), text + tokens + newline)
                    << model << " " << side << " NF-" << scale;
        }
        if (side == 16) {
            const auto refused = runCli({"caption", "--mllm", fixture("llava-tiny"), "--features", features.string(),
                                         "--space", "nf", "--scale", "576"});
            EXPECT_EQ(refused.exitCode, 2) << refused.err; // bad input
            EXPECT_NE(refused.err.find("kernel int(√(256 / 576)) is 0"), std::string::npos) << refused.err;
        }
        fs::remove(features);
    }
}

// LLaVA-NeXT from the command line, both layouts: an image of another aspect ratio (anyres tiles) and a brain grid
// of 9 tokens (one tile and its image_newline) give the ids of the references (tests/fixtures/llava-next-tiny:
// transformers' LlavaNext and LLaVA's own code).
TEST(CaptionCommand, LlavaNextImagesAndBrainGridsGiveTheReferenceIds)
{
    const std::string next = projectFixture("llava-next-tiny");
    const fs::path features =
        fs::temp_directory_path() / ("vindex-next-brain-" + std::to_string(::getpid()) + ".safetensors");
    copyTensor(next + "/expected.safetensors", "brain_grid9_features", features.string(), "features");
    for (const std::string layout : {"original", "hf"}) {
        for (const std::vector<std::string> &input : {std::vector<std::string>{"--image", next + "/wide.png"},
                                                      std::vector<std::string>{"--features", features.string()}}) {
            std::vector<std::string> args{"--json", "caption", "--mllm", next + "/" + layout, "--max-new-tokens", "16"};
            args.insert(args.end(), input.begin(), input.end());
            const auto r = runCli(args);
            ASSERT_EQ(r.exitCode, 0) << r.err;
            const std::string key = input[0] == "--image" ? "wide_" + layout : "brain_grid9_" + layout;
            EXPECT_EQ(nlohmann::json::parse(r.out)["captions"][0]["ids"].get<std::vector<int64_t>>(),
                      safetensorsIds(next + "/expected.safetensors", key + "_generated"))
                << key;
        }
    }
    fs::remove(features);
}

// The method's prompts by name: "detail" is VINDEX's LLaVA prompt (the one llava-tiny's reference prompt holds) and
// generation defaults to its 512 new tokens; "simple" is UMBRAE's Shikra prompt, which a LLaVA refuses.
TEST(CaptionCommand, PresetsAreTheMethodsPrompts)
{
    const auto detail = runCli({"--json", "caption", "--mllm", fixture("llava-tiny"), "--image",
                                fixture("llava-tiny/image.png"), "--preset", "detail", "--max-new-tokens", "2"});
    ASSERT_EQ(detail.exitCode, 0) << detail.err;
    std::ifstream reference(fixture("llava-tiny/expected.json"));
    EXPECT_EQ(nlohmann::json::parse(detail.out)["prompt"].get<std::string>(),
              nlohmann::json::parse(reference)["prompt"].get<std::string>());
    const auto simple = runCli(
        {"caption", "--mllm", fixture("llava-tiny"), "--image", fixture("llava-tiny/image.png"), "--preset", "simple"});
    EXPECT_EQ(simple.exitCode, 2) << simple.err;
    EXPECT_NE(simple.err.find("must not contain <image>"), std::string::npos) << simple.err;
    const auto help = runCli({"caption", "--help"});
    EXPECT_NE(help.out.find("--max-new-tokens INT:POSITIVE=512"), std::string::npos) << help.out;
}
