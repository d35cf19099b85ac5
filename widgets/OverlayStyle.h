#pragma once
// How the values of a VoxelOverlay are coloured: colour map, display range, threshold (symmetric |β| ≥ t or
// one-sided β ≥ t) and how strongly sub-threshold voxels still show. A plain value: the 3D view, the slice views and
// the colour bar take the same style and call the same rgba(), so every view shows a voxel in the same colour.
#include "ColorMap.h"

#include <array>
#include <cstdint>

namespace vindex::widgets {

class OverlayStyle {
public:
    enum class ThresholdMode { Absolute = 0, Positive };

    ColorMap::Kind colorMap = ColorMap::Diverging;
    ThresholdMode thresholdMode = ThresholdMode::Absolute;
    double threshold = 0; // >= 0; voxels at or above it are shown in full
    // The values at the two ends of the colour map (values beyond get the end colours).
    double rangeLow = -1, rangeHigh = 1;
    // Whether the range follows each overlay (fitRange from its robust magnitude) rather than the user's numbers.
    bool autoRange = true;
    // Opacity of voxels below the threshold, 0 (hidden) to 1 (as the others).
    double fadeOpacity = 0.2;

    // One-sided maps with the symmetric threshold colour the magnitude |β|, so that strong negative values do not
    // vanish in the map's dark end; otherwise the colour is β itself.
    bool showsMagnitude() const;
    // Whether a value reaches the threshold (|v| >= t, resp. v >= t); false for NaN.
    bool passes(float value) const;
    // The value's place on the colour map in [0, 1].
    double position(double value) const;
    // 8-bit RGBA (not premultiplied): the map's colour, alpha 255 at or above the threshold and fadeOpacity below;
    // fully transparent for NaN (no value there).
    std::array<uint8_t, 4> rgba(float value) const;
    // The default range for values of this robust magnitude (e.g. the 98th percentile of |β|): [−m, m] for the
    // diverging map, [0, m] for the one-sided ones.
    void fitRange(double magnitude);

    bool operator==(const OverlayStyle &other) const = default;
};

} // namespace vindex::widgets
