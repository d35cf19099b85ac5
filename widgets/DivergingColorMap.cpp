#include "DivergingColorMap.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace vindex::widgets {
namespace {

// Control points of the cool-warm map (Moreland 2009, as ParaView's "Cool to Warm"), from −1 to +1.
constexpr double kStops[][4] = {
    {-1.00, 0.230, 0.299, 0.754}, {-0.75, 0.358, 0.482, 0.891}, {-0.50, 0.507, 0.647, 0.974},
    {-0.25, 0.664, 0.772, 0.993}, {0.00, 0.865, 0.865, 0.865},  {0.25, 0.954, 0.722, 0.611},
    {0.50, 0.968, 0.557, 0.442},  {0.75, 0.887, 0.351, 0.283},  {1.00, 0.706, 0.016, 0.150}};

} // namespace

std::array<double, 3> DivergingColorMap::rgb(double t)
{
    if (!std::isfinite(t))
        t = 0;
    t = std::clamp(t, -1.0, 1.0);
    const std::size_t count = std::size(kStops);
    std::size_t upper = 1;
    while (upper < count - 1 && kStops[upper][0] < t)
        ++upper;
    const double *a = kStops[upper - 1];
    const double *b = kStops[upper];
    const double f = (t - a[0]) / (b[0] - a[0]);
    return {a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2]), a[3] + f * (b[3] - a[3])};
}

QColor DivergingColorMap::color(double t)
{
    const auto c = rgb(t);
    return QColor::fromRgbF(float(c[0]), float(c[1]), float(c[2]));
}

} // namespace vindex::widgets
