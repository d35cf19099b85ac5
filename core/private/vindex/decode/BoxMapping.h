#pragma once
// Shikra's coordinate frames for one image of width w and height h (shikras/shikra mllm/dataset/utils/transform.py):
// Expand2square pastes the image centred on a white square of side max(w, h), at offset ((side - w) // 2, 0) or
// (0, (side - h) // 2) — Python's floor division, so an odd difference leaves the extra row / column at the bottom /
// right — and norm_box_xyxy divides by the square's side. Three frames follow:
//   square   fractions of the padded square: what Shikra reads and writes ("[0.123,0.456,0.789,0.999]");
//   pixels   image pixels, x in [0, w], y in [0, h];
//   fraction fractions of the image's own width and height: BrainHub's frame (coco_bbox_categorized.json and the
//            decoded-bbox files it scores). For a square image (every NSD stimulus) it is the square frame itself.
#include "vindex/decode/BoxTypes.h"

#include <cstdint>

namespace vindex::decode {

class BoxMapping {
public:
    // Error when a side is not positive.
    BoxMapping(int64_t width, int64_t height);

    int64_t width() const { return m_width; }
    int64_t height() const { return m_height; }
    int64_t side() const { return m_side; }
    int64_t offsetX() const { return m_offsetX; } // where the image's left edge lies in the square
    int64_t offsetY() const { return m_offsetY; }

    // square → pixels: × side, minus the offset, clamped to the image (an answer reaching into the white padding
    // or above 1 ends at the image border). Coordinates are not reordered; an inverted box stays inverted.
    Box squareToPixels(const Box &box) const;
    Point squareToPixels(const Point &point) const;

    // pixels → square, as Expand2square + norm_box_xyxy do for prompts and targets: plus the offset, / side,
    // clamped to [0, 1], round(·, 3). Points as norm_point_xyxy: clamped, not rounded (the formatter's {:.3f}
    // rounds them in the text).
    Box pixelsToSquare(const Box &box) const;
    Point pixelsToSquare(const Point &point) const;

    // square ↔ fraction, affine and exact inverses of each other up to floating point; no clamping and no
    // rounding, so that an axis without padding (both axes of a square image) passes through bit for bit and a
    // square stimulus gives the values the reference writes.
    Box squareToFraction(const Box &box) const;
    Box fractionToSquare(const Box &box) const;
    Point squareToFraction(const Point &point) const;
    Point fractionToSquare(const Point &point) const;

    // Python's round(value, 3): correctly rounded from the exact binary value, ties to even.
    static double round3(double value);

private:
    int64_t m_width;
    int64_t m_height;
    int64_t m_side;
    int64_t m_offsetX;
    int64_t m_offsetY;
};

} // namespace vindex::decode
