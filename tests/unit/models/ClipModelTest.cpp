// Parity of the whole CLIP (text tower, vision side, projections) and of CLIP-S with clip-full-tiny.
#include "ParitySupport.h"

#include "vindex/core/Error.h"
#include "vindex/eval/ClipScore.h"
#include "vindex/io/ImageFile.h"
#include "vindex/models/ClipBpeTokenizer.h"
#include "vindex/models/ClipEmbedding.h"
#include "vindex/models/ClipModel.h"
#include "vindex/models/ClipTextModel.h"
#include "vindex/models/ImagePreprocessor.h"
#include "vindex/models/VisionTower.h"
#include "vindex/models/WeightLoader.h"

#include <gtest/gtest.h>

#include <ATen/core/grad_mode.h>
#include <filesystem>
#include <fstream>

using namespace vindex::models;
using testsupport::errorOf;
using testsupport::fixture;
using vindex::eval::ClipScore;

namespace {

const std::string kPrefix = "A photo depicts ";

std::vector<std::string> fixtureTexts()
{
    return testsupport::readJson(fixture("clip-full-tiny/expected.json"))["texts"].get<std::vector<std::string>>();
}

at::Tensor toTensor(const ClipScore::Features &rows)
{
    std::vector<at::Tensor> list;
    for (const auto &row : rows)
        list.push_back(at::tensor(at::ArrayRef<float>(row)));
    return at::stack(list);
}

ClipScore::Features toRows(const at::Tensor &tensor)
{
    const auto t = tensor.to(at::kFloat).contiguous();
    ClipScore::Features rows;
    for (int64_t r = 0; r < t.size(0); ++r)
        rows.emplace_back(t[r].data_ptr<float>(), t[r].data_ptr<float>() + t.size(1));
    return rows;
}

// A copy of the fixture folder whose config.json or tokenizer files a test then breaks.
void copyFixture(const testsupport::TempDir &dir)
{
    for (const auto &entry : std::filesystem::directory_iterator(fixture("clip-full-tiny")))
        std::filesystem::copy_file(entry.path(), dir.path() / entry.path().filename());
    std::filesystem::permissions(dir.path() / "config.json", std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::add);
}

} // namespace

TEST(ClipTextModel, TextFeaturesMatchTheReference)
{
    const auto model = ClipModel::load(fixture("clip-full-tiny"), Compute{});
    const auto &text = model->textModel();
    EXPECT_EQ(text.numLayers(), 2);
    EXPECT_EQ(text.hiddenSize(), 48);
    EXPECT_EQ(text.projectionSize(), 32);
    EXPECT_EQ(text.eosTokenId(), 1);
    at::NoGradGuard noGrad;
    const auto ids = testsupport::expectedTensor("clip-full-tiny", "input_ids");
    const auto expected = testsupport::expectedTensor("clip-full-tiny", "text_embeds");
    // The fixture's padded ids [5, 77]: pooled at the first <|endoftext|>, the last id of each text.
    const auto mask = testsupport::expectedTensor("clip-full-tiny", "attention_mask");
    EXPECT_TRUE(text.poolingPositions(ids).equal(mask.sum(-1) - 1));
    const double padded = testsupport::maxAbsError(text.forward(ids).embeds, expected);
    // Our own ids, unpadded lengths batched with end-token padding.
    const double fromText = testsupport::maxAbsError(model->encodeTexts(fixtureTexts()), expected);
    std::cout << "[ parity   ] clip-full-tiny text_embeds: " << padded << " (fixture ids), " << fromText
              << " (our tokenizer)" << std::endl;
    EXPECT_LE(padded, 1e-4);
    EXPECT_LE(fromText, 1e-4);
    // One at a time gives the same as the batch (padding is invisible behind the causal mask).
    const auto single = model->encodeTexts({fixtureTexts()[2]});
    EXPECT_LE(testsupport::maxAbsError(single, expected.slice(0, 2, 3)), 1e-4);
}

TEST(ClipTextModel, LegacyConfigsPoolAtTheLargestId)
{
    // eos_token_id 2 (openai/clip-vit-*): transformers takes the argmax of the ids.
    auto config = testsupport::readJson(fixture("clip-full-tiny/config.json"))["text_config"];
    config["eos_token_id"] = 2;
    const WeightLoader weights(fixture("clip-full-tiny"), Compute{});
    const ClipTextModel legacy(config, weights);
    const auto ids = at::tensor(std::vector<int64_t>{0, 5, 399, 7, 1, 1}).view({1, 6});
    EXPECT_EQ(legacy.poolingPositions(ids).item<int64_t>(), 2);
    config["eos_token_id"] = 1;
    EXPECT_EQ(ClipTextModel(config, weights).poolingPositions(ids).item<int64_t>(), 4);
}

TEST(ClipTextModel, RefusesWrongShapesAndIds)
{
    const auto model = ClipModel::load(fixture("clip-full-tiny"), Compute{});
    const auto &text = model->textModel();
    EXPECT_NE(errorOf([&] {
                  text.forward(at::zeros({2, 78}, at::kLong));
              }).find("expected integer ids [B, L]"),
              std::string::npos);
    EXPECT_NE(errorOf([&] { text.forward(at::zeros({77}, at::kLong)); }).find("expected integer ids"),
              std::string::npos);
    EXPECT_NE(errorOf([&] {
                  text.forward(at::full({1, 3}, 400, at::kLong));
              }).find("id 400 is outside the vocabulary of 400"),
              std::string::npos);

    auto config = testsupport::readJson(fixture("clip-full-tiny/config.json"))["text_config"];
    config["hidden_size"] = 40;
    config["num_attention_heads"] = 4;
    const WeightLoader weights(fixture("clip-full-tiny"), Compute{});
    const auto message = errorOf([&] { ClipTextModel(config, weights); });
    EXPECT_NE(message.find(fixture("clip-full-tiny")), std::string::npos) << message;
    EXPECT_NE(message.find("has shape [400, 48], expected [400, 40]"), std::string::npos) << message;
    EXPECT_NE(message.find("text_model.embeddings.token_embedding.weight"), std::string::npos) << message;
    config = testsupport::readJson(fixture("clip-full-tiny/config.json"))["text_config"];
    config["hidden_act"] = "swish";
    EXPECT_NE(errorOf([&] { ClipTextModel(config, weights); }).find("hidden_act 'swish' is not supported"),
              std::string::npos);
    // gelu (open_clip / some fine-tunes) is a different network: it runs, and gives other features.
    config["hidden_act"] = "gelu";
    const ClipTextModel gelu(config, weights);
    const auto ids = testsupport::expectedTensor("clip-full-tiny", "input_ids");
    const double difference = testsupport::maxAbsError(gelu.forward(ids).embeds,
                                                       testsupport::expectedTensor("clip-full-tiny", "text_embeds"));
    EXPECT_GT(difference, 1e-3);
}

TEST(ClipModel, ImageFeaturesMatchTheReference)
{
    const auto model = ClipModel::load(fixture("clip-full-tiny"), Compute{});
    at::NoGradGuard noGrad;
    const auto pixels = testsupport::expectedTensor("clip-full-tiny", "pixel_values");
    const double error = testsupport::maxAbsError(model->encodePixels(pixels),
                                                  testsupport::expectedTensor("clip-full-tiny", "image_embeds"));
    std::cout << "[ parity   ] clip-full-tiny image_embeds: " << error << std::endl;
    EXPECT_LE(error, 1e-4);
    EXPECT_EQ(model->projectionSize(), 32);
    EXPECT_EQ(model->preprocessor().settings().size, 56);
}

TEST(ClipModel, FixtureImagesAreLlavaTinysImageAndItsRotation)
{
    // expected.json: "The second image is the first one rotated by 90 degrees" — the first is llava-tiny/image.png
    // through CLIP's preprocessing (shortest side 56, PIL bicubic, centre crop).
    const auto model = ClipModel::load(fixture("clip-full-tiny"), Compute{});
    const auto image = vindex::io::ImageFile::read(fixture("llava-tiny/image.png"));
    const auto pixels = testsupport::expectedTensor("clip-full-tiny", "pixel_values");
    const double first = testsupport::maxAbsError(model->preprocessor().process(image), pixels.slice(0, 0, 1));
    std::cout << "[ parity   ] clip-full-tiny pixel_values[0] from llava-tiny/image.png: " << first << std::endl;
    EXPECT_LE(first, 2e-2);
    // PIL's rotate(90) / ROTATE_90 turn counter-clockwise: new (x, y) = old (w - 1 - y, x).
    vindex::io::RgbImage rotated(image.height, image.width);
    for (int y = 0; y < rotated.height; ++y)
        for (int x = 0; x < rotated.width; ++x)
            std::copy_n(image.at(image.width - 1 - y, x), 3, rotated.at(x, y));
    const double second = testsupport::maxAbsError(model->preprocessor().process(rotated), pixels.slice(0, 1, 2));
    std::cout << "[ parity   ] clip-full-tiny pixel_values[1] from image.png rotated 90°: " << second << std::endl;
    EXPECT_LE(second, 2e-2);
}

TEST(ClipModel, RefusesFoldersThatAreNotAWholeClip)
{
    testsupport::TempDir dir;
    copyFixture(dir);
    std::filesystem::remove(dir.path() / "merges.txt");
    EXPECT_NE(
        errorOf([&] { ClipModel::load(dir.path().string(), Compute{}); }).find(dir.file("merges.txt") + ": is missing"),
        std::string::npos);
    const auto vision = errorOf([&] { ClipModel::load(fixture("clip-vit-tiny"), Compute{}); });
    EXPECT_NE(vision.find("CLIP-S needs a whole CLIP"), std::string::npos) << vision;
    EXPECT_NE(vision.find("config.json"), std::string::npos) << vision;
}

TEST(ClipScore, CosinesAndClipSMatchTheReference)
{
    const auto model = ClipModel::load(fixture("clip-full-tiny"), Compute{});
    at::NoGradGuard noGrad;
    const auto images = toRows(model->encodePixels(testsupport::expectedTensor("clip-full-tiny", "pixel_values")));
    const auto texts = toRows(model->encodeTexts(fixtureTexts()));
    const auto cosine = testsupport::expectedTensor("clip-full-tiny", "cosine").to(at::kDouble);
    const auto clipS = testsupport::expectedTensor("clip-full-tiny", "clip_s").to(at::kDouble);
    double cosineError = 0, clipSError = 0;
    for (std::size_t i = 0; i < images.size(); ++i) {
        // Each image against every text: CLIP-S of the pairs (image i, text t).
        const ClipScore::Features sameImage(texts.size(), images[i]);
        const auto r = ClipScore::fromFeatures(sameImage, texts, {}, 2.5);
        for (std::size_t t = 0; t < texts.size(); ++t) {
            cosineError = std::max(cosineError, std::abs(r.imageCosine[t] - cosine[i][t].item<double>()));
            clipSError = std::max(clipSError, std::abs(r.clipS[t] - clipS[i][t].item<double>()));
        }
    }
    std::cout << "[ parity   ] clip-full-tiny cosine: " << cosineError << ", clip_s: " << clipSError << std::endl;
    EXPECT_LE(cosineError, 1e-5);
    EXPECT_LE(clipSError, 1e-5);
}

TEST(ClipScore, ScoresAFolderLikeBrainHub)
{
    // ClipScore from the folder: prefix added, same features as the reference's "A photo depicts ..." texts.
    const ClipScore scorer(vindex::models::loadClipEmbedder(fixture("clip-full-tiny")));
    EXPECT_EQ(scorer.featureSize(), 32);
    std::vector<std::string> captions;
    for (const auto &text : fixtureTexts())
        captions.push_back(text.substr(kPrefix.size()));
    const auto features = scorer.textFeatures(captions);
    const double error =
        testsupport::maxAbsError(toTensor(features), testsupport::expectedTensor("clip-full-tiny", "text_embeds"));
    EXPECT_LE(error, 1e-4);

    // Two trials (llava-tiny's image and its rotation) with captions 0 and 1, references from the others.
    const auto image = vindex::io::ImageFile::read(fixture("llava-tiny/image.png"));
    const std::vector<std::vector<std::string>> references{{captions[2], captions[3]}, {captions[4]}};
    const auto result = scorer.score([&](std::size_t) { return image; }, {captions[0], captions[1]}, references);
    ASSERT_EQ(result.clipS.size(), 2u);
    ASSERT_EQ(result.refClipS.size(), 2u);
    // By hand from the features: BrainHub's arithmetic.
    const auto imageRow = scorer.imageFeatures({image}).front();
    const auto refRows = scorer.textFeatures({captions[2], captions[3], captions[4]});
    for (std::size_t t = 0; t < 2; ++t) {
        const double cos = ClipScore::cosine(imageRow, features[t]);
        EXPECT_NEAR(result.imageCosine[t], cos, 1e-6);
        EXPECT_NEAR(result.clipS[t], 2.5 * std::max(cos, 0.0), 1e-6);
    }
    const double best0 =
        std::max(ClipScore::cosine(features[0], refRows[0]), ClipScore::cosine(features[0], refRows[1]));
    EXPECT_NEAR(result.referenceCosine[0], best0, 1e-6);
    EXPECT_NEAR(result.referenceCosine[1], ClipScore::cosine(features[1], refRows[2]), 1e-6);
    const double a = result.clipS[0], b = best0;
    EXPECT_NEAR(result.refClipS[0], a + b == 0 ? 0.0 : 2 * a * b / (a + b), 1e-9);
    EXPECT_NEAR(result.clipSMean, (result.clipS[0] + result.clipS[1]) / 2, 1e-12);
    EXPECT_NEAR(result.refClipSMean, (result.refClipS[0] + result.refClipS[1]) / 2, 1e-12);
}

TEST(ClipScore, HarmonicMeanFollowsBrainHubAndCountsTheUndefined)
{
    const ClipScore::Features images{{1, 0}, {1, 0}, {0, 1}};
    const ClipScore::Features candidates{{1, 1}, {1, 0}, {1, 0}};
    const std::vector<ClipScore::Features> references{{{0, 1}, {1, 0}}, {{-1, 0}}, {{0, 1}}};
    const auto r = ClipScore::fromFeatures(images, candidates, references, 2.5);
    const double c0 = 2.5 * std::sqrt(0.5);
    EXPECT_NEAR(r.clipS[0], c0, 1e-12);
    EXPECT_NEAR(r.referenceCosine[0], std::sqrt(0.5), 1e-12);
    EXPECT_NEAR(r.refClipS[0], 2 * c0 * std::sqrt(0.5) / (c0 + std::sqrt(0.5)), 1e-12);
    // Raw cosine -1 (not clipped) against CLIP-S 2.5.
    EXPECT_NEAR(r.refClipS[1], 2 * 2.5 * -1 / (2.5 - 1), 1e-12);
    // Orthogonal image (CLIP-S 0) and orthogonal reference (0): 0/0 — scored 0 and counted.
    EXPECT_EQ(r.clipS[2], 0.0);
    EXPECT_EQ(r.refClipS[2], 0.0);
    EXPECT_EQ(r.undefinedRefClipS, 1u);
    EXPECT_NEAR(r.refClipSMean, (r.refClipS[0] + r.refClipS[1]) / 3, 1e-12);
    EXPECT_THROW(ClipScore::fromFeatures(images, {{1, 0}}, {}, 2.5), vindex::Error);
    EXPECT_THROW(ClipScore::fromFeatures(images, candidates, {{{1, 0}}, {}, {{1, 0}}}, 2.5), vindex::Error);
    EXPECT_THROW(ClipScore::fromFeatures(images, {{1, 0, 0}, {1, 0, 0}, {1, 0, 0}}, {}, 2.5), vindex::Error);
}
