#include "RoiGrid.h"

#include "vindex/core/Error.h"

#include <limits>
#include <string>

namespace vindex::widgets {

RoiGrid::RoiGrid(std::array<int, 3> dims, std::vector<std::array<int32_t, 3>> voxels)
    : m_dims(dims), m_voxels(std::move(voxels))
{
    if (dims[0] < 1 || dims[1] < 1 || dims[2] < 1)
        throw Error("ROI grid of " + std::to_string(dims[0]) + "x" + std::to_string(dims[1]) + "x" +
                    std::to_string(dims[2]) + " voxels is empty");
    if (m_voxels.size() > static_cast<std::size_t>(std::numeric_limits<int32_t>::max()))
        throw Error("ROI of " + std::to_string(m_voxels.size()) + " voxels is too large");
    const auto total = static_cast<std::size_t>(dims[0]) * dims[1] * dims[2];
    m_indexOfGridVoxel.assign(total, -1);
    m_offsets.resize(m_voxels.size());
    for (std::size_t i = 0; i < m_voxels.size(); ++i) {
        const auto &[x, y, z] = m_voxels[i];
        if (x < 0 || y < 0 || z < 0 || x >= dims[0] || y >= dims[1] || z >= dims[2])
            throw Error("ROI voxel " + std::to_string(i) + " at (" + std::to_string(x) + ", " + std::to_string(y) +
                        ", " + std::to_string(z) + ") lies outside the " + std::to_string(dims[0]) + "x" +
                        std::to_string(dims[1]) + "x" + std::to_string(dims[2]) + " grid");
        const std::size_t offset = static_cast<std::size_t>(x) +
                                   static_cast<std::size_t>(dims[0]) * (y + static_cast<std::size_t>(dims[1]) * z);
        m_offsets[i] = offset;
        m_indexOfGridVoxel[offset] = static_cast<int32_t>(i);
    }
}

int64_t RoiGrid::indexAt(int x, int y, int z) const
{
    if (x < 0 || y < 0 || z < 0 || x >= m_dims[0] || y >= m_dims[1] || z >= m_dims[2])
        return -1;
    return m_indexOfGridVoxel[static_cast<std::size_t>(x) +
                              static_cast<std::size_t>(m_dims[0]) *
                                  (static_cast<std::size_t>(y) + static_cast<std::size_t>(m_dims[1]) * z)];
}

} // namespace vindex::widgets
