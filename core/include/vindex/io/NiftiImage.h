#pragma once
// NIfTI-1 images (.nii and .nii.gz): header, datatype, scaling, sform/qform affine and the voxel data.
#include "vindex/io/HostTensor.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace vindex {
class Progress;
}

namespace vindex::io {

class NiftiImage {
public:
    using Matrix4 = std::array<std::array<double, 4>, 4>;

    // Reads a .nii or .nii.gz file (single-file NIfTI-1, either byte order). Throws FormatError naming the file
    // for anything that does not fit: wrong magic, sizes beyond the file, unsupported datatype, truncated data.
    static NiftiImage read(const std::string &path);

    const std::string &path() const { return m_path; }
    // Dimensions in (x, y, z[, t, ...]) order: the header's dim[1..dim[0]].
    const std::vector<int64_t> &shape() const { return m_shape; }
    // Voxel size in mm (pixdim[1..3]) and the repetition time for 4D (pixdim[4]).
    std::array<double, 4> pixdim() const { return m_pixdim; }
    int16_t datatypeCode() const { return m_datatypeCode; }
    DType dtype() const { return m_data.dtype(); }
    float sclSlope() const { return m_sclSlope; }
    float sclInter() const { return m_sclInter; }
    int16_t sformCode() const { return m_sformCode; }
    int16_t qformCode() const { return m_qformCode; }
    // Voxel index → scanner mm: the sform when sform_code > 0, else the qform when qform_code > 0, else pixdim scaling.
    const Matrix4 &affine() const { return m_affine; }
    const std::string &description() const { return m_description; }

    // Stored values (unscaled), as a tensor indexed [x][y][z][t]: element (x, y, z) is data().valueAt(...) in that
    // logical order; the strides reflect that x varies fastest on disk.
    const HostTensor &data() const { return m_data; }
    // The value at a voxel with scl_slope/scl_inter applied (slope 0 means no scaling, as the standard says).
    double value(int64_t x, int64_t y, int64_t z, int64_t t = 0) const;
    // Volume t as floats with scaling applied, x fastest (the on-disk order), size X*Y*Z.
    std::vector<float> scaledVolume(int64_t t = 0) const;

private:
    std::string m_path;
    std::vector<int64_t> m_shape;
    std::array<double, 4> m_pixdim{1, 1, 1, 1};
    int16_t m_datatypeCode = 0;
    float m_sclSlope = 0, m_sclInter = 0;
    int16_t m_sformCode = 0, m_qformCode = 0;
    Matrix4 m_affine{};
    std::string m_description;
    HostTensor m_data;
};

} // namespace vindex::io
