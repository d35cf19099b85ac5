#pragma once
// The coordinate tuples of Shikra's grounding answers. Which frame a value is in (padded-square fractions, image
// fractions or image pixels) is said by the function that makes or takes it; see BoxMapping.
#include <array>

namespace vindex::decode {

using Box = std::array<double, 4>;   // x0, y0, x1, y1
using Point = std::array<double, 2>; // x, y

} // namespace vindex::decode
