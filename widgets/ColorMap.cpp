#include "ColorMap.h"

#include "DivergingColorMap.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace vindex::widgets {
namespace {

// Control points (position, r, g, b) of the one-sided maps, linearly interpolated.
// Hot: black → red → yellow → white (as FSLeyes' and MRIcroGL's "hot").
constexpr double kHot[][4] = {
    {0.00, 0.00, 0.00, 0.00}, {0.40, 0.90, 0.05, 0.00}, {0.75, 1.00, 0.80, 0.00}, {1.00, 1.00, 1.00, 1.00}};
// Viridis (matplotlib), sampled at nine points: perceptually uniform and readable in grey and by colour-blind users.
constexpr double kViridis[][4] = {
    {0.000, 0.267, 0.005, 0.329}, {0.125, 0.283, 0.141, 0.458}, {0.250, 0.254, 0.265, 0.530},
    {0.375, 0.207, 0.372, 0.553}, {0.500, 0.164, 0.471, 0.558}, {0.625, 0.128, 0.567, 0.551},
    {0.750, 0.135, 0.659, 0.518}, {0.875, 0.478, 0.821, 0.318}, {1.000, 0.993, 0.906, 0.144}};

template <std::size_t N> std::array<double, 3> interpolate(const double (&stops)[N][4], double position)
{
    std::size_t upper = 1;
    while (upper < N - 1 && stops[upper][0] < position)
        ++upper;
    const double *a = stops[upper - 1];
    const double *b = stops[upper];
    const double f = std::clamp((position - a[0]) / (b[0] - a[0]), 0.0, 1.0);
    return {a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2]), a[3] + f * (b[3] - a[3])};
}

} // namespace

std::array<double, 3> ColorMap::rgb(Kind kind, double position)
{
    if (!std::isfinite(position))
        position = 0;
    position = std::clamp(position, 0.0, 1.0);
    switch (kind) {
    case Diverging: return DivergingColorMap::rgb(2.0 * position - 1.0);
    case Hot: return interpolate(kHot, position);
    case Viridis: return interpolate(kViridis, position);
    case Grey: return {position, position, position};
    }
    return {position, position, position};
}

QColor ColorMap::color(Kind kind, double position)
{
    const auto c = rgb(kind, position);
    return QColor::fromRgbF(float(c[0]), float(c[1]), float(c[2]));
}

QString ColorMap::name(Kind kind)
{
    switch (kind) {
    case Diverging: return QStringLiteral("diverging");
    case Hot: return QStringLiteral("hot");
    case Viridis: return QStringLiteral("viridis");
    case Grey: return QStringLiteral("grey");
    }
    return QStringLiteral("diverging");
}

ColorMap::Kind ColorMap::fromName(const QString &name)
{
    for (int kind = 0; kind < kindCount; ++kind)
        if (name == ColorMap::name(static_cast<Kind>(kind)))
            return static_cast<Kind>(kind);
    return Diverging;
}

} // namespace vindex::widgets
