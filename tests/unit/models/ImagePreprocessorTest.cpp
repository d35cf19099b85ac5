#include "ParitySupport.h"

#include "vindex/core/Error.h"
#include "vindex/io/ImageFile.h"
#include "vindex/models/ImagePreprocessor.h"
#include "vindex/models/VisionTower.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <iostream>

using namespace vindex::models;
using testsupport::fixture;
using vindex::io::ImageFile;
using vindex::io::RgbImage;

namespace {

RgbImage gradient(int width, int height)
{
    RgbImage image(width, height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            auto *p = image.at(x, y);
            p[0] = static_cast<uint8_t>((x * 255) / std::max(1, width - 1));
            p[1] = static_cast<uint8_t>((y * 255) / std::max(1, height - 1));
            p[2] = static_cast<uint8_t>((x * 7 + y * 13) % 256);
        }
    return image;
}

double reportError(const std::string &what, const at::Tensor &actual, const at::Tensor &expected)
{
    const double error = testsupport::maxAbsError(actual, expected);
    std::cout << "[ parity   ] " << what << ": max abs error " << error << std::endl;
    return error;
}

} // namespace

TEST(ImagePreprocess, LlavaPadMatchesTheReference)
{
    const auto clip = VisionTower::load(fixture("clip-vit-tiny"), Compute{});
    const auto preprocessor = ImagePreprocessor::forTower(*clip, fixture("clip-vit-tiny")).withMeanPadding();
    EXPECT_EQ(preprocessor.meanColour(), (vindex::io::Rgb{122, 116, 104}));
    const auto pixels = preprocessor.processFile(fixture("llava-tiny/image.png"));
    EXPECT_LE(
        reportError("llava-tiny pixel_values (pad)", pixels, testsupport::expectedTensor("llava-tiny", "pixel_values")),
        1e-6); // PIL-exact: bit-identical here (the brief allows 2e-2)
}

TEST(ImagePreprocess, ShikraWhitePadMatchesTheReference)
{
    const auto clip = VisionTower::load(fixture("clip-vit-tiny"), Compute{});
    const auto preprocessor = ImagePreprocessor::forTower(*clip).withPadding({255, 255, 255});
    const auto pixels = preprocessor.processFile(fixture("llava-tiny/image.png"));
    EXPECT_LE(reportError("shikra-tiny pixel_values (white pad)", pixels,
                          testsupport::expectedTensor("shikra-tiny", "pixel_values")),
              1e-6); // PIL-exact: bit-identical here (the brief allows 2e-2)
}

TEST(ImagePreprocess, LlavaHfResizeAndCropMatchesTheReference)
{
    const auto tower = VisionTower::load(fixture("llava-hf-tiny"), Compute{});
    const auto preprocessor = ImagePreprocessor::forTower(*tower, fixture("llava-hf-tiny"));
    const auto pixels = preprocessor.processFile(fixture("llava-tiny/image.png"));
    EXPECT_LE(reportError("llava-hf-tiny pixel_values (resize + crop)", pixels,
                          testsupport::expectedTensor("llava-hf-tiny", "pixel_values")),
              1e-6); // PIL-exact: bit-identical here (the brief allows 2e-2)
}

TEST(ImagePreprocess, ResizingAConstantImageKeepsItConstant)
{
    const RgbImage flat(37, 23, {200, 17, 90});
    for (const auto &[w, h] : std::vector<std::pair<int, int>>{{10, 7}, {56, 56}, {74, 56}, {37, 100}, {3, 3}}) {
        const auto out = ImagePreprocessor::resizeBicubic(flat, w, h);
        ASSERT_EQ(out.width, w);
        ASSERT_EQ(out.height, h);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                ASSERT_EQ(out.at(x, y)[0] * 65536 + out.at(x, y)[1] * 256 + out.at(x, y)[2],
                          200 * 65536 + 17 * 256 + 90)
                    << w << "x" << h << " at " << x << "," << y;
    }
    // Same size: untouched.
    const auto image = gradient(20, 9);
    EXPECT_EQ(ImagePreprocessor::resizeBicubic(image, 20, 9).pixels, image.pixels);
    // Halving a horizontal ramp keeps it monotonic and within range.
    const auto half = ImagePreprocessor::resizeBicubic(gradient(64, 4), 32, 4);
    for (int x = 1; x < 32; ++x)
        EXPECT_GE(half.at(x, 0)[0], half.at(x - 1, 0)[0]);
}

TEST(ImagePreprocess, ExpandToSquareCentresTheImage)
{
    const RgbImage wide(6, 3, {10, 20, 30});
    const auto square = ImagePreprocessor::expandToSquare(wide, {1, 2, 3});
    ASSERT_EQ(square.width, 6);
    ASSERT_EQ(square.height, 6);
    // (6 - 3) // 2 = 1 row of background above, 2 below.
    EXPECT_EQ(square.at(0, 0)[0], 1);
    EXPECT_EQ(square.at(5, 1)[0], 10);
    EXPECT_EQ(square.at(5, 3)[2], 30);
    EXPECT_EQ(square.at(0, 4)[0], 1);
    EXPECT_EQ(square.at(0, 5)[1], 2);
    const RgbImage tall(3, 8, {10, 20, 30});
    const auto square2 = ImagePreprocessor::expandToSquare(tall, {255, 255, 255});
    ASSERT_EQ(square2.width, 8);
    // (8 - 3) // 2 = 2 columns left.
    EXPECT_EQ(square2.at(1, 0)[0], 255);
    EXPECT_EQ(square2.at(2, 0)[0], 10);
    EXPECT_EQ(square2.at(4, 7)[0], 10);
    EXPECT_EQ(square2.at(5, 7)[0], 255);
}

TEST(ImagePreprocess, ShortestEdgeAndCentreCropFollowTransformers)
{
    EXPECT_EQ(ImagePreprocessor::shortestEdgeSize(400, 300, 56), (std::pair<int, int>{74, 56}));
    EXPECT_EQ(ImagePreprocessor::shortestEdgeSize(300, 400, 56), (std::pair<int, int>{56, 74}));
    EXPECT_EQ(ImagePreprocessor::shortestEdgeSize(640, 480, 336), (std::pair<int, int>{448, 336}));
    const auto image = gradient(9, 5);
    const auto crop = ImagePreprocessor::centerCrop(image, 4, 4);
    // left (9 - 4) // 2 = 2, top (5 - 4) // 2 = 0
    EXPECT_EQ(crop.at(0, 0)[0], image.at(2, 0)[0]);
    EXPECT_EQ(crop.at(3, 3)[1], image.at(5, 3)[1]);
    // A crop larger than the image pads with black around it: left = (9 - 12) // 2 = -2.
    const auto padded = ImagePreprocessor::centerCrop(image, 12, 5);
    EXPECT_EQ(padded.at(1, 0)[2], 0);
    EXPECT_EQ(padded.at(2, 2)[0], image.at(0, 2)[0]);
    EXPECT_EQ(padded.at(11, 0)[0], 0);
}

TEST(ImagePreprocess, NormalisesWithMeanAndStd)
{
    auto siglip = ImagePreprocessor::forFamily("siglip", 28);
    EXPECT_EQ(siglip.settings().cropSize, 0);
    const auto pixels = siglip.process(RgbImage(40, 20, {255, 0, 51}));
    ASSERT_EQ(pixels.sizes(), (at::IntArrayRef{1, 3, 28, 28})); // stretched, no crop
    EXPECT_FLOAT_EQ(pixels[0][0][5][5].item<float>(), 1.0f);
    EXPECT_FLOAT_EQ(pixels[0][1][5][5].item<float>(), -1.0f);
    EXPECT_NEAR(pixels[0][2][0][0].item<float>(), -0.6f, 1e-6);
    EXPECT_THROW(ImagePreprocessor::forFamily("resnet", 224), vindex::ModelError);
}

TEST(ImagePreprocess, ReadsPreprocessorConfig)
{
    ImagePreprocessor::Settings base;
    const auto siglip = ImagePreprocessor::applyConfig(
        base, nlohmann::json::parse(R"({"size": {"height": 384, "width": 384}, "image_mean": [0.5, 0.5, 0.5],
                                        "image_std": [0.5, 0.5, 0.5], "do_resize": true})"),
        "preprocessor_config.json");
    EXPECT_EQ(siglip.resize, ImagePreprocessor::Resize::Exact);
    EXPECT_EQ(siglip.size, 384);
    EXPECT_EQ(siglip.cropSize, 0);
    const auto clip = ImagePreprocessor::applyConfig(
        base, nlohmann::json::parse(R"({"size": {"shortest_edge": 336}, "crop_size": {"height": 336, "width": 336},
                                        "do_center_crop": true})"),
        "preprocessor_config.json");
    EXPECT_EQ(clip.resize, ImagePreprocessor::Resize::ShortestEdge);
    EXPECT_EQ(clip.size, 336);
    EXPECT_EQ(clip.cropSize, 336);
    try {
        ImagePreprocessor::applyConfig(base, nlohmann::json::parse(R"({"image_mean": "grey"})"), "pp.json");
        FAIL();
    } catch (const vindex::ModelError &e) {
        EXPECT_NE(std::string(e.what()).find("image_mean"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("pp.json"), std::string::npos);
    }
}

TEST(ImageFile, ReadsPngAndJpegRoundTrips)
{
    const auto image = ImageFile::read(fixture("llava-tiny/image.png"));
    EXPECT_EQ(image.width, 400);
    EXPECT_EQ(image.height, 300);
    testsupport::TempDir dir;
    const auto small = gradient(31, 17);
    ImageFile::writePng(dir.file("a.png"), small);
    EXPECT_EQ(ImageFile::read(dir.file("a.png")).pixels, small.pixels);
    ImageFile::writeJpeg(dir.file("a.jpg"), RgbImage(16, 16, {90, 140, 200}), 100);
    const auto jpeg = ImageFile::read(dir.file("a.jpg"));
    ASSERT_EQ(jpeg.width, 16);
    EXPECT_NEAR(jpeg.at(8, 8)[0], 90, 3);
    EXPECT_NEAR(jpeg.at(8, 8)[2], 200, 3);
}

TEST(ImageFile, TruncatedOrForeignFilesGiveFormatErrors)
{
    testsupport::TempDir dir;
    const auto png = testsupport::readBytes(fixture("llava-tiny/image.png"));
    ImageFile::writeJpeg(dir.file("full.jpg"), gradient(64, 48));
    const auto jpeg = testsupport::readBytes(dir.file("full.jpg"));
    struct Case {
        std::string name, bytes;
    };
    const std::vector<Case> cases = {
        {"half.png", png.substr(0, png.size() / 2)}, {"header.png", png.substr(0, 30)},
        {"signature.png", png.substr(0, 8)},         {"half.jpg", jpeg.substr(0, jpeg.size() / 2)},
        {"header.jpg", jpeg.substr(0, 20)},          {"soi.jpg", jpeg.substr(0, 3)},
        {"text.png", "not an image at all"},         {"empty.jpg", ""},
    };
    for (const auto &c : cases) {
        testsupport::writeBytes(dir.file(c.name), c.bytes);
        try {
            ImageFile::read(dir.file(c.name));
            ADD_FAILURE() << c.name << " was accepted";
        } catch (const vindex::FormatError &e) {
            EXPECT_NE(std::string(e.what()).find(c.name), std::string::npos) << e.what();
        }
    }
    // A corrupted PNG body (bad CRC/zlib data) is refused too.
    auto corrupt = png;
    for (size_t i = 200; i < 400; ++i)
        corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
    testsupport::writeBytes(dir.file("corrupt.png"), corrupt);
    EXPECT_THROW(ImageFile::read(dir.file("corrupt.png")), vindex::FormatError);
    EXPECT_THROW(ImageFile::read(dir.file("missing.png")), vindex::FormatError);
}
