#pragma once
// One 3D volume ready for display: voxels as floats (x fastest), voxel→world transform and a display range.
// Plain data without Qt GUI or VTK types, so that it can be built on a worker thread while the GUI stays live.
#include <QString>

#include <array>
#include <cstdint>
#include <vector>

namespace vindex::widgets {

class VolumeData {
public:
    VolumeData() = default;
    // Voxels in x-fastest order (dims[0] * dims[1] * dims[2] values). Non-finite values are replaced by the
    // smallest finite value so that they do not break the window/level.
    VolumeData(std::array<int, 3> dims, std::vector<float> voxels);

    // Reads volume `frame` of a NIfTI-1 file (.nii / .nii.gz) through core's reader. Throws vindex::Error
    // (FormatError naming the file) when it cannot be read.
    static VolumeData fromNifti(const QString &path, int64_t frame = 0);

    bool isEmpty() const { return m_voxels.empty(); }
    const std::array<int, 3> &dimensions() const { return m_dims; }
    const std::vector<float> &voxels() const { return m_voxels; }
    float voxel(int x, int y, int z) const;

    // Voxel size in mm.
    const std::array<double, 3> &spacing() const { return m_spacing; }
    void setSpacing(const std::array<double, 3> &spacing) { m_spacing = spacing; }
    // Row-major 4x4 voxel index → world (mm) transform; the NIfTI sform/qform, else a diagonal of the spacing.
    const std::array<double, 16> &voxelToWorld() const { return m_voxelToWorld; }
    void setVoxelToWorld(const std::array<double, 16> &matrix);

    double minimum() const { return m_minimum; }
    double maximum() const { return m_maximum; }
    // Grey window for display: the 1st to 99.5th percentile, so that a few bright voxels do not wash out
    // the image; min/max when the percentiles coincide (masks, constant images).
    double displayLow() const { return m_displayLow; }
    double displayHigh() const { return m_displayHigh; }

    const QString &path() const { return m_path; }
    void setPath(const QString &path) { m_path = path; }
    // Number of volumes in the file (the 4th dimension) and the one shown.
    int64_t frameCount() const { return m_frameCount; }
    int64_t frame() const { return m_frame; }

private:
    void computeRanges();

    std::array<int, 3> m_dims{0, 0, 0};
    std::vector<float> m_voxels;
    std::array<double, 3> m_spacing{1, 1, 1};
    std::array<double, 16> m_voxelToWorld{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    double m_minimum = 0, m_maximum = 0;
    double m_displayLow = 0, m_displayHigh = 0;
    QString m_path;
    int64_t m_frameCount = 1;
    int64_t m_frame = 0;
};

} // namespace vindex::widgets
