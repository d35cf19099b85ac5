#include "VolumeData.h"

#include "vindex/core/Error.h"
#include "vindex/io/NiftiImage.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vindex::widgets {

VolumeData::VolumeData(std::array<int, 3> dims, std::vector<float> voxels) : m_dims(dims), m_voxels(std::move(voxels))
{
    const auto expected = static_cast<std::size_t>(std::max(dims[0], 0)) *
                          static_cast<std::size_t>(std::max(dims[1], 0)) *
                          static_cast<std::size_t>(std::max(dims[2], 0));
    if (expected != m_voxels.size())
        throw Error("volume of " + std::to_string(dims[0]) + "x" + std::to_string(dims[1]) + "x" +
                    std::to_string(dims[2]) + " voxels needs " + std::to_string(expected) + " values, got " +
                    std::to_string(m_voxels.size()));
    computeRanges();
}

VolumeData VolumeData::fromNifti(const QString &path, int64_t frame)
{
    const auto image = io::NiftiImage::read(path.toStdString());
    const auto &shape = image.shape();
    if (shape.empty() || shape.size() > 7)
        throw FormatError(image.path(), "expected 1 to 7 dimensions, found " + std::to_string(shape.size()));
    std::array<int, 3> dims{1, 1, 1};
    for (std::size_t axis = 0; axis < 3 && axis < shape.size(); ++axis) {
        if (shape[axis] < 1 || shape[axis] > std::numeric_limits<int>::max())
            throw FormatError(image.path(), "dimension " + std::to_string(axis + 1) + " is " +
                                                std::to_string(shape[axis]) + ", which cannot be displayed");
        dims[axis] = static_cast<int>(shape[axis]);
    }
    const int64_t frames = shape.size() > 3 ? shape[3] : 1;
    if (frame < 0 || frame >= frames)
        throw Error(image.path() + ": volume " + std::to_string(frame) + " requested, the file has " +
                    std::to_string(frames));

    VolumeData volume(dims, image.scaledVolume(frame));
    volume.m_path = path;
    volume.m_frameCount = frames;
    volume.m_frame = frame;
    const auto pixdim = image.pixdim();
    for (int axis = 0; axis < 3; ++axis)
        volume.m_spacing[axis] = pixdim[axis] > 0 && std::isfinite(pixdim[axis]) ? pixdim[axis] : 1.0;

    std::array<double, 16> matrix{};
    const auto &affine = image.affine();
    for (int row = 0; row < 4; ++row)
        for (int column = 0; column < 4; ++column)
            matrix[row * 4 + column] = affine[row][column];
    volume.setVoxelToWorld(matrix);
    return volume;
}

float VolumeData::voxel(int x, int y, int z) const
{
    return m_voxels[static_cast<std::size_t>(x) +
                    static_cast<std::size_t>(m_dims[0]) *
                        (static_cast<std::size_t>(y) + static_cast<std::size_t>(m_dims[1]) * z)];
}

void VolumeData::setVoxelToWorld(const std::array<double, 16> &matrix)
{
    // A header without a usable orientation (zero or non-finite linear part) is shown with the voxel spacing
    // instead of collapsing the view to a point.
    const double det = matrix[0] * (matrix[5] * matrix[10] - matrix[6] * matrix[9]) -
                       matrix[1] * (matrix[4] * matrix[10] - matrix[6] * matrix[8]) +
                       matrix[2] * (matrix[4] * matrix[9] - matrix[5] * matrix[8]);
    const bool finite = std::all_of(matrix.begin(), matrix.end(), [](double v) { return std::isfinite(v); });
    if (finite && std::abs(det) > 1e-12) {
        m_voxelToWorld = matrix;
        return;
    }
    m_voxelToWorld = {m_spacing[0], 0, 0, 0, 0, m_spacing[1], 0, 0, 0, 0, m_spacing[2], 0, 0, 0, 0, 1};
}

void VolumeData::computeRanges()
{
    float lowest = std::numeric_limits<float>::infinity();
    float highest = -std::numeric_limits<float>::infinity();
    for (float v : m_voxels) {
        if (std::isfinite(v)) {
            lowest = std::min(lowest, v);
            highest = std::max(highest, v);
        }
    }
    if (!std::isfinite(lowest)) { // empty or nothing finite
        lowest = highest = 0;
    }
    for (float &v : m_voxels)
        if (!std::isfinite(v))
            v = lowest;
    m_minimum = lowest;
    m_maximum = highest;

    // Percentiles from a strided sample: a few hundred thousand values decide a grey window well enough.
    std::vector<float> sample;
    const std::size_t step = std::max<std::size_t>(1, m_voxels.size() / 262144);
    sample.reserve(m_voxels.size() / step + 1);
    for (std::size_t i = 0; i < m_voxels.size(); i += step)
        sample.push_back(m_voxels[i]);
    m_displayLow = m_minimum;
    m_displayHigh = m_maximum;
    if (sample.size() >= 16) {
        auto at = [&sample](double fraction) {
            auto nth = sample.begin() + static_cast<std::ptrdiff_t>(fraction * static_cast<double>(sample.size() - 1));
            std::nth_element(sample.begin(), nth, sample.end());
            return static_cast<double>(*nth);
        };
        const double low = at(0.01);
        const double high = at(0.995);
        if (high > low) {
            m_displayLow = low;
            m_displayHigh = high;
        }
    }
    if (m_displayHigh <= m_displayLow)
        m_displayHigh = m_displayLow + 1; // a constant image still needs a non-empty window
}

} // namespace vindex::widgets
