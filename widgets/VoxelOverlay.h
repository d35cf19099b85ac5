#pragma once
// Values on some voxels of a volume's grid — a subject's ROI coloured by a trial's betas — to be shown over that
// volume. Plain data without Qt GUI or VTK types, so that it can be built on a worker thread.
#include <QString>

#include <array>
#include <cstdint>
#include <vector>

namespace vindex::widgets {

class VoxelOverlay {
public:
    VoxelOverlay() = default;
    // values[i] belongs to grid voxel voxels[i] = (x, y, z) of a grid of dims voxels. Throws vindex::Error when the
    // counts differ or a voxel lies outside the grid.
    VoxelOverlay(std::array<int, 3> dims, const std::vector<std::array<int32_t, 3>> &voxels,
                 const std::vector<float> &values);

    bool isEmpty() const { return m_voxelCount == 0; }
    const std::array<int, 3> &dimensions() const { return m_dims; }
    // One value per grid voxel, x fastest (as VolumeData); NaN where the overlay has no value.
    const std::vector<float> &values() const { return m_values; }
    float value(int x, int y, int z) const;
    int64_t voxelCount() const { return m_voxelCount; }

    // Range of the finite values, and the largest magnitude (at least a tiny positive number).
    double minimum() const { return m_minimum; }
    double maximum() const { return m_maximum; }
    double largestMagnitude() const { return m_largestMagnitude; }

    // What the values are, for the colour bar (e.g. "mean β, trial 3").
    const QString &label() const { return m_label; }
    void setLabel(const QString &label) { m_label = label; }

private:
    std::array<int, 3> m_dims{0, 0, 0};
    std::vector<float> m_values;
    int64_t m_voxelCount = 0;
    double m_minimum = 0, m_maximum = 0, m_largestMagnitude = 1e-12;
    QString m_label;
};

} // namespace vindex::widgets
