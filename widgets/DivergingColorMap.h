#pragma once
// The diverging colour map of signed values such as betas (Moreland's cool–warm): blue for negative, light grey at
// zero, red for positive. One definition for the 3D view's lookup table and the colour bar drawn beside it.
#include <QColor>

#include <array>

namespace vindex::widgets {

class DivergingColorMap {
public:
    // t in [-1, 1] (clamped): −1 deep blue, 0 light grey, +1 deep red. Components in [0, 1].
    static std::array<double, 3> rgb(double t);
    static QColor color(double t);
};

} // namespace vindex::widgets
