// `vindex inspect` on every reference checkpoint lists exactly the tensors its config.json implies.
#include "CliRunner.h"
#include "ExpectedLayout.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

// Compares the listed tensors (all float32 in the fixtures) with the expected layout.
void expectLayout(const nlohmann::json &tensors, const Layout &expected, const std::string &what)
{
    Layout listed;
    for (const auto &t : tensors) {
        listed[t["name"].get<std::string>()] = t["shape"].get<std::vector<int64_t>>();
        EXPECT_EQ(t["dtype"], "F32") << what << ": " << t["name"];
    }
    for (const auto &[name, shape] : expected) {
        const auto it = listed.find(name);
        if (it == listed.end())
            ADD_FAILURE() << what << ": missing " << name;
        else
            EXPECT_EQ(it->second, shape) << what << ": " << name;
    }
    for (const auto &[name, shape] : listed)
        EXPECT_TRUE(expected.count(name)) << what << ": unexpected " << name;
}

} // namespace

TEST(InspectFixtures, ClipVisionTower)
{
    const auto config = readJsonFile(fixture("clip-vit-tiny/config.json"));
    // This fixture stores CLIPVisionModel keys without the `vision_model.` prefix.
    expectLayout(inspectJson(fixture("clip-vit-tiny/model.safetensors"))["tensors"], clipVisionLayout(config, ""),
                 "clip-vit-tiny");
}

TEST(InspectFixtures, Dinov2)
{
    const auto config = readJsonFile(fixture("dinov2-tiny/config.json"));
    expectLayout(inspectJson(fixture("dinov2-tiny/model.safetensors"))["tensors"], dinov2Layout(config, ""),
                 "dinov2-tiny");
}

TEST(InspectFixtures, Siglip)
{
    const auto config = readJsonFile(fixture("siglip-tiny/config.json"));
    expectLayout(inspectJson(fixture("siglip-tiny/model.safetensors"))["tensors"], siglipVisionLayout(config, ""),
                 "siglip-tiny");
}

TEST(InspectFixtures, ClipFull)
{
    const auto config = readJsonFile(fixture("clip-full-tiny/config.json"));
    Layout expected = clipVisionLayout(config["vision_config"], "vision_model.");
    merge(expected, clipTextLayout(config["text_config"], "text_model."));
    const int64_t projection = config["projection_dim"];
    expected["visual_projection.weight"] = {projection, config["vision_config"]["hidden_size"].get<int64_t>()};
    expected["text_projection.weight"] = {projection, config["text_config"]["hidden_size"].get<int64_t>()};
    expected["logit_scale"] = {};
    expectLayout(inspectJson(fixture("clip-full-tiny/model.safetensors"))["tensors"], expected, "clip-full-tiny");
}

TEST(InspectFixtures, LlavaOriginalLayout)
{
    const auto config = readJsonFile(fixture("llava-tiny/config.json"));
    ASSERT_EQ(config["mm_projector_type"], "mlp2x_gelu");
    Layout expected = llamaLayout(config, "model.", "lm_head");
    const int64_t h = config["hidden_size"], mmHidden = config["mm_hidden_size"];
    expected["model.mm_projector.0.weight"] = {h, mmHidden};
    expected["model.mm_projector.0.bias"] = {h};
    expected["model.mm_projector.2.weight"] = {h, h};
    expected["model.mm_projector.2.bias"] = {h};
    expectLayout(inspectJson(fixture("llava-tiny/model.safetensors"))["tensors"], expected, "llava-tiny");
}

TEST(InspectFixtures, LlavaHfLayout)
{
    const auto config = readJsonFile(fixture("llava-hf-tiny/config.json"));
    const auto &text = config["text_config"], &vision = config["vision_config"];
    Layout expected = llamaLayout(text, "language_model.model.", "language_model.lm_head");
    merge(expected, clipVisionLayout(vision, "vision_tower.vision_model."));
    const int64_t h = text["hidden_size"], v = vision["hidden_size"];
    expected["multi_modal_projector.linear_1.weight"] = {h, v};
    expected["multi_modal_projector.linear_1.bias"] = {h};
    expected["multi_modal_projector.linear_2.weight"] = {h, h};
    expected["multi_modal_projector.linear_2.bias"] = {h};
    expectLayout(inspectJson(fixture("llava-hf-tiny/model.safetensors"))["tensors"], expected, "llava-hf-tiny");
}

TEST(InspectFixtures, ShikraLayout)
{
    const auto config = readJsonFile(fixture("shikra-tiny/config.json"));
    Layout expected = llamaLayout(config, "model.", "lm_head");
    const int64_t h = config["hidden_size"], mmHidden = config["mm_hidden_size"];
    expected["model.mm_projector.weight"] = {h, mmHidden}; // Shikra: a single Linear
    expected["model.mm_projector.bias"] = {h};
    expectLayout(inspectJson(fixture("shikra-tiny/model.safetensors"))["tensors"], expected, "shikra-tiny");
}

TEST(InspectFixtures, BrainInitWeights)
{
    const auto config = readJsonFile(fixture("brain-tiny/config.json"));
    const Layout expected = brainXsLayout(config["brainxs"]);
    ASSERT_EQ(expected.size(), config["keys"].size());
    for (const auto &key : config["keys"])
        EXPECT_TRUE(expected.count(key.get<std::string>())) << key;
    expectLayout(inspectJson(fixture("brain-tiny/brainxs_init.safetensors"))["tensors"], expected, "brainxs_init");
}

TEST(InspectFixtures, TextOutputNamesEveryTensor)
{
    const auto result = runCli({"inspect", fixture("shikra-tiny/model.safetensors")});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    EXPECT_NE(result.out.find("model.mm_projector.weight"), std::string::npos);
    EXPECT_NE(result.out.find("32 tensors"), std::string::npos) << result.out;
}

TEST(InspectFixtures, MissingFileIsBadInput)
{
    const auto result = runCli({"inspect", "/no/such/file.safetensors"});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_NE(result.err.find("/no/such/file.safetensors"), std::string::npos) << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << "one clear message: " << result.err;
}

TEST(InspectFixtures, UnknownOptionIsBadInput)
{
    const auto result = runCli({"inspect", "--frobnicate", fixture("shikra-tiny/model.safetensors")});
    EXPECT_EQ(result.exitCode, 2) << result.err;
    const auto device = runCli({"--device", "tpu", "inspect", fixture("shikra-tiny/model.safetensors")});
    EXPECT_EQ(device.exitCode, 2) << device.err;
}

TEST(InspectFixtures, EverySafetensorsFileMatchesItsOwnHeader)
{
    // Cross-check against the JSON header read directly (8-byte length + JSON), independent of the reader.
    int files = 0;
    for (const auto &entry : std::filesystem::recursive_directory_iterator(fixture(""))) {
        if (entry.path().extension() != ".safetensors")
            continue;
        ++files;
        std::ifstream in(entry.path(), std::ios::binary);
        uint64_t length = 0;
        in.read(reinterpret_cast<char *>(&length), 8);
        std::string header(length, '\0');
        in.read(header.data(), static_cast<std::streamsize>(length));
        auto expected = nlohmann::json::parse(header);
        expected.erase("__metadata__");
        const auto listed = inspectJson(entry.path().string())["tensors"];
        ASSERT_EQ(listed.size(), expected.size()) << entry.path();
        for (const auto &t : listed) {
            const auto &e = expected.at(t["name"].get<std::string>());
            EXPECT_EQ(t["dtype"], e["dtype"]) << entry.path() << " " << t["name"];
            EXPECT_EQ(t["shape"], e["shape"]) << entry.path() << " " << t["name"];
        }
    }
    EXPECT_GE(files, 12);
}

TEST(InspectFixtures, TruncatedFilesGiveOneClearErrorNamingTheFile)
{
    const std::string dir = std::filesystem::temp_directory_path() / "vindex-e2e-truncated";
    std::filesystem::create_directories(dir);
    for (const std::string source : {"brain-tiny/brainxs_last.pth", "clip-vit-tiny/model.safetensors",
                                     "mini-nsd/nsddata/ppdata/subj01/func1pt8mm/T1_to_func1pt8mm.nii.gz"}) {
        std::ifstream in(fixture(source), std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const auto name = std::filesystem::path(source).filename().string();
        const std::string path = dir + "/" + name;
        std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 2));
        const auto result = runCli({"inspect", path});
        EXPECT_EQ(result.exitCode, 2) << name << ": " << result.err;
        EXPECT_NE(result.err.find(path), std::string::npos) << result.err;
        EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
        EXPECT_TRUE(result.out.empty()) << result.out;
    }
    std::filesystem::remove_all(dir);
}
