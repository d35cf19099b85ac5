// The method's ME configuration as a user runs it: `vindex caption --space me` on an MMVP folder as released (no
// mm_dino_tower; DINOv2 from torch.hub weights) with the image, with brain features, and with --brain a folder of two
// encoders (MMVP's --brainx_path) on mini-nsd. Expected ids: tests/fixtures/mmvp-tiny/expected.safetensors, computed by
// tests/reference/make_mmvp_fixture.py from dinov2's, UMBRAE's and MMVP's own code.
#include "CliRunner.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

const fs::path kMmvp = projectFixture("mmvp-tiny");

// A tensor of the fixture's expected.safetensors: its header entry and bytes; the ids of one.
std::pair<nlohmann::json, std::string> referenceTensor(const std::string &name)
{
    return safetensorsTensor((kMmvp / "expected.safetensors").string(), name);
}

std::vector<int64_t> referenceIds(const std::string &name)
{
    return safetensorsIds((kMmvp / "expected.safetensors").string(), name);
}

// An MMVP folder as released: llava-tiny's LLaMA and projector, MMVP's dino_mm_projector.bin, no mm_dino_tower.
class MmvpFolder {
public:
    MmvpFolder() : m_path(fs::temp_directory_path() / ("vindex-mmvp-" + std::to_string(::getpid())))
    {
        fs::remove_all(m_path);
        fs::create_directories(m_path / "model");
        auto config = readJsonFile(fixture("llava-tiny/config.json"));
        config["mm_vision_tower"] = fs::absolute(fixture("clip-vit-tiny")).string();
        std::ofstream(model() + "/config.json") << config.dump(1);
        for (const char *name : {"model.safetensors", "tokenizer.model"})
            fs::create_symlink(fs::absolute(fixture(std::string("llava-tiny/") + name)), m_path / "model" / name);
        fs::copy_file(kMmvp / "dino_mm_projector.bin", m_path / "model/dino_mm_projector.bin");
    }
    ~MmvpFolder() { fs::remove_all(m_path); }
    std::string model() const { return (m_path / "model").string(); }
    std::string file(const std::string &name) const { return (m_path / name).string(); }

private:
    fs::path m_path;
};

std::vector<int64_t> firstIds(const CliResult &r)
{
    return nlohmann::json::parse(r.out)["captions"][0]["ids"].get<std::vector<int64_t>>();
}

} // namespace

TEST(MmvpCommand, ImageAndBrainFeaturesGiveTheReferenceIds)
{
    MmvpFolder mmvp;
    const std::string dino = (kMmvp / "dinov2_tiny_pretrain.pth").string();
    const auto image = runCli({"--json", "caption", "--mllm", mmvp.model(), "--space", "me", "--dino", dino, "--image",
                               fixture("llava-tiny/image.png"), "--max-new-tokens", "16"});
    ASSERT_EQ(image.exitCode, 0) << image.err;
    EXPECT_EQ(firstIds(image), referenceIds("image_generated"));

    // Features given directly ([16, 128]: CLIP channels, then DINO's).
    const auto [info, bytes] = referenceTensor("brain_features");
    writeSafetensors(
        mmvp.file("brain.safetensors"),
        {{"features", {{"dtype", info["dtype"]}, {"shape", info["shape"]}, {"data_offsets", {0, bytes.size()}}}}},
        bytes);
    const auto features = runCli({"--json", "caption", "--mllm", mmvp.model(), "--space", "me", "--dino", dino,
                                  "--features", mmvp.file("brain.safetensors"), "--max-new-tokens", "16"});
    ASSERT_EQ(features.exitCode, 0) << features.err;
    EXPECT_EQ(firstIds(features), referenceIds("brain_generated"));

    // DINOv2 from torch.hub's cache when neither config.json nor --dino names one.
    fs::create_directories(mmvp.file("torch/hub/checkpoints"));
    fs::copy_file(dino, mmvp.file("torch/hub/checkpoints/dinov2_vitl14_pretrain.pth"));
    const auto cached = runCli({"--json", "caption", "--mllm", mmvp.model(), "--space", "me", "--image",
                                fixture("llava-tiny/image.png"), "--max-new-tokens", "16"},
                               {"TORCH_HOME=" + mmvp.file("torch")});
    ASSERT_EQ(cached.exitCode, 0) << cached.err;
    EXPECT_EQ(firstIds(cached), referenceIds("image_generated"));

    // None anywhere: one error naming the three places.
    const auto none = runCli({"caption", "--mllm", mmvp.model(), "--space", "me", "--image",
                              fixture("llava-tiny/image.png"), "--max-new-tokens", "4"},
                             {"TORCH_HOME=" + mmvp.file("empty")});
    EXPECT_EQ(none.exitCode, 2) << none.err;
    EXPECT_NE(none.err.find("mm_dino_tower"), std::string::npos) << none.err;
    EXPECT_NE(none.err.find("--dino"), std::string::npos) << none.err;
    EXPECT_NE(none.err.find(mmvp.file("empty") + "/hub/checkpoints/dinov2_vitl14_pretrain.pth"), std::string::npos)
        << none.err;
}

// MMVP's --brainx_path: sub01_dim64/{clip_224,dino_224}/last.pth, both on subject 1's voxels of test trial 0 (image 0
// of mini-nsd: voxel v = sin(0.05 v) + 0.01, the mean of its three repeats).
TEST(MmvpCommand, BrainFolderOfTwoEncodersGivesTheReferenceIds)
{
    MmvpFolder mmvp;
    const std::string encoders = (kMmvp / "sub01_dim64").string();
    const auto r = runCli({"--json",
                           "caption",
                           "--mllm",
                           mmvp.model(),
                           "--space",
                           "me",
                           "--dino",
                           (kMmvp / "dinov2_tiny_pretrain.pth").string(),
                           "--root",
                           fixture("mini-nsd"),
                           "--subject",
                           "1",
                           "--split",
                           "test",
                           "--trials",
                           "0",
                           "--brain",
                           encoders,
                           "--heads",
                           "2",
                           "--dim-head",
                           "16",
                           "--max-new-tokens",
                           "16",
                           "--out",
                           mmvp.file("results.json")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto captions = nlohmann::json::parse(r.out)["captions"];
    ASSERT_EQ(captions.size(), 1u);
    EXPECT_EQ(captions[0]["source"], "subj01 test 0 (image 0)");
    EXPECT_EQ(captions[0]["ids"].get<std::vector<int64_t>>(), referenceIds("brain_generated"));

    // The manifest names both encoders and fingerprints both files, and the DINOv2 weights.
    const auto manifest = readJsonFile(mmvp.file("results.json.manifest.json"));
    const auto brain = manifest["fingerprint"]["inputs"]["brain"];
    EXPECT_EQ(brain["encoders"]["clip"], fs::canonical(encoders + "/clip_224/last.pth").string());
    EXPECT_EQ(brain["encoders"]["dino"], fs::canonical(encoders + "/dino_224/last.pth").string());
    std::map<std::string, std::string> roles;
    for (const auto &m : manifest["models"])
        roles[m["role"].get<std::string>()] = m["path"].get<std::string>();
    EXPECT_EQ(roles["brain encoder (clip)"], fs::canonical(encoders + "/clip_224/last.pth").string());
    EXPECT_EQ(roles["brain encoder (dino)"], fs::canonical(encoders + "/dino_224/last.pth").string());
    EXPECT_EQ(roles["dino tower"], fs::canonical(kMmvp / "dinov2_tiny_pretrain.pth").string());

    // One encoder missing: an error naming the folder.
    fs::create_directories(mmvp.file("half/clip_224"));
    fs::copy_file(encoders + "/clip_224/last.pth", mmvp.file("half/clip_224/last.pth"));
    const auto half = runCli({"caption",
                              "--mllm",
                              mmvp.model(),
                              "--space",
                              "me",
                              "--dino",
                              (kMmvp / "dinov2_tiny_pretrain.pth").string(),
                              "--root",
                              fixture("mini-nsd"),
                              "--subject",
                              "1",
                              "--trials",
                              "0",
                              "--brain",
                              mmvp.file("half"),
                              "--heads",
                              "2",
                              "--dim-head",
                              "16",
                              "--max-new-tokens",
                              "4"});
    EXPECT_EQ(half.exitCode, 2) << half.err;
    EXPECT_NE(half.err.find(mmvp.file("half")), std::string::npos) << half.err;
    EXPECT_NE(half.err.find("dino_224/last.pth"), std::string::npos) << half.err;

    // In a CLIP space the folder gives its CLIP encoder: SE on llava-tiny takes it (16 × 64 features).
    const auto se =
        runCli({"--json", "caption", "--mllm", fixture("llava-tiny"), "--root", fixture("mini-nsd"), "--subject", "1",
                "--trials", "0", "--brain", encoders, "--heads", "2", "--dim-head", "16", "--max-new-tokens", "4"});
    ASSERT_EQ(se.exitCode, 0) << se.err;
    EXPECT_EQ(nlohmann::json::parse(se.out)["captions"].size(), 1u);
}

// The method's ME pipeline end to end: two BrainXS encoders trained as train.py trains them (--vision_tower clip and
// dino with --img_size, here the tiny CLIP and DINOv2 towers at one side) and exported as UMBRAE's last.pth, placed as
// its --brainx_path folder (clip_224/, dino_224/), decode in MMVP: each predicts its tower's 4 × 4 grid, so the prompt
// holds 2 × 16 interleaved tokens beside the 51 text positions of the reference prompt. UMBRAE's .pth does not record
// the perceiver's head split, so it is given as for any UMBRAE file.
TEST(MmvpCommand, EncodersTrainedForClipAndDinoDecodeAsAFolder)
{
    MmvpFolder mmvp;
    const auto demo = runCli({"demo", "--out", mmvp.file("nsd"), "--subjects", "1", "--voxels", "200", "--trials",
                              "120", "--layouts", "webdataset"});
    ASSERT_EQ(demo.exitCode, 0) << demo.err;
    for (const auto &[tower, folder] : {std::pair{"clip-vit-tiny", "clip_224"}, std::pair{"dinov2-tiny", "dino_224"}}) {
        const auto trained = runCli({"train",      "--root",     mmvp.file("nsd"),
                                     "--subject",  "1",          "--space",
                                     "se",         "--vision",   fixture(tower),
                                     "--img-size", // both towers see the stimulus at one side (--img_size 224)
                                     "56",         "--out",      mmvp.file(std::string("run-") + folder),
                                     "--epochs",   "1",          "--batch",
                                     "4",          "--hidden",   "64",
                                     "--depth",    "2",          "--heads",
                                     "4",          "--dim-head", "16",
                                     "--threads",  "1",          "--export-pth"});
        ASSERT_EQ(trained.exitCode, 0) << trained.err;
        fs::create_directories(mmvp.file(std::string("sub01/") + folder));
        fs::copy_file(mmvp.file(std::string("run-") + folder + "/last.pth"),
                      mmvp.file(std::string("sub01/") + folder + "/last.pth"));
    }
    const auto r = runCli({"--json",           "caption",
                           "--mllm",           mmvp.model(),
                           "--space",          "me",
                           "--dino",           (kMmvp / "dinov2_tiny_pretrain.pth").string(),
                           "--root",           mmvp.file("nsd"),
                           "--subject",        "1",
                           "--trials",         "0:2",
                           "--brain",          mmvp.file("sub01"),
                           "--heads",          "4",
                           "--dim-head",       "16",
                           "--max-new-tokens", "4"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto document = nlohmann::json::parse(r.out);
    EXPECT_EQ(document["captions"].size(), 2u);
    const auto reference = readJsonFile(fixture("llava-tiny/expected.json"));
    const auto text = static_cast<int64_t>(reference["input_ids_with_image"].size()) - 1;
    EXPECT_EQ(document["timing"]["prompt_tokens"].get<int64_t>(), 2 * (text + 2 * 16));
}
