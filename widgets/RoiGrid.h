#pragma once
// Where a subject's ROI voxels lie on a volume grid: voxel i of the ROI at (x, y, z), and back from a grid position
// to the ROI index. Built once per subject and shared by the overlays of all its trials.
#include <array>
#include <cstdint>
#include <vector>

namespace vindex::widgets {

class RoiGrid {
public:
    // Throws vindex::Error when the grid is empty or a voxel lies outside it.
    RoiGrid(std::array<int, 3> dims, std::vector<std::array<int32_t, 3>> voxels);

    const std::array<int, 3> &dimensions() const { return m_dims; }
    const std::vector<std::array<int32_t, 3>> &voxels() const { return m_voxels; }
    int64_t voxelCount() const { return static_cast<int64_t>(m_voxels.size()); }
    // The ROI index of a grid voxel, -1 outside the ROI or the grid.
    int64_t indexAt(int x, int y, int z) const;
    // Offset of ROI voxel i in an x-fastest grid array.
    std::size_t gridOffset(int64_t i) const { return m_offsets[static_cast<std::size_t>(i)]; }

private:
    std::array<int, 3> m_dims{0, 0, 0};
    std::vector<std::array<int32_t, 3>> m_voxels;
    std::vector<std::size_t> m_offsets;
    std::vector<int32_t> m_indexOfGridVoxel; // -1 outside the ROI
};

} // namespace vindex::widgets
