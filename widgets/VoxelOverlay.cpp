#include "VoxelOverlay.h"

#include "vindex/core/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace vindex::widgets {

VoxelOverlay::VoxelOverlay(std::array<int, 3> dims, const std::vector<std::array<int32_t, 3>> &voxels,
                           const std::vector<float> &values)
    : m_dims(dims)
{
    if (voxels.size() != values.size())
        throw Error("overlay of " + std::to_string(voxels.size()) + " voxels got " + std::to_string(values.size()) +
                    " values");
    if (dims[0] < 1 || dims[1] < 1 || dims[2] < 1)
        throw Error("overlay grid of " + std::to_string(dims[0]) + "x" + std::to_string(dims[1]) + "x" +
                    std::to_string(dims[2]) + " voxels is empty");
    const auto total = static_cast<std::size_t>(dims[0]) * dims[1] * dims[2];
    m_values.assign(total, std::numeric_limits<float>::quiet_NaN());
    double lowest = std::numeric_limits<double>::infinity();
    double highest = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < voxels.size(); ++i) {
        const auto &[x, y, z] = voxels[i];
        if (x < 0 || y < 0 || z < 0 || x >= dims[0] || y >= dims[1] || z >= dims[2])
            throw Error("overlay voxel " + std::to_string(i) + " at (" + std::to_string(x) + ", " + std::to_string(y) +
                        ", " + std::to_string(z) + ") lies outside the " + std::to_string(dims[0]) + "x" +
                        std::to_string(dims[1]) + "x" + std::to_string(dims[2]) + " grid");
        const float v = values[i];
        m_values[static_cast<std::size_t>(x) +
                 static_cast<std::size_t>(dims[0]) * (y + static_cast<std::size_t>(dims[1]) * z)] = v;
        if (std::isfinite(v)) {
            lowest = std::min(lowest, double(v));
            highest = std::max(highest, double(v));
        }
    }
    m_voxelCount = static_cast<int64_t>(voxels.size());
    if (std::isfinite(lowest)) {
        m_minimum = lowest;
        m_maximum = highest;
        m_largestMagnitude = std::max({std::abs(lowest), std::abs(highest), 1e-12});
    }
}

float VoxelOverlay::value(int x, int y, int z) const
{
    return m_values[static_cast<std::size_t>(x) +
                    static_cast<std::size_t>(m_dims[0]) *
                        (static_cast<std::size_t>(y) + static_cast<std::size_t>(m_dims[1]) * z)];
}

} // namespace vindex::widgets
