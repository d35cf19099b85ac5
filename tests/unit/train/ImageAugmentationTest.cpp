// UMBRAE's image augmentation on 8-bit stimuli: each operation against its closed form (torchvision's definitions),
// and the random choices against their probabilities.
#include "vindex/train/ImageAugmentation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using vindex::io::RgbImage;
using vindex::train::AugmentationOptions;
using vindex::train::ImageAugmentation;

namespace {

RgbImage gradient(int w, int h)
{
    RgbImage image(w, h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            uint8_t *p = image.at(x, y);
            p[0] = static_cast<uint8_t>(x * 255 / (w - 1));
            p[1] = static_cast<uint8_t>(y * 255 / (h - 1));
            p[2] = static_cast<uint8_t>((x * 7 + y * 13) % 256);
        }
    return image;
}

} // namespace

TEST(ImageAugmentation, FlipMirrorsColumns)
{
    const RgbImage image = gradient(9, 5);
    const RgbImage flipped = ImageAugmentation::flipHorizontal(image);
    for (int y = 0; y < 5; ++y)
        for (int x = 0; x < 9; ++x)
            for (int c = 0; c < 3; ++c)
                EXPECT_EQ(flipped.at(x, y)[c], image.at(8 - x, y)[c]);
    EXPECT_EQ(ImageAugmentation::flipHorizontal(flipped).pixels, image.pixels);
}

TEST(ImageAugmentation, GrayscaleIsItuR601Luma)
{
    RgbImage image(2, 1);
    image.at(0, 0)[0] = 255; // pure red: 0.299 · 255 = 76.245
    image.at(1, 0)[1] = 200; // green: 0.587 · 200 = 117.4
    const RgbImage grey = ImageAugmentation::grayscale(image);
    for (int c = 0; c < 3; ++c) {
        EXPECT_EQ(grey.at(0, 0)[c], 76);
        EXPECT_EQ(grey.at(1, 0)[c], 117);
    }
}

TEST(ImageAugmentation, ColourAdjustmentsFollowTheirDefinitions)
{
    const RgbImage image = gradient(16, 16);
    // Factor 1 (shift 0) changes nothing.
    EXPECT_EQ(ImageAugmentation::adjustBrightness(image, 1.0).pixels, image.pixels);
    EXPECT_EQ(ImageAugmentation::adjustContrast(image, 1.0).pixels, image.pixels);
    EXPECT_EQ(ImageAugmentation::adjustSaturation(image, 1.0).pixels, image.pixels);
    EXPECT_EQ(ImageAugmentation::adjustHue(image, 0.0).pixels, image.pixels);
    // Brightness 0 is black; brightness 0.5 halves (rounded).
    for (const uint8_t v : ImageAugmentation::adjustBrightness(image, 0.0).pixels)
        EXPECT_EQ(v, 0);
    const RgbImage half = ImageAugmentation::adjustBrightness(image, 0.5);
    for (std::size_t i = 0; i < image.pixels.size(); ++i)
        EXPECT_EQ(half.pixels[i], static_cast<uint8_t>(std::lround(image.pixels[i] * 0.5)));
    // Saturation 0 is the grey image; contrast 0 is the mean grey everywhere.
    EXPECT_EQ(ImageAugmentation::adjustSaturation(image, 0.0).pixels, ImageAugmentation::grayscale(image).pixels);
    double mean = 0;
    for (std::size_t i = 0; i < image.pixels.size(); i += 3)
        mean += 0.299 * image.pixels[i] + 0.587 * image.pixels[i + 1] + 0.114 * image.pixels[i + 2];
    mean /= 256.0;
    for (const uint8_t v : ImageAugmentation::adjustContrast(image, 0.0).pixels)
        EXPECT_EQ(v, static_cast<uint8_t>(std::lround(mean)));
    // Hue: half a turn takes red to cyan, a third of a turn red to green.
    RgbImage red(1, 1, {255, 0, 0});
    EXPECT_EQ(ImageAugmentation::adjustHue(red, 0.5).pixels, (std::vector<uint8_t>{0, 255, 255}));
    EXPECT_EQ(ImageAugmentation::adjustHue(red, 1.0 / 3.0).pixels, (std::vector<uint8_t>{0, 255, 0}));
}

TEST(ImageAugmentation, ResizedCropOfTheWholeImageIsTheImage)
{
    const RgbImage image = gradient(12, 10);
    EXPECT_EQ(ImageAugmentation::resizedCrop(image, 0, 0, 12, 10, 12, 10).pixels, image.pixels);
    // The right half at twice its width: every output pixel lies between its two nearest source columns.
    const RgbImage crop = ImageAugmentation::resizedCrop(image, 6, 0, 6, 10, 12, 10);
    for (int x = 0; x < 12; ++x) {
        const double sx = 6 + (x + 0.5) / 2.0 - 0.5;
        const int a = static_cast<int>(std::floor(sx)), b = std::min(a + 1, 11);
        const uint8_t lo = std::min(image.at(a, 3)[0], image.at(b, 3)[0]);
        const uint8_t hi = std::max(image.at(a, 3)[0], image.at(b, 3)[0]);
        EXPECT_GE(crop.at(x, 3)[0], lo);
        EXPECT_LE(crop.at(x, 3)[0], hi);
    }
}

TEST(ImageAugmentation, RandomChoicesHappenAsOftenAsTheirProbabilities)
{
    // Flip only (p 0.5), then grayscale only (p 0.3), over 2,000 draws: within 4 standard deviations.
    const RgbImage image = gradient(8, 8);
    const RgbImage flipped = ImageAugmentation::flipHorizontal(image);
    const RgbImage grey = ImageAugmentation::grayscale(image);
    const auto frequency = [&](AugmentationOptions o, const RgbImage &changed, double p) {
        const ImageAugmentation augmentation(o);
        std::mt19937_64 random(7);
        int hits = 0;
        const int n = 2000;
        for (int i = 0; i < n; ++i) {
            const RgbImage out = augmentation.apply(image, random);
            if (out.pixels == changed.pixels)
                ++hits;
            else
                EXPECT_EQ(out.pixels, image.pixels);
        }
        EXPECT_NEAR(hits / double(n), p, 4 * std::sqrt(p * (1 - p) / n));
    };
    AugmentationOptions flipOnly;
    flipOnly.cropProbability = flipOnly.jitterProbability = flipOnly.grayscaleProbability = 0;
    frequency(flipOnly, flipped, 0.5);
    AugmentationOptions greyOnly;
    greyOnly.cropProbability = greyOnly.jitterProbability = greyOnly.flipProbability = 0;
    frequency(greyOnly, grey, 0.3);
    // Nothing switched on: the image itself; the same stream: the same augmentation.
    AugmentationOptions none = greyOnly;
    none.grayscaleProbability = 0;
    std::mt19937_64 random(1);
    EXPECT_EQ(ImageAugmentation(none).apply(image, random).pixels, image.pixels);
    std::mt19937_64 a(99), b(99);
    EXPECT_EQ(ImageAugmentation().apply(image, a).pixels, ImageAugmentation().apply(image, b).pixels);
}
