#include "VoxelOverlay.h"

#include "vindex/core/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace vindex::widgets {

VoxelOverlay::VoxelOverlay(std::shared_ptr<const RoiGrid> grid, std::vector<float> values)
    : m_grid(std::move(grid)), m_values(std::move(values))
{
    if (!m_grid)
        throw Error("overlay without a grid");
    if (static_cast<int64_t>(m_values.size()) != m_grid->voxelCount())
        throw Error("overlay of " + std::to_string(m_grid->voxelCount()) + " voxels got " +
                    std::to_string(m_values.size()) + " values");
    computeRanges();
}

VoxelOverlay::VoxelOverlay(std::array<int, 3> dims, const std::vector<std::array<int32_t, 3>> &voxels,
                           const std::vector<float> &values)
    : VoxelOverlay(std::make_shared<const RoiGrid>(dims, voxels), values)
{
}

const std::array<int, 3> &VoxelOverlay::dimensions() const
{
    static const std::array<int, 3> none{0, 0, 0};
    return m_grid ? m_grid->dimensions() : none;
}

float VoxelOverlay::value(int x, int y, int z) const
{
    const int64_t index = m_grid ? m_grid->indexAt(x, y, z) : -1;
    return index < 0 ? std::numeric_limits<float>::quiet_NaN() : m_values[static_cast<std::size_t>(index)];
}

void VoxelOverlay::computeRanges()
{
    double lowest = std::numeric_limits<double>::infinity();
    double highest = -std::numeric_limits<double>::infinity();
    std::vector<float> magnitudes;
    magnitudes.reserve(m_values.size());
    for (float v : m_values)
        if (std::isfinite(v)) {
            lowest = std::min(lowest, double(v));
            highest = std::max(highest, double(v));
            magnitudes.push_back(std::abs(v));
        }
    if (magnitudes.empty())
        return;
    m_minimum = lowest;
    m_maximum = highest;
    m_largestMagnitude = std::max({std::abs(lowest), std::abs(highest), 1e-12});
    const auto nth = magnitudes.begin() + static_cast<std::ptrdiff_t>(0.98 * double(magnitudes.size() - 1));
    std::nth_element(magnitudes.begin(), nth, magnitudes.end());
    m_robustMagnitude = *nth > 0 ? double(*nth) : m_largestMagnitude;
}

} // namespace vindex::widgets
