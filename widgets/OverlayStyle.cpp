#include "OverlayStyle.h"

#include <algorithm>
#include <cmath>

namespace vindex::widgets {

bool OverlayStyle::showsMagnitude() const
{
    return ColorMap::isOneSided(colorMap) && thresholdMode == ThresholdMode::Absolute;
}

bool OverlayStyle::passes(float value) const
{
    if (!std::isfinite(value))
        return false;
    const double v = thresholdMode == ThresholdMode::Absolute ? std::abs(double(value)) : double(value);
    return v >= threshold;
}

double OverlayStyle::position(double value) const
{
    if (showsMagnitude())
        value = std::abs(value);
    const double span = rangeHigh - rangeLow;
    if (!(std::abs(span) > 0))
        return value >= rangeHigh ? 1.0 : 0.0;
    return std::clamp((value - rangeLow) / span, 0.0, 1.0);
}

std::array<uint8_t, 4> OverlayStyle::rgba(float value) const
{
    if (!std::isfinite(value))
        return {0, 0, 0, 0};
    const auto c = ColorMap::rgb(colorMap, position(value));
    const double alpha = passes(value) ? 1.0 : std::clamp(fadeOpacity, 0.0, 1.0);
    const auto byte = [](double x) { return static_cast<uint8_t>(std::lround(std::clamp(x, 0.0, 1.0) * 255.0)); };
    return {byte(c[0]), byte(c[1]), byte(c[2]), byte(alpha)};
}

void OverlayStyle::fitRange(double magnitude)
{
    if (!(magnitude > 0) || !std::isfinite(magnitude))
        magnitude = 1;
    rangeHigh = magnitude;
    rangeLow = ColorMap::isOneSided(colorMap) ? 0.0 : -magnitude;
}

} // namespace vindex::widgets
