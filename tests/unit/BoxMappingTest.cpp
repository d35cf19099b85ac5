// Shikra's frames on closed-form cases: Expand2square's centring offset ((side - w) // 2), de-normalising to pixels
// with clamping, norm_box_xyxy's round(·, 3), and the square ↔ image-fraction conversion BrainHub's files need.
#include "vindex/decode/BoxMapping.h"
#include "vindex/core/Error.h"

#include <gtest/gtest.h>

using vindex::decode::Box;
using vindex::decode::BoxMapping;
using vindex::decode::Point;

TEST(BoxMapping, LandscapeIsPaddedTopAndBottom)
{
    const BoxMapping mapping(640, 480);
    EXPECT_EQ(mapping.side(), 640);
    EXPECT_EQ(mapping.offsetX(), 0);
    EXPECT_EQ(mapping.offsetY(), 80);
    // The whole image is the middle band of the square: y from 80/640 to 560/640.
    EXPECT_EQ(mapping.squareToPixels(Box{0, 0.125, 1, 0.875}), (Box{0, 0, 640, 480}));
    EXPECT_EQ(mapping.pixelsToSquare(Box{0, 0, 640, 480}), (Box{0, 0.125, 1, 0.875}));
    EXPECT_EQ(mapping.squareToFraction(Box{0, 0.125, 1, 0.875}), (Box{0, 0, 1, 1}));
    EXPECT_EQ(mapping.fractionToSquare(Box{0, 0, 1, 1}), (Box{0, 0.125, 1, 0.875}));
}

TEST(BoxMapping, PortraitIsPaddedLeftAndRight)
{
    const BoxMapping mapping(480, 640);
    EXPECT_EQ(mapping.offsetX(), 80);
    EXPECT_EQ(mapping.offsetY(), 0);
    EXPECT_EQ(mapping.squareToPixels(Box{0.125, 0, 0.875, 1}), (Box{0, 0, 480, 640}));
    EXPECT_EQ(mapping.pixelsToSquare(Box{0, 0, 480, 640}), (Box{0.125, 0, 0.875, 1}));
    EXPECT_EQ(mapping.squareToPixels(Point{0.5, 0.25}), (Point{240, 160}));
}

TEST(BoxMapping, OddDifferenceUsesFloorDivision)
{
    // PIL pastes at (side - h) // 2: 161 // 2 = 80, the extra row goes to the bottom.
    EXPECT_EQ(BoxMapping(641, 480).offsetY(), 80);
    EXPECT_EQ(BoxMapping(480, 641).offsetX(), 80);
    EXPECT_EQ(BoxMapping(3, 2).offsetY(), 0);
    EXPECT_EQ(BoxMapping(2, 3).offsetX(), 0);
    EXPECT_EQ(BoxMapping(5, 2).offsetY(), 1);
    const BoxMapping mapping(641, 480);
    // y = 80 / 641 is where the image starts; 560 / 641 where it ends (80 + 480).
    const Box pixels = mapping.squareToPixels(Box{0, 80.0 / 641, 1, 560.0 / 641});
    EXPECT_NEAR(pixels[1], 0.0, 1e-9);
    EXPECT_NEAR(pixels[3], 480.0, 1e-9);
    EXPECT_EQ(pixels[2], 641.0);
}

TEST(BoxMapping, SquareImageHasNoPaddingAndFractionsPassThrough)
{
    // NSD stimuli are 425 × 425: BrainHub's frame is Shikra's frame, bit for bit.
    const BoxMapping mapping(425, 425);
    EXPECT_EQ(mapping.side(), 425);
    EXPECT_EQ(mapping.offsetX(), 0);
    EXPECT_EQ(mapping.offsetY(), 0);
    const Box decoded{0.034, 0.284, 0.268, 0.41};
    EXPECT_EQ(mapping.squareToFraction(decoded), decoded);
    const Box truth{0.2484705882352941, 0.13025882352941176, 0.37268235294117646, 0.25545882352941174};
    EXPECT_EQ(mapping.fractionToSquare(truth), truth);
    // Not even values above 1 are touched in the fraction frame (the reference keeps them).
    EXPECT_EQ(mapping.squareToFraction(Box{0.5, 0.5, 1.5, 1.2}), (Box{0.5, 0.5, 1.5, 1.2}));
}

TEST(BoxMapping, PixelsAreClampedToTheImage)
{
    const BoxMapping mapping(640, 480);
    // x1 = 1.2 × 640 = 768 → 640; y0 = 0.05 × 640 − 80 < 0 → 0; y1 = 0.95 × 640 − 80 = 528 → 480.
    EXPECT_EQ(mapping.squareToPixels(Box{0.5, 0.05, 1.2, 0.95}), (Box{320, 0, 640, 480}));
    // A box wholly in the top padding collapses onto the top edge.
    EXPECT_EQ(mapping.squareToPixels(Box{0.25, 0.0, 0.5, 0.1}), (Box{160, 0, 320, 0}));
    // An inverted box stays inverted.
    EXPECT_EQ(mapping.squareToPixels(Box{0.75, 0.5, 0.25, 0.25}), (Box{480, 240, 160, 80}));
    EXPECT_EQ(mapping.squareToPixels(Point{1.5, 0.0}), (Point{640, 0}));
}

TEST(BoxMapping, PixelsToSquareRoundsLikePython)
{
    const BoxMapping mapping(640, 480);
    // (100 + 0) / 640 = 0.15625 → 0.156; (50 + 80) / 640 = 0.203125 → 0.203; 300 / 640 = 0.46875 → 0.469;
    // (200 + 80) / 640 = 0.4375, an exact tie → 0.438 (to even).
    EXPECT_EQ(mapping.pixelsToSquare(Box{100, 50, 300, 200}), (Box{0.156, 0.203, 0.469, 0.438}));
    // 40 / 640 = 0.0625, a tie → 0.062; 120 / 640 = 0.1875 → 0.188.
    EXPECT_EQ(mapping.pixelsToSquare(Box{40, 0, 120, 480}), (Box{0.062, 0.125, 0.188, 0.875}));
    // Outside the image: clamped to the square.
    EXPECT_EQ(mapping.pixelsToSquare(Box{-10, -200, 700, 1000}), (Box{0, 0, 1, 1}));
    // Points are clamped but not rounded (norm_point_xyxy).
    EXPECT_EQ(mapping.pixelsToSquare(Point{100, 0}), (Point{0.15625, 0.125}));
    EXPECT_EQ(mapping.pixelsToSquare(Point{320, 240}), (Point{0.5, 0.5}));
}

TEST(BoxMapping, RoundsLikePythonRound)
{
    EXPECT_EQ(BoxMapping::round3(0.0625), 0.062);
    EXPECT_EQ(BoxMapping::round3(0.1875), 0.188);
    EXPECT_EQ(BoxMapping::round3(0.0005), 0.001);
    EXPECT_EQ(BoxMapping::round3(1.0005), 1.0);
    EXPECT_EQ(BoxMapping::round3(0.999999), 1.0);
    EXPECT_EQ(BoxMapping::round3(0.0), 0.0);
}

TEST(BoxMapping, FractionFrameOnAPaddedImage)
{
    const BoxMapping mapping(640, 480);
    // y: (0.25 × 640 − 80) / 480 = 1/6, (0.75 × 640 − 80) / 480 = 5/6; x has no padding and passes through.
    const Box fraction = mapping.squareToFraction(Box{0.25, 0.25, 0.75, 0.75});
    EXPECT_EQ(fraction[0], 0.25);
    EXPECT_EQ(fraction[2], 0.75);
    EXPECT_DOUBLE_EQ(fraction[1], 1.0 / 6);
    EXPECT_DOUBLE_EQ(fraction[3], 5.0 / 6);
    const Box back = mapping.fractionToSquare(fraction);
    for (int i = 0; i < 4; ++i)
        EXPECT_NEAR(back[i], (Box{0.25, 0.25, 0.75, 0.75})[i], 1e-15);
    // In the padding the fraction leaves [0, 1]; nothing clamps it here.
    EXPECT_DOUBLE_EQ(mapping.squareToFraction(Box{0, 0, 1, 0.1})[3], (64.0 - 80.0) / 480.0);
    EXPECT_EQ(mapping.squareToFraction(Point{0.5, 0.5}), (Point{0.5, 0.5}));
}

TEST(BoxMapping, ThreeDecimalBoxesSurviveTheRoundTripThroughPixels)
{
    const BoxMapping mapping(640, 480);
    for (int x = 0; x <= 1000; x += 7)
        for (int y = 125; y <= 875; y += 11) {
            const double fx = BoxMapping::round3(x / 1000.0), fy = BoxMapping::round3(y / 1000.0);
            const Box square{fx, fy, fx, fy};
            EXPECT_EQ(mapping.pixelsToSquare(mapping.squareToPixels(square)), square) << x << " " << y;
        }
}

TEST(BoxMapping, RejectsEmptyImages)
{
    EXPECT_THROW(BoxMapping(0, 480), vindex::Error);
    EXPECT_THROW(BoxMapping(640, -1), vindex::Error);
}
