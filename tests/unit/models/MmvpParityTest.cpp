// MMVP (the method's ME space) against tests/fixtures/mmvp-tiny, which tests/reference/make_mmvp_fixture.py made
// with facebookresearch/dinov2's own DinoVisionTransformer, UMBRAE's BrainXS and MMVP's interleaving rule: DINOv2
// from torch.hub weights (no config), the interleaved tokens of the image and of two brain encoders.
#include "ParitySupport.h"
#include "vindex/core/Error.h"
#include "vindex/io/SafetensorsFile.h"
#include "vindex/models/BrainEncoder.h"
#include "vindex/models/BrainEncoderFolder.h"
#include "vindex/models/Dinov2HubCheckpoint.h"
#include "vindex/models/MultimodalModel.h"
#include "vindex/models/TorchTensors.h"
#include "vindex/models/VisionTower.h"
#include "vindex/spaces/FeatureSpace.h"
#include "vindex/spaces/MixtureOfEncodersSpace.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>

using namespace vindex;
namespace fs = std::filesystem;

namespace {

const std::string kMmvp = testsupport::projectFixture("mmvp-tiny");
const std::string kHubFile = kMmvp + "/dinov2_tiny_pretrain.pth";
const std::string kEncoders = kMmvp + "/sub01_dim64";

models::Compute cpu()
{
    return models::Compute::parse("cpu", "f32");
}

at::Tensor expected(const std::string &name)
{
    const auto file = io::SafetensorsFile::open(kMmvp + "/expected.safetensors");
    return models::toTorch(file.tensor(name)).clone();
}

void expectNear(const at::Tensor &actual, const at::Tensor &reference, const char *what)
{
    EXPECT_LE(testsupport::maxAbsError(actual, reference), 1e-4) << what;
}

// An MMVP folder as released: llava-tiny's LLaMA and mm_projector, MMVP's adapter file dino_mm_projector.bin, and no
// mm_dino_tower in config.json.
std::string makeMmvpModel(const testsupport::TempDir &dir)
{
    const std::string llava = testsupport::fixture("llava-tiny");
    nlohmann::json config = testsupport::readJson(llava + "/config.json");
    config["mm_vision_tower"] = testsupport::fixture("clip-vit-tiny");
    std::ofstream(dir.file("config.json")) << config.dump(1);
    fs::create_symlink(llava + "/tokenizer.model", dir.file("tokenizer.model"));
    fs::create_symlink(llava + "/model.safetensors", dir.file("model.safetensors"));
    fs::copy_file(kMmvp + "/dino_mm_projector.bin", dir.file("dino_mm_projector.bin"));
    return dir.path().string();
}

// Sets (or unsets) an environment variable for one scope.
class ScopedEnv {
public:
    ScopedEnv(const char *name, const std::optional<std::string> &value) : m_name(name)
    {
        if (const char *old = std::getenv(name))
            m_old = old;
        if (value)
            ::setenv(name, value->c_str(), 1);
        else
            ::unsetenv(name);
    }
    ~ScopedEnv()
    {
        if (m_old)
            ::setenv(m_name, m_old->c_str(), 1);
        else
            ::unsetenv(m_name);
    }

private:
    const char *m_name;
    std::optional<std::string> m_old;
};

} // namespace

// forward_features(x)["x_prenorm"][:, 1:] of dinov2's DinoVisionTransformer at 56 px with 5 × 5 position embeddings
// (torch.hub's interpolation: scale_factor (4 + 0.1) / 5, bicubic, no antialias).
TEST(MmvpParity, Dinov2FromTorchHubWeightsMatchesTheReference)
{
    models::VisionTower::Options options;
    options.legacyInterpolation = true;
    const auto dino = models::Dinov2HubCheckpoint::load(kHubFile, cpu(), options);
    EXPECT_EQ(dino->family(), "dinov2");
    EXPECT_EQ(dino->hiddenSize(), 64);
    EXPECT_EQ(dino->numLayers(), 3);
    EXPECT_EQ(dino->patchSize(), 14);
    EXPECT_EQ(dino->imageSize(), 70);
    const auto output = dino->forward(expected("pixel_values"), true);
    expectNear(output.hiddenStates.back().slice(1, 1), expected("dino_prenorm"), "x_prenorm[:, 1:]");

    // transformers' newer resize (size=) is not what torch.hub computes: the fixture tells them apart.
    const auto hf = models::Dinov2HubCheckpoint::load(kHubFile, cpu(), {});
    EXPECT_GT(testsupport::maxAbsError(hf->forward(expected("pixel_values"), true).hiddenStates.back().slice(1, 1),
                                       expected("dino_prenorm")),
              1e-4);
}

TEST(MmvpParity, HubLayoutErrorsNameTheFile)
{
    // A brain checkpoint is no DINOv2.
    const std::string message =
        testsupport::errorOf([] { (void)models::Dinov2HubCheckpoint::load(kEncoders + "/clip_224/last.pth", cpu()); });
    EXPECT_NE(message.find("not a torch.hub DINOv2 state dict"), std::string::npos) << message;
    EXPECT_NE(message.find("last.pth"), std::string::npos) << message;
}

// torch.hub.get_dir(): $TORCH_HOME/hub, TORCH_HOME = expanduser($XDG_CACHE_HOME/torch or ~/.cache/torch); its
// load_state_dict_from_url keeps files in <hub>/checkpoints under the URL's file name.
TEST(MmvpParity, TorchHubCacheIsWhereTorchPutsIt)
{
    ScopedEnv home("HOME", std::string("/home/u"));
    {
        ScopedEnv torch("TORCH_HOME", std::string("/data/torch"));
        EXPECT_EQ(models::Dinov2HubCheckpoint::cachedFile(), "/data/torch/hub/checkpoints/dinov2_vitl14_pretrain.pth");
    }
    {
        ScopedEnv torch("TORCH_HOME", std::string("~/t"));
        EXPECT_EQ(models::Dinov2HubCheckpoint::cachedFile(), "/home/u/t/hub/checkpoints/dinov2_vitl14_pretrain.pth");
    }
    ScopedEnv torch("TORCH_HOME", std::nullopt);
    {
        ScopedEnv xdg("XDG_CACHE_HOME", std::string("/cache"));
        EXPECT_EQ(models::Dinov2HubCheckpoint::cachedFile(), "/cache/torch/hub/checkpoints/dinov2_vitl14_pretrain.pth");
    }
    ScopedEnv xdg("XDG_CACHE_HOME", std::nullopt);
    EXPECT_EQ(models::Dinov2HubCheckpoint::cachedFile("dinov2_vitb14"),
              "/home/u/.cache/torch/hub/checkpoints/dinov2_vitb14_pretrain.pth");
}

// An MMVP folder without mm_dino_tower: DINOv2 from --dino, else from torch.hub's cache, else an error naming all
// three places. Image features and interleaved tokens equal the reference's.
TEST(MmvpParity, InterleavedTokensOfImageAndBrainMatchTheReference)
{
    testsupport::TempDir dir;
    const std::string folder = makeMmvpModel(dir);
    const auto model = models::MultimodalModel::load(folder, cpu());

    testsupport::TempDir torchHome;
    ScopedEnv torch("TORCH_HOME", torchHome.path().string());
    const std::string missing = testsupport::errorOf([&] {
        (void)spaces::FeatureSpace::create(*model, {spaces::SpaceKind::MixtureOfEncoders, 0});
    });
    EXPECT_NE(missing.find("mm_dino_tower"), std::string::npos) << missing;
    EXPECT_NE(missing.find("--dino"), std::string::npos) << missing;
    EXPECT_NE(missing.find(torchHome.path().string() + "/hub/checkpoints/dinov2_vitl14_pretrain.pth"),
              std::string::npos)
        << missing;

    for (const bool fromCache : {false, true}) {
        SCOPED_TRACE(fromCache ? "torch.hub cache" : "--dino");
        if (fromCache) {
            fs::create_directories(torchHome.path() / "hub/checkpoints");
            fs::copy_file(kHubFile, torchHome.path() / "hub/checkpoints/dinov2_vitl14_pretrain.pth");
        }
        const auto space = spaces::FeatureSpace::create(
            *model, {spaces::SpaceKind::MixtureOfEncoders, 0, fromCache ? std::string() : kHubFile});
        const auto &mixture = dynamic_cast<const spaces::MixtureOfEncodersSpace &>(*space);
        EXPECT_EQ(mixture.clipWidth(), 64);
        EXPECT_EQ(mixture.dinoWidth(), 64);
        EXPECT_FALSE(mixture.dinoIsFolder());
        const at::Tensor features = space->imageFeatures(expected("pixel_values"));
        expectNear(features, at::cat({expected("clip_features"), expected("dino_prenorm")}, -1), "image features");
        expectNear(space->visualTokens(features)[0], expected("image_tokens"), "image tokens");
        expectNear(space->visualTokens(expected("brain_features"))[0], expected("brain_tokens"), "brain tokens");
    }
}

// The --brainx_path folder: clip_224/last.pth and dino_224/last.pth, UMBRAE BrainXS on the same voxels.
TEST(MmvpParity, EncoderFolderGivesBothHalvesOfTheBrainFeatures)
{
    ASSERT_TRUE(models::BrainEncoderFolder::isEncoderFolder(kEncoders));
    EXPECT_FALSE(models::BrainEncoderFolder::isEncoderFolder(kMmvp));
    models::BrainEncoderOptions options;
    options.heads = 2;
    options.dimHead = 16;
    const at::Tensor voxels = expected("brain_voxels");
    const at::Tensor reference = expected("brain_features");
    const auto clip =
        models::BrainEncoder::load(models::BrainEncoderFolder::checkpoint(kEncoders, "clip"), cpu(), options);
    const auto dino =
        models::BrainEncoder::load(models::BrainEncoderFolder::checkpoint(kEncoders, "dino"), cpu(), options);
    expectNear(clip->encode(voxels, 0), reference.slice(-1, 0, 64), "clip encoder");
    expectNear(dino->encode(voxels, 0), reference.slice(-1, 64), "dino encoder");

    testsupport::TempDir half;
    fs::create_directories(half.path() / "clip_224");
    fs::copy_file(kEncoders + "/clip_224/last.pth", half.path() / "clip_224/last.pth");
    const std::string message =
        testsupport::errorOf([&] { (void)models::BrainEncoderFolder::checkpoint(half.path().string(), "dino"); });
    EXPECT_NE(message.find(half.path().string()), std::string::npos) << message;
    EXPECT_NE(message.find("dino_224/last.pth"), std::string::npos) << message;
}
