// The af space (Dense Connector) against tests/fixtures/dense-connector-tiny, made by
// tests/reference/make_dense_connector_fixture.py from HJYao00/DenseConnector's own code: its CLIP and SigLIP
// towers (SigLIP with the last block deleted), dense_connector() in dci, sci and sti mode, encode_images and
// prepare_inputs_labels_for_multimodal, then greedy generation. The towers keep the real depths (CLIP 24 layers,
// SigLIP 27 → 26) and token counts (SigLIP 729) that the authors' code hard-codes; only the widths are tiny.
#include "ParitySupport.h"

#include "vindex/models/Generator.h"
#include "vindex/models/MultimodalModel.h"
#include "vindex/spaces/AggregatedFeatureSpace.h"
#include "vindex/spaces/FeatureSpace.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace vindex;
using testsupport::maxAbsError;

namespace {

const std::string kFixture = testsupport::projectFixture("dense-connector-tiny");
const std::string kImage = testsupport::fixture("llava-tiny/image.png");

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

Loaded load(const std::string &name)
{
    Loaded l;
    l.model = models::MultimodalModel::load(kFixture + "/" + name, models::Compute::parse("cpu", "f32"));
    spaces::SpaceOptions options;
    options.kind = spaces::SpaceKind::AggregatedFeatures;
    l.space = spaces::FeatureSpace::create(*l.model, options);
    return l;
}

std::vector<int64_t> greedy(const models::MultimodalModel &model, const at::Tensor &tokens)
{
    models::GenerationOptions options;
    options.maxNewTokens = facts().at("new_tokens").get<int64_t>();
    options.ignoreEos = true; // the reference disabled EOS so that every run gives the same count
    return model.generateFromTokens({facts().at("prompt").get<std::string>()}, {tokens}, options).tokens.at(0);
}

std::string key(const std::string &model)
{
    std::string k = model;
    std::replace(k.begin(), k.end(), '-', '_');
    return k;
}

// model folder, its tower
class DenseConnectorModels : public ::testing::TestWithParam<std::pair<std::string, std::string>> {};

} // namespace

TEST_P(DenseConnectorModels, ImagesDecodeAsTheReference)
{
    const auto &[name, tower] = GetParam();
    const auto l = load(name);
    const auto &c = facts().at("cases").at(name);
    const auto shape = c.at("feature_shape");
    EXPECT_EQ(l.space->featureTokens(), shape[0].get<int64_t>()) << name;
    EXPECT_EQ(l.space->featureWidth(), shape[1].get<int64_t>()) << name;
    EXPECT_EQ(l.model->promptIds(facts().at("prompt").get<std::string>(), 1),
              facts().at("input_ids_with_image").get<std::vector<int64_t>>());

    // DC's process_images with 'pad': expand2square on the processor's mean colour, then the tower's processor.
    const at::Tensor pixels = l.model->pixelValuesFromFile(kImage);
    EXPECT_LE(maxAbsError(pixels, expected(tower + "_pixel_values").unsqueeze(0)), 1e-5) << name;
    const at::Tensor features = l.space->imageFeatures(expected(tower + "_pixel_values").unsqueeze(0));
    EXPECT_LE(maxAbsError(features[0], expected(key(name) + "_features")), 1e-4) << name;
    const at::Tensor tokens = l.space->visualTokens(features[0]);
    EXPECT_EQ(tokens.size(0), c.at("image_tokens").get<int64_t>()) << name;
    EXPECT_LE(maxAbsError(tokens, expected(key(name) + "_image_tokens")), 1e-4) << name;
    EXPECT_EQ(greedy(*l.model, tokens), testsupport::idsOf(expected(key(name) + "_image_generated"))) << name;
}

INSTANTIATE_TEST_SUITE_P(Towers, DenseConnectorModels,
                         ::testing::Values(std::make_pair("clip-dci", "clip"), std::make_pair("clip-sci", "clip"),
                                           std::make_pair("clip-sti", "clip"), std::make_pair("siglip-dci", "siglip")),
                         [](const auto &info) {
                             std::string n = info.param.first;
                             std::replace(n.begin(), n.end(), '-', '_');
                             return n;
                         });

TEST(DenseConnector, ModesComeFromTheConfig)
{
    using Mode = spaces::AggregatedFeatureSpace::Mode;
    const auto mode = [](const std::string &name) {
        return dynamic_cast<const spaces::AggregatedFeatureSpace &>(*load(name).space).mode();
    };
    EXPECT_EQ(mode("clip-dci"), Mode::Dci);
    EXPECT_EQ(mode("clip-sci"), Mode::Sci);
    EXPECT_EQ(mode("clip-sti"), Mode::Sti);
    EXPECT_EQ(mode("siglip-dci"), Mode::Dci);
}

// Brain features [N', 3C] in place of the tower's: the projector alone, spliced whatever N' is (a 256-token CLIP-224
// encoder into a 576-token CLIP-336 model has the relation of 9 into 16 here; SigLIP encoders give its 729).
TEST(DenseConnector, BrainFeaturesDecodeAsTheReference)
{
    for (const auto &[name, suffixes] : std::vector<std::pair<std::string, std::vector<std::string>>>{
             {"clip-dci", {"brain", "brain9"}}, {"siglip-dci", {"brain"}}}) {
        const auto l = load(name);
        for (const std::string &suffix : suffixes) {
            const at::Tensor features = expected(key(name) + "_" + suffix + "_features");
            EXPECT_EQ(features.size(0), facts().at("cases").at(name).at(suffix + "_tokens").get<int64_t>());
            const at::Tensor tokens = l.space->promptTokens(features);
            ASSERT_EQ(tokens.size(0), features.size(0)) << name << " " << suffix;
            EXPECT_EQ(greedy(*l.model, tokens), testsupport::idsOf(expected(key(name) + "_" + suffix + "_generated")))
                << name << " " << suffix;
        }
    }
}
