#pragma once
// A voxel ROI on a functional grid (NSD's nsdgeneral: −1 outside the brain, 0 brain, 1 ROI). Voxel i of the ROI
// vector is the i-th voxel with value > 0 in numpy C order over (x, y, z) — z fastest — which is what the
// reference's `betas[:, mask > 0]` on nibabel arrays produces, so our vectors line up with every NSD layout.
#include "vindex/io/NiftiImage.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace vindex::data {

class RoiMask {
public:
    using Voxel = std::array<int32_t, 3>;

    // Reads a 3D mask volume. Throws FormatError for an unreadable file, DataError for a non-3D image or an empty ROI.
    static RoiMask read(const std::string &path);
    // A mask over a volume already in memory (values in C order, z fastest), e.g. from a writer or a test.
    static RoiMask fromValues(const std::array<int64_t, 3> &shape, const std::vector<float> &valuesCOrder,
                              const io::NiftiImage::Matrix4 &affine, const std::string &name);

    const std::string &path() const { return m_path; }
    // Volume shape (X, Y, Z).
    const std::array<int64_t, 3> &shape() const { return m_shape; }
    // Voxel index → scanner mm (the mask file's sform/qform).
    const io::NiftiImage::Matrix4 &affine() const { return m_affine; }

    int64_t voxelCount() const { return static_cast<int64_t>(m_voxels.size()); }
    // (x, y, z) of ROI voxel i, in ROI order.
    const std::vector<Voxel> &voxels() const { return m_voxels; }
    const Voxel &voxel(int64_t index) const;
    // The flat C-order index (x·Y + y)·Z + z of ROI voxel i.
    int64_t flatIndex(int64_t index) const;
    // ROI index of grid voxel (x, y, z), or −1 when it is outside the ROI or the grid.
    int64_t indexOf(int64_t x, int64_t y, int64_t z) const;

    // Throws DataError naming both files when image's first three dimensions differ from the mask's.
    void checkShape(const io::NiftiImage &image) const;
    // The ROI vector [V] of volume t of image (scl_slope/scl_inter applied), times factor.
    std::vector<float> extract(const io::NiftiImage &image, int64_t t = 0, double factor = 1.0) const;
    // All volumes of a 4D image as one row-major [T][V] matrix, times factor (one pass over the data).
    std::vector<float> extractAll(const io::NiftiImage &image, double factor = 1.0) const;

private:
    void build(const std::vector<float> &valuesCOrder);

    std::string m_path;
    std::array<int64_t, 3> m_shape{0, 0, 0};
    io::NiftiImage::Matrix4 m_affine{};
    std::vector<Voxel> m_voxels;
    std::vector<int32_t> m_lookup; // flat C index → ROI index or −1
};

} // namespace vindex::data
