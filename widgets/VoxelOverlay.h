#pragma once
// Values on some voxels of a volume's grid — a subject's ROI coloured by a trial's betas — to be shown over that
// volume. Plain data without Qt GUI or VTK types, so that it can be built on a worker thread.
#include "RoiGrid.h"

#include <QString>

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace vindex::widgets {

class VoxelOverlay {
public:
    VoxelOverlay() = default;
    // values[i] belongs to ROI voxel i of grid. Throws vindex::Error when the counts differ.
    VoxelOverlay(std::shared_ptr<const RoiGrid> grid, std::vector<float> values);
    // The same with a grid of its own: values[i] belongs to grid voxel voxels[i] = (x, y, z) of a grid of dims voxels.
    VoxelOverlay(std::array<int, 3> dims, const std::vector<std::array<int32_t, 3>> &voxels,
                 const std::vector<float> &values);

    bool isEmpty() const { return m_values.empty(); }
    const std::array<int, 3> &dimensions() const;
    const std::shared_ptr<const RoiGrid> &grid() const { return m_grid; }
    // One value per ROI voxel, in ROI order.
    const std::vector<float> &roiValues() const { return m_values; }
    // The value at a grid voxel; NaN where the overlay has no value.
    float value(int x, int y, int z) const;
    int64_t voxelCount() const { return static_cast<int64_t>(m_values.size()); }

    // Range of the finite values, the largest magnitude (at least a tiny positive number), and a robust magnitude
    // for display: the 98th percentile of |value|, so that a few extreme voxels do not wash out the colours.
    double minimum() const { return m_minimum; }
    double maximum() const { return m_maximum; }
    double largestMagnitude() const { return m_largestMagnitude; }
    double robustMagnitude() const { return m_robustMagnitude; }

    // What the values are, for the colour bar (e.g. "mean β, trial 3").
    const QString &label() const { return m_label; }
    void setLabel(const QString &label) { m_label = label; }

private:
    void computeRanges();

    std::shared_ptr<const RoiGrid> m_grid;
    std::vector<float> m_values;
    double m_minimum = 0, m_maximum = 0, m_largestMagnitude = 1e-12, m_robustMagnitude = 1e-12;
    QString m_label;
};

} // namespace vindex::widgets
