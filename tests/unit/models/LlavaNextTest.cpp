// LLaVA-NeXT (anyres tiling, spatial_unpad, image_newline) in both on-disk layouts against
// tests/fixtures/llava-next-tiny, made by tests/reference/make_llava_next_fixture.py from the two reference
// implementations: transformers' LlavaNext (hf/) and haotian-liu/LLaVA's own process_anyres_image and
// prepare_inputs_labels_for_multimodal (original/). Five aspect ratios, and brain features as one tile.
#include "ParitySupport.h"

#include "vindex/io/ImageFile.h"
#include "vindex/models/AnyResolutionTiling.h"
#include "vindex/models/Generator.h"
#include "vindex/models/ModelRegistry.h"
#include "vindex/models/MultimodalModel.h"
#include "vindex/spaces/FeatureSpace.h"

#include <gtest/gtest.h>

using namespace vindex;
using testsupport::maxAbsError;

namespace {

const std::string kFixture = testsupport::projectFixture("llava-next-tiny");
const char *const kCases[] = {"square", "wide", "tall", "large", "panorama"};

at::Tensor expected(const std::string &name)
{
    return testsupport::expectedTensor(kFixture, name);
}

const nlohmann::json &facts()
{
    static const nlohmann::json json = testsupport::readJson(kFixture + "/expected.json");
    return json;
}

struct Loaded {
    std::unique_ptr<models::MultimodalModel> model;
    std::unique_ptr<spaces::FeatureSpace> space;
};

Loaded load(const std::string &layout)
{
    Loaded l;
    l.model = models::MultimodalModel::load(kFixture + "/" + layout, models::Compute::parse("cpu", "f32"));
    l.space = spaces::FeatureSpace::create(*l.model, {});
    return l;
}

std::vector<int64_t> greedy(const models::MultimodalModel &model, const at::Tensor &tokens)
{
    models::GenerationOptions options;
    options.maxNewTokens = facts().at("new_tokens").get<int64_t>();
    options.ignoreEos = true; // the reference disabled EOS so that every run gives the same count
    const std::string prompt = facts().at("prompt").get<std::string>();
    return model.generateFromTokens({prompt}, {tokens}, options).tokens.at(0);
}

class LlavaNextLayouts : public ::testing::TestWithParam<std::string> {};

} // namespace

TEST(LlavaNext, BothLayoutsAreIdentifiedAsNext)
{
    EXPECT_EQ(models::ModelRegistry::identify(kFixture + "/hf").displayName, "LLaVA-NeXT (llava-hf layout)");
    EXPECT_EQ(models::ModelRegistry::identify(kFixture + "/original").displayName, "LLaVA-NeXT (original layout)");
    EXPECT_TRUE(load("hf").model->tilesImages());
    EXPECT_TRUE(load("original").model->tilesImages());
}

TEST(LlavaNext, EachConventionPicksTheReferencesTiling)
{
    // The same pinpoints read as (width, height) by LLaVA and as (height, width) by transformers.
    const auto hf = load("hf"), original = load("original");
    for (const char *name : kCases) {
        const auto &c = facts().at("cases").at(name);
        const int w = c.at("width"), h = c.at("height");
        const auto hw = c.at("hf").at("best_resolution_hw");
        EXPECT_EQ(hf.model->tiling()->bestResolution(w, h), std::make_pair(hw[1].get<int>(), hw[0].get<int>())) << name;
        const auto wh = c.at("original").at("best_resolution_wh");
        EXPECT_EQ(original.model->tiling()->bestResolution(w, h), std::make_pair(wh[0].get<int>(), wh[1].get<int>()))
            << name;
    }
    // A square image: two equally good canvases, and each reference takes its first.
    EXPECT_NE(hf.model->tiling()->bestResolution(40, 40), original.model->tiling()->bestResolution(40, 40));
}

TEST_P(LlavaNextLayouts, TilesAreTheReferencesPixels)
{
    const auto l = load(GetParam());
    for (const char *name : kCases) {
        const io::RgbImage image = io::ImageFile::read(kFixture + "/" + name + ".png");
        const at::Tensor pixels = l.model->pixelValues(image);
        const at::Tensor reference = expected(std::string(name) + "_" + GetParam() + "_pixel_values");
        ASSERT_EQ(pixels.sizes(), reference.sizes()) << name;
        for (int64_t t = 0; t < pixels.size(0); ++t)
            EXPECT_LE(maxAbsError(pixels[t], reference[t]), 1e-5) << name << " tile " << t;
    }
}

TEST_P(LlavaNextLayouts, ImagesDecodeAsTheReference)
{
    const std::string layout = GetParam();
    const auto l = load(layout);
    const std::string prompt = facts().at("prompt").get<std::string>();
    for (const char *name : kCases) {
        const std::string key = std::string(name) + "_" + layout;
        const io::RgbImage image = io::ImageFile::read(kFixture + "/" + name + ".png");
        const at::Tensor features = l.space->imageFeatures(l.model->pixelValues(image));
        const at::Tensor tokens = l.space->promptTokens(features, image.width, image.height);
        EXPECT_EQ(tokens.size(0), facts().at("cases").at(name).at(layout).at("image_tokens").get<int64_t>()) << key;
        if (layout == "hf") {
            EXPECT_LE(maxAbsError(tokens, expected(key + "_image_tokens")), 1e-4) << key;
        } else {
            const at::Tensor embeds =
                l.model->promptEmbeddingsFromTokens(l.model->promptIds(prompt, tokens.size(0)), tokens);
            EXPECT_LE(maxAbsError(embeds, expected(key + "_inputs_embeds")), 1e-4) << key;
        }
        EXPECT_EQ(greedy(*l.model, tokens), testsupport::idsOf(expected(key + "_generated"))) << key;
    }
}

TEST_P(LlavaNextLayouts, BrainFeaturesAreOneTileThenImageNewline)
{
    // A brain encoder's grid (16 tokens of the tower's own 4 × 4, or another grid: 9) is one tile: its projected
    // tokens, then one image_newline — the references' single-tile branch.
    const std::string layout = GetParam();
    const auto l = load(layout);
    const std::string prompt = facts().at("prompt").get<std::string>();
    for (const std::string name : {"brain", "brain_grid9"}) {
        const at::Tensor features = expected(name + "_features");
        const at::Tensor tokens = l.space->promptTokens(features);
        ASSERT_EQ(tokens.size(0), features.size(0) + 1) << name;
        if (layout == "hf")
            EXPECT_LE(maxAbsError(tokens, expected(name + "_hf_image_tokens")), 1e-4) << name;
        else
            EXPECT_LE(
                maxAbsError(l.model->promptEmbeddingsFromTokens(l.model->promptIds(prompt, tokens.size(0)), tokens),
                            expected(name + "_original_inputs_embeds")),
                1e-4)
                << name;
        EXPECT_EQ(greedy(*l.model, tokens), testsupport::idsOf(expected(name + "_" + layout + "_generated"))) << name;
    }
}

INSTANTIATE_TEST_SUITE_P(Layouts, LlavaNextLayouts, ::testing::Values("hf", "original"));

TEST(LlavaNext, OriginalPromptKeepsTheReferenceIds)
{
    const auto l = load("original");
    std::vector<int64_t> reference;
    for (const auto &id : facts().at("input_ids_with_image"))
        reference.push_back(id.get<int64_t>());
    EXPECT_EQ(l.model->promptIds(facts().at("prompt").get<std::string>()), reference);
}

TEST(LlavaNext, BadPinpointsAndMergeTypesAreRefused)
{
    using models::AnyResolutionTiling;
    auto config = testsupport::readJson(kFixture + "/original/config.json");
    config["image_grid_pinpoints"] = nlohmann::json::array({nlohmann::json::array({56, 100})});
    EXPECT_NE(testsupport::errorOf([&] {
                  AnyResolutionTiling::fromConfig(config, AnyResolutionTiling::Convention::Llava, 56, "cfg");
              }).find("not a multiple of the tower's 56 px"),
              std::string::npos);
    config["image_grid_pinpoints"] = "[(56, 112), (112, 56)]"; // LLaVA's string form
    EXPECT_EQ(AnyResolutionTiling::fromConfig(config, AnyResolutionTiling::Convention::Llava, 56, "cfg")
                  .bestResolution(100, 40),
              std::make_pair(112, 56));
    config["mm_patch_merge_type"] = "spatial_pad";
    EXPECT_NE(testsupport::errorOf([&] {
                  AnyResolutionTiling::fromConfig(config, AnyResolutionTiling::Convention::Llava, 56, "cfg");
              }).find("mm_patch_merge_type 'spatial_pad'"),
              std::string::npos);
}
