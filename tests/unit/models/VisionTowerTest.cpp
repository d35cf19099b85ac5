#include "ParitySupport.h"

#include "vindex/core/Error.h"
#include "vindex/io/SafetensorsFile.h"
#include "vindex/models/FeatureExtraction.h"
#include "vindex/models/TorchTensors.h"
#include "vindex/models/VisionTower.h"
#include "vindex/models/WeightLoader.h"

#include <gtest/gtest.h>
#include <torch/csrc/api/include/torch/version.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

using namespace vindex::models;
using testsupport::fixture;

namespace {

// Runs a fixture's pixel_values through the tower and checks every output against the reference: within
// absolute + relative · max(1, max |reference|) (the relative part for half precision: 64 unit roundoffs of the format,
// FixtureVerifier's rule).
void expectParity(const std::string &folder, const Compute &compute, double absolute, double relative = 0.0,
                  bool expectPooled = true)
{
    const auto allowed = [&](const at::Tensor &reference) {
        return absolute + relative * testsupport::magnitude(reference);
    };
    const auto tower = VisionTower::load(fixture(folder), compute);
    const auto pixels = testsupport::expectedTensor(folder, "pixel_values");
    const auto output = tower->forward(pixels);
    const auto hidden = testsupport::expectedTensor(folder, "hidden_states");
    ASSERT_EQ(static_cast<int64_t>(output.hiddenStates.size()), hidden.size(0));
    double worstHidden = 0.0;
    for (size_t i = 0; i < output.hiddenStates.size(); ++i) {
        const double error = testsupport::maxAbsError(output.hiddenStates[i], hidden[static_cast<int64_t>(i)]);
        EXPECT_LE(error, allowed(hidden[static_cast<int64_t>(i)])) << folder << " hidden_states[" << i << "]";
        worstHidden = std::max(worstHidden, error);
    }
    const auto lastReference = testsupport::expectedTensor(folder, "last_hidden_state");
    const double last = testsupport::maxAbsError(output.lastHiddenState, lastReference);
    EXPECT_LE(last, allowed(lastReference)) << folder << " last_hidden_state";
    if (expectPooled) {
        const auto pooledReference = testsupport::expectedTensor(folder, "pooler_output");
        const double pooled = testsupport::maxAbsError(output.pooled, pooledReference);
        EXPECT_LE(pooled, allowed(pooledReference)) << folder << " pooler_output";
        std::cout << "[ parity   ] " << folder << " (" << compute.describe() << "): hidden_states " << worstHidden
                  << ", last_hidden_state " << last << ", pooler_output " << pooled << std::endl;
    }
}

} // namespace

TEST(VisionTower, ClipMatchesTheReference)
{
    expectParity("clip-vit-tiny", Compute{}, 1e-4);
}

TEST(VisionTower, Dinov2InterpolatesPositionsAndMatchesTheReference)
{
    expectParity("dinov2-tiny", Compute{}, 1e-4);
}

TEST(VisionTower, SiglipWithHeadMatchesTheReference)
{
    expectParity("siglip-tiny", Compute{}, 1e-4);
}

TEST(VisionTower, Bf16StaysCloseToTheReference)
{
    for (const auto *folder : {"clip-vit-tiny", "dinov2-tiny", "siglip-tiny"})
        expectParity(folder, Compute::parse("cpu", "bf16"), 0.0, 64.0 / 256.0);
}

TEST(VisionTower, RefusesCpuHalfWhereLibTorchCannotRunIt)
{
    const auto compute = Compute::parse("cpu", "f16");
#if TORCH_VERSION_MAJOR < 2
    EXPECT_THROW(VisionTower::load(fixture("clip-vit-tiny"), compute), vindex::ModelError);
#else
    expectParity("clip-vit-tiny", compute, 0.0, 64.0 / 2048.0);
#endif
}

TEST(VisionTower, ReportsGeometryAndFamily)
{
    const auto clip = VisionTower::load(fixture("clip-vit-tiny"), Compute{});
    EXPECT_EQ(clip->family(), "clip");
    EXPECT_EQ(clip->hiddenSize(), 64);
    EXPECT_EQ(clip->patchSize(), 14);
    EXPECT_EQ(clip->imageSize(), 56);
    EXPECT_EQ(clip->numLayers(), 4);
    EXPECT_TRUE(clip->hasClsToken());
    EXPECT_FLOAT_EQ(clip->imageMean()[0], 0.48145466f);
    const auto siglip = VisionTower::load(fixture("siglip-tiny"), Compute{});
    EXPECT_EQ(siglip->family(), "siglip");
    EXPECT_FALSE(siglip->hasClsToken());
    EXPECT_FLOAT_EQ(siglip->imageStd()[2], 0.5f);
    const auto dino = VisionTower::load(fixture("dinov2-tiny"), Compute{});
    EXPECT_EQ(dino->family(), "dinov2");
    EXPECT_EQ(dino->imageSize(), 70);
}

TEST(VisionTower, SelectsLlavaFeatures)
{
    // LLaVA: hidden_states[-2] without CLS equals the llava-tiny reference vision_select_features.
    const auto clip = VisionTower::load(fixture("clip-vit-tiny"), Compute{});
    const auto features = clip->selectFeatures(testsupport::expectedTensor("llava-tiny", "pixel_values"), -2, false);
    EXPECT_LE(testsupport::maxAbsError(features, testsupport::expectedTensor("llava-tiny", "vision_select_features")),
              1e-4);
    const auto shikra = clip->selectFeatures(testsupport::expectedTensor("shikra-tiny", "pixel_values"), -2, false);
    EXPECT_LE(testsupport::maxAbsError(shikra, testsupport::expectedTensor("shikra-tiny", "image_features")), 1e-4);
    EXPECT_EQ(clip->selectFeatures(testsupport::expectedTensor("llava-tiny", "pixel_values"), 0, true).size(1), 17);
    EXPECT_THROW(clip->selectFeatures(testsupport::expectedTensor("llava-tiny", "pixel_values"), 5, false),
                 vindex::ModelError);
    EXPECT_THROW(clip->selectFeatures(testsupport::expectedTensor("llava-tiny", "pixel_values"), -6, false),
                 vindex::ModelError);
}

TEST(VisionTower, LoadsTheClipTowerInsideLlavaHf)
{
    // llava-hf keeps the tower under vision_tower.vision_model.: auto prefix and the explicit fromWeights path.
    const auto tower = VisionTower::load(fixture("llava-hf-tiny"), Compute{});
    EXPECT_EQ(tower->family(), "clip");
    const auto config = testsupport::readJson(fixture("llava-hf-tiny/config.json"));
    WeightLoader weights(fixture("llava-hf-tiny"), Compute{});
    EXPECT_EQ(VisionTower::detectPrefix(weights), "vision_tower.vision_model.");
    const auto same = VisionTower::fromWeights(config["vision_config"], weights.scoped("vision_tower.vision_model."));
    const auto pixels = testsupport::expectedTensor("llava-hf-tiny", "pixel_values");
    EXPECT_EQ(same->forward(pixels).lastHiddenState.sizes(), (at::IntArrayRef{1, 17, 64}));
    EXPECT_LE(testsupport::maxAbsError(tower->forward(pixels).lastHiddenState, same->forward(pixels).lastHiddenState),
              0.0);
}

TEST(VisionTower, DenseConnectorSiglipDropsTheLastLayerAndHead)
{
    VisionTower::Options options;
    options.dropLastLayers = 1;
    options.withHead = false;
    const auto tower = VisionTower::load(fixture("siglip-tiny"), Compute{}, "auto", options);
    EXPECT_EQ(tower->numLayers(), 3);
    const auto output = tower->forward(testsupport::expectedTensor("siglip-tiny", "pixel_values"));
    EXPECT_FALSE(output.pooled.defined());
    ASSERT_EQ(output.hiddenStates.size(), 4u);
    // The remaining blocks compute what the full model computes.
    EXPECT_LE(testsupport::maxAbsError(output.hiddenStates[3],
                                       testsupport::expectedTensor("siglip-tiny", "hidden_states")[3]),
              1e-4);
}

TEST(VisionTower, WrongShapedTensorNamesTheTensor)
{
    // A copy of the CLIP folder whose fc1 weight of layer 2 is transposed.
    testsupport::TempDir dir;
    std::filesystem::copy_file(fixture("clip-vit-tiny/config.json"), dir.file("config.json"));
    auto model = testsupport::readBytes(fixture("clip-vit-tiny/model.safetensors"));
    const std::string from = "\"encoder.layers.2.mlp.fc1.weight\":{\"dtype\":\"F32\",\"shape\":[128,64]";
    const std::string to = "\"encoder.layers.2.mlp.fc1.weight\":{\"dtype\":\"F32\",\"shape\":[64,128]";
    const auto at = model.find(from);
    ASSERT_NE(at, std::string::npos) << "fixture header layout changed";
    model.replace(at, from.size(), to);
    testsupport::writeBytes(dir.file("model.safetensors"), model);
    try {
        VisionTower::load(dir.path().string(), Compute{});
        FAIL() << "expected ModelError";
    } catch (const vindex::ModelError &e) {
        EXPECT_NE(std::string(e.what()).find("encoder.layers.2.mlp.fc1.weight"), std::string::npos) << e.what();
    }
}

TEST(VisionTower, UnknownModelTypeNamesFileAndField)
{
    testsupport::TempDir dir;
    testsupport::writeBytes(dir.file("config.json"), R"({"model_type": "resnet"})");
    try {
        VisionTower::load(dir.path().string(), Compute{});
        FAIL() << "expected ModelError";
    } catch (const vindex::ModelError &e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("config.json"), std::string::npos) << what;
        EXPECT_NE(what.find("model_type"), std::string::npos) << what;
        EXPECT_NE(what.find("resnet"), std::string::npos) << what;
    }
    EXPECT_THROW(VisionTower::load(dir.file("missing"), Compute{}), vindex::ModelError);
}

TEST(VisionTower, RejectsPixelsOfTheWrongShape)
{
    const auto clip = VisionTower::load(fixture("clip-vit-tiny"), Compute{});
    EXPECT_THROW(clip->forward(at::zeros({1, 3, 50, 56})), vindex::ModelError);
    EXPECT_THROW(clip->forward(at::zeros({1, 1, 56, 56})), vindex::ModelError);
    // Another multiple of the patch size works (interpolated positions).
    EXPECT_EQ(clip->forward(at::zeros({1, 3, 28, 42})).lastHiddenState.size(1), 1 + 2 * 3);
}

TEST(VisionTower, FeatureExtractionReproducesLlavaAndShikraFeaturesFromTheImage)
{
    // The whole path: image file → preprocessing of the model folder → tower → layer -2 without CLS.
    testsupport::TempDir dir;
    struct Case {
        const char *folder, *expected, *pad;
    };
    for (const auto &c :
         {Case{"llava-tiny", "vision_select_features", "mean"}, Case{"shikra-tiny", "image_features", "white"}}) {
        vindex::models::FeatureExtractionRequest request;
        request.visionPath = fixture(c.folder);
        request.imagePath = fixture("llava-tiny/image.png");
        request.outputPath = dir.file(std::string(c.folder) + ".safetensors");
        const auto result = vindex::models::extractImageFeatures(request);
        EXPECT_EQ(result.pad, c.pad);
        EXPECT_EQ(result.family, "clip");
        EXPECT_EQ(result.tokens, 16);
        EXPECT_EQ(result.width, 64);
        const auto file = vindex::io::SafetensorsFile::open(request.outputPath);
        const auto features = toTorch(file.tensor("features"));
        const double error = testsupport::maxAbsError(features, testsupport::expectedTensor(c.folder, c.expected));
        std::cout << "[ parity   ] " << c.folder << " " << c.expected << " from image.png: " << error << std::endl;
        EXPECT_LE(error, 1e-4);
        EXPECT_EQ(file.metadata().at("layer"), "-2");
    }
    vindex::models::FeatureExtractionRequest request;
    request.visionPath = fixture("siglip-tiny");
    request.imagePath = fixture("llava-tiny/image.png");
    request.outputPath = dir.file("siglip.safetensors");
    request.layer = -1;
    request.size = 28;
    const auto result = vindex::models::extractImageFeatures(request);
    EXPECT_EQ(result.tokens, 4); // (28 / 14)², no CLS
    EXPECT_EQ(result.pad, "none");
    request.layer = 9;
    EXPECT_THROW(vindex::models::extractImageFeatures(request), vindex::ModelError);
    request.layer = -2;
    request.imagePath = fixture("clip-vit-tiny/config.json");
    EXPECT_THROW(vindex::models::extractImageFeatures(request), vindex::FormatError);
}

TEST(VisionTower, WholeClipModelVisionSideMatchesImageEmbeds)
{
    // clip-full-tiny: the tower sits under vision_model.; visual_projection(pooled) is image_embeds (compared after
    // L2 normalisation, which makes the check independent of whether the reference normalised).
    const auto tower = VisionTower::load(fixture("clip-full-tiny"), Compute{});
    EXPECT_EQ(tower->numLayers(), 2);
    WeightLoader weights(fixture("clip-full-tiny"), Compute{});
    const auto projection = weights.get("visual_projection.weight", {32, 64});
    const auto pooled = tower->forward(testsupport::expectedTensor("clip-full-tiny", "pixel_values"), false).pooled;
    auto embeds = at::linear(pooled, projection);
    embeds = embeds / embeds.norm(2, -1, true);
    auto expected = testsupport::expectedTensor("clip-full-tiny", "image_embeds");
    expected = expected / expected.norm(2, -1, true);
    EXPECT_LE(testsupport::maxAbsError(embeds, expected), 1e-5);
}

TEST(VisionTower, LegacyPositionInterpolationIsTheTorchHubVariant)
{
    // torch.hub DINOv2 (MMVP) resizes with scale_factor (n + 0.1) / N: the same grid, slightly different values.
    VisionTower::Options options;
    options.legacyInterpolation = true;
    const auto legacy = VisionTower::load(fixture("dinov2-tiny"), Compute{}, "auto", options);
    const auto pixels = testsupport::expectedTensor("dinov2-tiny", "pixel_values");
    const auto embeddings = legacy->forward(pixels).hiddenStates[0];
    const double difference =
        testsupport::maxAbsError(embeddings, testsupport::expectedTensor("dinov2-tiny", "hidden_states")[0]);
    EXPECT_GT(difference, 1e-4);
    EXPECT_LT(difference, 1.0);
    // At the trained grid nothing is interpolated, in either variant.
    const auto native = at::zeros({1, 3, 70, 70});
    EXPECT_LE(
        testsupport::maxAbsError(legacy->forward(native).lastHiddenState,
                                 VisionTower::load(fixture("dinov2-tiny"), Compute{})->forward(native).lastHiddenState),
        0.0);
}
