// PAC-S / RefPAC-S as aimagelab/pacscore computes them, on a random tiny CLIP saved in OpenAI's layout as pacscore's
// checkpoints are (tests/fixtures/pacs-tiny, made by tests/reference/make_pacs_fixture.py with the pacscore code):
// OpenAI's tokenizer vocabulary, the checkpoint's mapping onto ClipModel, OpenAI's image transform, and the scores.
#include "ParitySupport.h"

#include "vindex/core/Error.h"
#include "vindex/eval/ClipScore.h"
#include "vindex/io/ImageFile.h"
#include "vindex/models/ClipBpeTokenizer.h"
#include "vindex/models/ClipEmbedding.h"
#include "vindex/models/ClipModel.h"
#include "vindex/models/ClipTextModel.h"
#include "vindex/models/ImagePreprocessor.h"
#include "vindex/models/OpenAiClipCheckpoint.h"
#include "vindex/models/VisionTower.h"

#include <gtest/gtest.h>

#include <ATen/core/grad_mode.h>
#include <cstdlib>
#include <filesystem>
#include <iostream>

using namespace vindex::models;
using testsupport::errorOf;
using vindex::eval::ClipScore;

namespace {

const std::string kFixture = "pacs-tiny";

std::string fixturePath(const std::string &name)
{
    return testsupport::projectFixture(kFixture + "/" + name);
}

const nlohmann::json &expected()
{
    static const nlohmann::json json = testsupport::readJson(fixturePath("expected.json"));
    return json;
}

at::Tensor expectedTensor(const std::string &name)
{
    return testsupport::expectedTensor(testsupport::projectFixture(kFixture), name);
}

std::vector<std::string> prefixed(const std::vector<std::string> &texts)
{
    std::vector<std::string> out;
    for (const auto &text : texts)
        out.push_back(expected()["prefix"].get<std::string>() + text);
    return out;
}

std::vector<std::string> imageFiles()
{
    std::vector<std::string> files;
    for (int i = 0; i < 4; ++i)
        files.push_back(fixturePath("images/image" + std::to_string(i) + ".png"));
    return files;
}

} // namespace

TEST(OpenAiClipTokenizer, VocabularyAndIdsAsSimpleTokenizer)
{
    const auto tokenizer = ClipBpeTokenizer::fromOpenAiVocab(fixturePath("bpe_simple_vocab_16e6.txt.gz"));
    // 256 byte symbols, the same with </w>, 250 merges, <|startoftext|>, <|endoftext|>.
    EXPECT_EQ(tokenizer.vocabSize(), expected()["vocab_size"].get<int64_t>());
    EXPECT_EQ(tokenizer.startId(), tokenizer.vocabSize() - 2);
    EXPECT_EQ(tokenizer.endId(), tokenizer.vocabSize() - 1);
    const auto texts = prefixed(expected()["candidates"].get<std::vector<std::string>>());
    const auto ids = expected()["candidate_token_ids"];
    ASSERT_EQ(ids.size(), texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i)
        EXPECT_EQ(tokenizer.encode(texts[i]), ids[i].get<std::vector<int64_t>>()) << texts[i];
    // The last candidate is longer than the context: cut to 77 with <|endoftext|> last.
    EXPECT_EQ(ids.back().size(), 77u);
}

TEST(OpenAiClipTokenizer, RealVocabularyWhenGiven)
{
    // OpenAI's 1.3 MB file is not committed: $VINDEX_OPENAI_CLIP_VOCAB, else the copy PyPI's open_clip_torch carries
    // in the project's .venv (packaging/install-deps.sh installs it).
    std::string path;
    if (const char *given = std::getenv("VINDEX_OPENAI_CLIP_VOCAB"))
        path = given;
    const auto venvLib =
        std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().parent_path() / ".venv" / "lib";
    std::error_code error;
    if (path.empty() && std::filesystem::is_directory(venvLib, error))
        for (const auto &python : std::filesystem::directory_iterator(venvLib, error)) {
            const auto candidate = python.path() / "site-packages" / "open_clip" / "bpe_simple_vocab_16e6.txt.gz";
            if (std::filesystem::is_regular_file(candidate, error))
                path = candidate.string();
        }
    if (path.empty() || !std::filesystem::exists(path))
        GTEST_SKIP() << "no bpe_simple_vocab_16e6.txt.gz: run packaging/install-deps.sh (open_clip_torch into .venv) "
                        "or set VINDEX_OPENAI_CLIP_VOCAB";
    const auto tokenizer = ClipBpeTokenizer::fromOpenAiVocab(path);
    EXPECT_EQ(tokenizer.vocabSize(), 49408);
    EXPECT_EQ(tokenizer.startId(), 49406);
    EXPECT_EQ(tokenizer.endId(), 49407);
    const auto texts = expected()["full_vocab_texts"].get<std::vector<std::string>>();
    const auto ids = expected()["full_vocab_token_ids"];
    for (std::size_t i = 0; i < texts.size(); ++i)
        EXPECT_EQ(tokenizer.encode(texts[i]), ids[i].get<std::vector<int64_t>>()) << texts[i];
}

TEST(OpenAiClipTokenizer, UnreadableVocabularyIsNamed)
{
    const testsupport::TempDir dir;
    testsupport::writeBytes(dir.file("broken.txt.gz"), std::string("\x1f\x8b\x08\x00\x00\x00", 6));
    EXPECT_NE(errorOf([&] { ClipBpeTokenizer::fromOpenAiVocab(dir.file("broken.txt.gz")); }).find("broken.txt.gz"),
              std::string::npos);
    EXPECT_NE(errorOf([&] { ClipBpeTokenizer::fromOpenAiVocab(dir.file("absent.txt.gz")); }).find("absent.txt.gz"),
              std::string::npos);
}

TEST(OpenAiClipCheckpoint, ArchitectureFromTheShapes)
{
    const auto converted = OpenAiClipCheckpoint::load(fixturePath("clip_ViT-tiny.pth"));
    const auto &text = converted.config["text_config"], &vision = converted.config["vision_config"];
    EXPECT_EQ(text["hidden_size"], 64);
    EXPECT_EQ(text["num_hidden_layers"], 2);
    EXPECT_EQ(text["num_attention_heads"], 1);
    EXPECT_EQ(text["vocab_size"], expected()["vocab_size"]);
    EXPECT_EQ(text["max_position_embeddings"], 77);
    EXPECT_EQ(vision["hidden_size"], 128);
    EXPECT_EQ(vision["num_hidden_layers"], 1);
    EXPECT_EQ(vision["num_attention_heads"], 2);
    EXPECT_EQ(vision["patch_size"], 8);
    EXPECT_EQ(vision["image_size"], 32);
    EXPECT_EQ(converted.config["projection_dim"], 32);
    // in_proj split three ways, projections transposed to Linear weights.
    EXPECT_EQ(converted.tensors.at("vision_model.encoder.layers.0.self_attn.v_proj.weight").shape(),
              (std::vector<int64_t>{128, 128}));
    EXPECT_EQ(converted.tensors.at("visual_projection.weight").shape(), (std::vector<int64_t>{32, 128}));
    EXPECT_EQ(converted.tensors.at("text_projection.weight").shape(), (std::vector<int64_t>{32, 64}));
}

TEST(OpenAiClipCheckpoint, ImagesAndTextsMatchTheReference)
{
    const auto model = ClipModel::loadOpenAi(fixturePath("clip_ViT-tiny.pth"), {}, Compute{});
    at::NoGradGuard noGrad;
    // OpenAI's transform: the 8-bit pixels are the same, the floats differ at most by rounding.
    std::vector<at::Tensor> pixels;
    for (const auto &file : imageFiles())
        pixels.push_back(model->preprocessor().processFile(file));
    const auto pixelValues = at::cat(pixels, 0);
    const double pixelError = testsupport::maxAbsError(pixelValues, expectedTensor("pixel_values"));
    EXPECT_LT(pixelError, 1e-5);

    const double imageError =
        testsupport::maxAbsError(model->encodePixels(expectedTensor("pixel_values")), expectedTensor("image_embeds"));
    const double textError =
        testsupport::maxAbsError(model->encodeTexts(prefixed(expected()["candidates"].get<std::vector<std::string>>())),
                                 expectedTensor("candidate_embeds"));
    std::cout << "[ parity   ] pacs-tiny pixels " << pixelError << ", image_embeds " << imageError << ", text_embeds "
              << textError << "\n";
    EXPECT_LT(imageError, 1e-4);
    EXPECT_LT(textError, 1e-4);
}

TEST(PacScore, PerTrialAndCorpusMatchPacscore)
{
    const auto embedder = loadOpenAiClipEmbedder(fixturePath("clip_ViT-tiny.pth"));
    vindex::eval::ClipScoreOptions options;
    options.weight = expected()["w"].get<double>();
    options.batchSize = 4; // more trials than one batch
    const ClipScore scorer(embedder, options);
    const auto images = expected()["images"].get<std::vector<std::string>>();
    const auto result = scorer.score([&](std::size_t t) { return vindex::io::ImageFile::read(fixturePath(images[t])); },
                                     expected()["candidates"].get<std::vector<std::string>>(),
                                     expected()["references"].get<std::vector<std::vector<std::string>>>());
    const auto pac = expected()["pac_s"].get<std::vector<double>>();
    const auto refpac = expected()["refpac_s"].get<std::vector<double>>();
    const auto refCos = expected()["reference_cosine"].get<std::vector<double>>();
    ASSERT_EQ(result.clipS.size(), pac.size());
    double worst = 0;
    for (std::size_t t = 0; t < pac.size(); ++t) {
        EXPECT_NEAR(result.clipS[t], pac[t], 1e-4) << "trial " << t;
        EXPECT_NEAR(result.referenceCosine[t], refCos[t], 1e-4) << "trial " << t;
        EXPECT_NEAR(result.refClipS[t], refpac[t], 1e-4) << "trial " << t;
        worst = std::max({worst, std::abs(result.clipS[t] - pac[t]), std::abs(result.refClipS[t] - refpac[t])});
    }
    EXPECT_NEAR(result.clipSMean, expected()["pac_s_mean"].get<double>(), 1e-4);
    EXPECT_NEAR(result.refClipSMean, expected()["refpac_s_mean"].get<double>(), 1e-4);
    std::cout << "[ parity   ] pacs-tiny PAC-S / RefPAC-S per trial: " << worst << "\n";
    // The fixture has one trial whose cosine is negative: PAC-S clips it to 0, and RefPAC-S is 0 with it.
    EXPECT_EQ(std::count(pac.begin(), pac.end(), 0.0), 1);
}

TEST(PacScore, VocabularyIsLookedForBesideTheCheckpoint)
{
    const testsupport::TempDir dir;
    std::filesystem::copy_file(fixturePath("clip_ViT-tiny.pth"), dir.file("pac.pth"));
    EXPECT_EQ(defaultOpenAiClipVocab(dir.file("pac.pth")), dir.file("bpe_simple_vocab_16e6.txt.gz"));
    const auto message = errorOf([&] { loadOpenAiClipEmbedder(dir.file("pac.pth")); });
    EXPECT_NE(message.find(dir.file("bpe_simple_vocab_16e6.txt.gz")), std::string::npos) << message;
    // Given explicitly, from anywhere.
    EXPECT_EQ(loadOpenAiClipEmbedder(dir.file("pac.pth"), fixturePath("bpe_simple_vocab_16e6.txt.gz"))->featureSize(),
              32);
}

TEST(PacScore, OtherFilesAreRefusedByName)
{
    // A DINOv2 torch.hub state dict is a torch.save'd dict, but not OpenAI's CLIP.
    const std::string dino = testsupport::projectFixture("mmvp-tiny/dinov2_tiny_pretrain.pth");
    const auto message = errorOf([&] { OpenAiClipCheckpoint::load(dino); });
    EXPECT_NE(message.find("dinov2_tiny_pretrain.pth"), std::string::npos) << message;
    EXPECT_NE(message.find("OpenAI"), std::string::npos) << message;
}

TEST(ImagePreprocessor, TorchvisionCentreCropRoundsHalfToEven)
{
    // A 39 x 32 image whose column x holds x: cropping 32 columns leaves a margin of 7; transformers starts at 3,
    // torchvision at int(round(3.5)) = 4. A margin of 5 starts at 2 either way.
    vindex::io::RgbImage image(39, 32);
    for (int y = 0; y < 32; ++y)
        for (int x = 0; x < 39; ++x)
            image.at(x, y)[0] = static_cast<uint8_t>(x);
    EXPECT_EQ(ImagePreprocessor::centerCrop(image, 32, 32).at(0, 0)[0], 3);
    EXPECT_EQ(ImagePreprocessor::centerCrop(image, 32, 32, ImagePreprocessor::CropOffset::RoundHalfEven).at(0, 0)[0],
              4);
    EXPECT_EQ(ImagePreprocessor::centerCrop(image, 34, 32, ImagePreprocessor::CropOffset::RoundHalfEven).at(0, 0)[0],
              2);
}
