// The four feature spaces and Shikra grounding on tiny models built from the fixtures. Expected tensors come from
// the fixtures' reference outputs — CLIP / DINOv2 / SigLIP hidden states, LLaVA's projected image tokens — combined
// here with the spaces' published rules (MMVP interleaving, Dense Connector layer-group means, M3 pooling), written
// out in plain loops or single ops, never through the code under test.
#include "vindex/spaces/FeatureSpace.h"
#include "ParitySupport.h"
#include "vindex/core/Error.h"
#include "vindex/io/SafetensorsFile.h"
#include "vindex/io/SafetensorsWriter.h"
#include "vindex/models/LlamaModel.h"
#include "vindex/models/MultimodalModel.h"
#include "vindex/models/TorchTensors.h"
#include "vindex/spaces/NestedFeatureSpace.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace vindex;
using spaces::FeatureSpace;
using spaces::SpaceKind;
namespace fs = std::filesystem;

namespace {

const std::string kLlava = testsupport::fixture("llava-tiny");
const std::string kClip = testsupport::fixture("clip-vit-tiny");
const std::string kDino = testsupport::fixture("dinov2-tiny");
const std::string kSiglip = testsupport::fixture("siglip-tiny");

models::Compute cpu()
{
    return models::Compute::parse("cpu", "f32");
}

// hidden_states [layers, B, T, C] of a vision fixture.
at::Tensor hiddenStates(const std::string &fixturePath)
{
    return testsupport::expectedTensor(fs::path(fixturePath).filename().string(), "hidden_states");
}

at::Tensor pixels()
{
    return testsupport::expectedTensor("clip-vit-tiny", "pixel_values"); // the same pixels in all three vision fixtures
}

// LLaVA's mlp2x_gelu: Linear → exact GELU → Linear.
at::Tensor mlp(const at::Tensor &x, const std::map<std::string, at::Tensor> &w, const std::string &prefix)
{
    const at::Tensor h = at::gelu(at::linear(x, w.at(prefix + "0.weight"), w.at(prefix + "0.bias")));
    return at::linear(h, w.at(prefix + "2.weight"), w.at(prefix + "2.bias"));
}

std::map<std::string, at::Tensor> readAll(const std::string &path)
{
    std::map<std::string, at::Tensor> tensors;
    const io::SafetensorsFile file = io::SafetensorsFile::open(path);
    for (const auto &name : file.names())
        tensors[name] = models::toTorch(file.tensor(name)).clone();
    return tensors;
}

void writeAll(const std::string &path, const std::map<std::string, at::Tensor> &tensors)
{
    io::SafetensorsWriter writer;
    for (const auto &[name, tensor] : tensors)
        writer.add(name, models::fromTorch(tensor.contiguous()));
    writer.write(path);
}

std::map<std::string, at::Tensor> randomMlp(const std::string &prefix, int64_t in, int64_t out, uint64_t seed)
{
    at::manual_seed(seed);
    return {{prefix + "0.weight", at::randn({out, in}) * 0.1},
            {prefix + "0.bias", at::randn({out}) * 0.1},
            {prefix + "2.weight", at::randn({out, out}) * 0.1},
            {prefix + "2.bias", at::randn({out}) * 0.1}};
}

// A model folder from llava-tiny's config with changes, its weights (or a link to llava-tiny's) and tokenizer.
std::string makeModel(const testsupport::TempDir &dir, const nlohmann::json &changes,
                      const std::map<std::string, at::Tensor> *weights = nullptr)
{
    nlohmann::json config = testsupport::readJson(kLlava + "/config.json");
    config["mm_vision_tower"] = kClip;
    config.update(changes);
    std::ofstream(dir.file("config.json")) << config.dump(1);
    fs::copy_file(kLlava + "/tokenizer.model", dir.file("tokenizer.model"));
    if (weights)
        writeAll(dir.file("model.safetensors"), *weights);
    else
        fs::create_symlink(kLlava + "/model.safetensors", dir.file("model.safetensors"));
    return dir.path().string();
}

void expectNear(const at::Tensor &actual, const at::Tensor &expected, const char *what)
{
    EXPECT_LE(testsupport::maxAbsError(actual, expected), 1e-4) << what;
}

} // namespace

TEST(FeatureSpace, SingleEncoderIsLlavasProjectedLayerMinusTwo)
{
    const auto model = models::MultimodalModel::load(kLlava, cpu());
    const auto space = FeatureSpace::create(*model, {SpaceKind::SingleEncoder, 0});
    const at::Tensor pixel = testsupport::expectedTensor("llava-tiny", "pixel_values");
    const at::Tensor features = space->imageFeatures(pixel);
    expectNear(features, testsupport::expectedTensor("llava-tiny", "vision_select_features"), "features");
    expectNear(space->visualTokens(features)[0], testsupport::expectedTensor("llava-tiny", "image_tokens"), "tokens");
    EXPECT_EQ(space->featureTokens(), 16);
    EXPECT_EQ(space->featureWidth(), 64);
    // Brain features of another layout: an error naming both.
    try {
        (void)space->visualTokens(at::zeros({1, 16, 32}));
        ADD_FAILURE() << "no error";
    } catch (const ModelError &e) {
        EXPECT_NE(std::string(e.what()).find("16×32"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("16×64"), std::string::npos) << e.what();
    }
    EXPECT_THROW(FeatureSpace::create(*model, {SpaceKind::Grounding, 0}), ModelError);
    EXPECT_THROW(FeatureSpace::create(*model, {SpaceKind::SingleEncoder, 4}), Error);
}

// SE with another token count than the tower's (the method's 256-token clip_224 encoder into a 576-token LLaVA): the
// projector works token by token and the prompt takes as many tokens as it is given, as LLaVA splices them.
TEST(FeatureSpace, SingleEncoderTakesAnyTokenCount)
{
    const auto model = models::MultimodalModel::load(kLlava, cpu());
    const auto space = FeatureSpace::create(*model, {SpaceKind::SingleEncoder, 0});
    at::manual_seed(3);
    const at::Tensor features = at::randn({9, 64}); // 3 × 3 tokens, where the tower gives 4 × 4
    const at::Tensor tokens = space->visualTokens(features);
    expectNear(tokens, mlp(features, readAll(kLlava + "/model.safetensors"), "model.mm_projector."), "tokens");
    const std::string prompt = model->promptText("<image>\nDescribe this image.");
    const std::vector<int64_t> ids16 = model->promptIds(prompt, 16), ids9 = model->promptIds(prompt, 9);
    const at::Tensor embeds = model->promptEmbeddingsFromTokens(ids9, tokens);
    // The text around the image is the same; the image takes 9 positions instead of 16.
    const int64_t textPositions = embeds.size(0) - 9;
    const at::Tensor embeds16 = model->promptEmbeddingsFromTokens(ids16, space->visualTokens(at::randn({16, 64})));
    EXPECT_EQ(embeds16.size(0) - 16, textPositions);
    EXPECT_THROW((void)space->visualTokens(at::randn({9, 32})), ModelError); // the width must be the space's
}

// M3: the 4×4 grid of projected tokens average-pooled in k×k blocks, row-major, with M3's arithmetic: kernel =
// int(√(16 / S)), ⌊4 / kernel⌋ blocks per side (S = 9 gives kernel 1 and all 16 tokens; S = 25 gives kernel 0,
// which M3's avg_pool2d refuses).
TEST(FeatureSpace, NestedFeaturesPoolTheProjectedGrid)
{
    const auto model = models::MultimodalModel::load(kLlava, cpu());
    const at::Tensor tokens = testsupport::expectedTensor("llava-tiny", "image_tokens"); // [16, 64] = 4×4 grid
    const at::Tensor features = testsupport::expectedTensor("llava-tiny", "vision_select_features");
    struct Case {
        int64_t scale, kernel;
    };
    for (const Case c : {Case{1, 4}, Case{4, 2}, Case{9, 1}, Case{16, 1}}) {
        const auto space = FeatureSpace::create(*model, {SpaceKind::NestedFeatures, c.scale});
        const int64_t side = 4 / c.kernel, k = c.kernel;
        EXPECT_EQ(space->visualTokenCount(), side * side) << c.scale;
        at::Tensor expected = at::zeros({side * side, 64});
        for (int64_t r = 0; r < side; ++r)
            for (int64_t col = 0; col < side; ++col) {
                at::Tensor sum = at::zeros({64});
                for (int64_t y = r * k; y < (r + 1) * k; ++y)
                    for (int64_t x = col * k; x < (col + 1) * k; ++x)
                        sum += tokens[y * 4 + x];
                expected[r * side + col] = sum / static_cast<double>(k * k);
            }
        expectNear(space->visualTokens(features)[0], expected, "pooled tokens");
    }
    // S = 25 on the tower's 4 × 4: kernel int(√0.64) = 0, which M3 cannot pool; a larger grid of brain tokens can.
    const auto nf25 = FeatureSpace::create(*model, {SpaceKind::NestedFeatures, 25});
    EXPECT_EQ(nf25->visualTokenCount(), 0);
    EXPECT_THROW((void)nf25->visualTokens(features), Error);
    EXPECT_EQ(nf25->visualTokens(at::randn({100, 64})).size(0), 25); // 10 × 10: kernel int(√4) = 2 → 5 × 5
    EXPECT_THROW(FeatureSpace::create(*model, {SpaceKind::NestedFeatures, -1}), Error);
}

// M3's token counts on the grids of the method (closed form from llava_arch.py's arithmetic; see
// NestedFeatureSpace.h): CLIP-336's 24 × 24 and a clip_224 encoder's 16 × 16, at the five trained scales.
TEST(FeatureSpace, NestedFeaturesTokenCountsOnTheMethodsGrids)
{
    using spaces::NestedFeatureSpace;
    const std::vector<std::pair<int64_t, int64_t>> grid24 = {{1, 1}, {9, 9}, {36, 36}, {144, 144}, {576, 576}};
    for (const auto &[scale, count] : grid24)
        EXPECT_EQ(NestedFeatureSpace::pooledTokenCount(576, scale), count) << scale;
    // 16 × 16: kernels int(√(256/S)) = 16, 5, 2, 1 → ⌊16/k⌋² = 1, 9, 64, 256; S = 576 has kernel 0.
    const std::vector<std::pair<int64_t, int64_t>> grid16 = {{1, 1}, {9, 9}, {36, 64}, {144, 256}};
    for (const auto &[scale, count] : grid16)
        EXPECT_EQ(NestedFeatureSpace::pooledTokenCount(256, scale), count) << scale;
    EXPECT_THROW(NestedFeatureSpace::pooledTokenCount(256, 576), Error);
    EXPECT_THROW(NestedFeatureSpace::pooledTokenCount(200, 9), Error); // not a square grid
    // NF-9 on 16 × 16: 5 × 5 blocks, the last row and column dropped.
    const at::Tensor grid = at::arange(256, at::kFloat).reshape({1, 256, 1});
    const at::Tensor pooled = NestedFeatureSpace::poolTokens(grid, 9);
    ASSERT_EQ(pooled.size(1), 9);
    // Block (0, 0) holds rows 0..4, columns 0..4: the mean of 16·r + c is 16·2 + 2 = 34.
    EXPECT_FLOAT_EQ(pooled[0][0][0].item<float>(), 34.0f);
    // Block (2, 2): rows and columns 10..14: 16·12 + 12 = 204.
    EXPECT_FLOAT_EQ(pooled[0][8][0].item<float>(), 204.0f);
}

// MMVP: CLIP layer −2 and DINOv2's pre-norm last block, CLS dropped, each projected, interleaved c0, d0, c1, d1, ….
TEST(FeatureSpace, MixtureOfEncodersInterleavesClipAndDino)
{
    testsupport::TempDir dir;
    const auto dinoProjector = randomMlp("", 64, 64, 7);
    writeAll(dir.file("dino_mm_projector.safetensors"), dinoProjector);
    const std::string folder = makeModel(dir, {{"mm_dino_tower", kDino}, {"mm_dino_interpolation", "hf"}});
    const auto model = models::MultimodalModel::load(folder, cpu());
    const auto space = FeatureSpace::create(*model, {SpaceKind::MixtureOfEncoders, 0});
    EXPECT_EQ(space->featureWidth(), 128);
    EXPECT_EQ(space->visualTokenCount(), 32);

    const at::Tensor clip = hiddenStates(kClip)[-2].slice(1, 1); // [2, 16, 64]
    const at::Tensor dino = hiddenStates(kDino)[-1].slice(1, 1); // before DINOv2's final norm
    const at::Tensor features = space->imageFeatures(pixels());
    expectNear(features, at::cat({clip, dino}, -1), "features");

    const auto llava = readAll(kLlava + "/model.safetensors");
    const at::Tensor clipTokens = mlp(clip, llava, "model.mm_projector.");
    const at::Tensor dinoTokens = mlp(dino, dinoProjector, "");
    at::Tensor expected = at::zeros({2, 32, 64});
    for (int64_t i = 0; i < 16; ++i) {
        expected.select(1, 2 * i).copy_(clipTokens.select(1, i));
        expected.select(1, 2 * i + 1).copy_(dinoTokens.select(1, i));
    }
    expectNear(space->visualTokens(features), expected, "interleaved tokens");

    testsupport::TempDir bare;
    const auto plain = models::MultimodalModel::load(makeModel(bare, nlohmann::json::object()), cpu());
    EXPECT_THROW(FeatureSpace::create(*plain, {SpaceKind::MixtureOfEncoders, 0}), ModelError);
}

// Dense Connector DCI on SigLIP: the last block removed, final = the remaining last block's output, groups = the
// means of the lower and upper half of the stack before it.
TEST(FeatureSpace, AggregatedFeaturesConcatenateFinalAndLayerGroupMeans)
{
    testsupport::TempDir dir;
    auto weights = readAll(kLlava + "/model.safetensors");
    for (const auto &[name, tensor] : randomMlp("model.mm_projector.", 192, 64, 11))
        weights[name] = tensor;
    // 3 × 64 into the first projector layer.
    at::manual_seed(11);
    weights["model.mm_projector.0.weight"] = at::randn({64, 192}) * 0.1;
    const std::string folder = makeModel(
        dir, {{"mm_vision_tower", kSiglip}, {"mm_hidden_size", 192}, {"mm_dense_connector_type", "dci"}}, &weights);
    const auto model = models::MultimodalModel::load(folder, cpu());
    const auto space = FeatureSpace::create(*model, {SpaceKind::AggregatedFeatures, 0});
    EXPECT_EQ(space->featureTokens(), 16);
    EXPECT_EQ(space->featureWidth(), 192);

    // siglip-tiny has 4 blocks: hidden_states = embeddings + 4. Without the last block the stack is entries 0..3;
    // n = 3: final = entry 3, lower half = mean(entry 0), upper half = mean(entries 1, 2).
    const at::Tensor hs = hiddenStates(kSiglip);
    const at::Tensor expectedFeatures = at::cat({hs[3], hs[0], (hs[1] + hs[2]) / 2.0}, -1);
    const at::Tensor features = space->imageFeatures(pixels());
    expectNear(features, expectedFeatures, "DCI features");
    expectNear(space->visualTokens(features), mlp(expectedFeatures, weights, "model.mm_projector."), "DCI tokens");

    // SCI / STI read layers 7 and 15: a 4-block tower cannot.
    testsupport::TempDir sci;
    const auto sciModel = models::MultimodalModel::load(
        makeModel(sci, {{"mm_vision_tower", kSiglip}, {"mm_hidden_size", 192}, {"mm_dense_connector_type", "sci"}},
                  &weights),
        cpu());
    EXPECT_THROW(FeatureSpace::create(*sciModel, {SpaceKind::AggregatedFeatures, 0}), ModelError);
}

// Shikra: CLIP layer −2 without CLS on the white-padded image, one linear projector, the tokens spliced between
// <im_start> and <im_end> of the UMBRAE prompt; the last logits of the image and the brain path are the fixture's.
TEST(FeatureSpace, ShikraGroundingReproducesTheLastLogits)
{
    const auto model = models::MultimodalModel::load(testsupport::fixture("shikra-tiny"), cpu());
    const auto space = FeatureSpace::create(*model, {SpaceKind::Grounding, 0});
    EXPECT_EQ(space->featureTokens(), 16);
    EXPECT_EQ(space->visualTokenCount(), 16);
    const auto expected = testsupport::readJson(testsupport::fixture("shikra-tiny/expected.json"));
    const std::string prompt = model->promptText("Describe this image <image> as simply as possible.");
    const std::vector<int64_t> ids = model->promptIds(prompt, space->visualTokenCount());
    ASSERT_EQ(ids, expected["input_ids"].get<std::vector<int64_t>>());

    const at::Tensor pixel = model->pixelValuesFromFile(testsupport::fixture("llava-tiny/image.png"));
    expectNear(pixel, testsupport::expectedTensor("shikra-tiny", "pixel_values"), "pixels (white padding)");
    const at::Tensor features = space->imageFeatures(pixel);
    expectNear(features, testsupport::expectedTensor("shikra-tiny", "image_features"), "features");
    const auto lastLogits = [&](const at::Tensor &f) {
        const at::Tensor embeds = model->promptEmbeddingsFromTokens(ids, space->visualTokens(f.squeeze(0)));
        return model->llm().forward(embeds.unsqueeze(0))[0][-1];
    };
    expectNear(lastLogits(features), testsupport::expectedTensor("shikra-tiny", "image_last_logits")[0],
               "image logits");
    expectNear(lastLogits(testsupport::expectedTensor("shikra-tiny", "brain_features")),
               testsupport::expectedTensor("shikra-tiny", "brain_last_logits")[0], "brain logits");
}
