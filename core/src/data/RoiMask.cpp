#include "vindex/data/RoiMask.h"

#include "vindex/core/Error.h"

#include <cstring>

namespace vindex::data {

namespace {

std::string shapeText(const std::vector<int64_t> &shape)
{
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + ")";
}

// Reads element i (in storage units) of a tensor's buffer as double; int16 is the hot path for NSD betas.
inline double loadAs(io::DType dtype, const std::byte *p)
{
    switch (dtype) {
    case io::DType::I16: {
        int16_t v;
        std::memcpy(&v, p, 2);
        return v;
    }
    case io::DType::U8: return static_cast<double>(static_cast<uint8_t>(*p));
    case io::DType::I8: return static_cast<double>(static_cast<int8_t>(*p));
    case io::DType::U16: {
        uint16_t v;
        std::memcpy(&v, p, 2);
        return v;
    }
    case io::DType::I32: {
        int32_t v;
        std::memcpy(&v, p, 4);
        return v;
    }
    case io::DType::U32: {
        uint32_t v;
        std::memcpy(&v, p, 4);
        return v;
    }
    case io::DType::I64: {
        int64_t v;
        std::memcpy(&v, p, 8);
        return static_cast<double>(v);
    }
    case io::DType::U64: {
        uint64_t v;
        std::memcpy(&v, p, 8);
        return static_cast<double>(v);
    }
    case io::DType::F32: {
        float v;
        std::memcpy(&v, p, 4);
        return v;
    }
    case io::DType::F64: {
        double v;
        std::memcpy(&v, p, 8);
        return v;
    }
    case io::DType::F16: {
        uint16_t v;
        std::memcpy(&v, p, 2);
        return io::halfToFloat(v);
    }
    case io::DType::BF16: {
        uint16_t v;
        std::memcpy(&v, p, 2);
        return io::bfloat16ToFloat(v);
    }
    default: throw DataError("unsupported voxel data type " + std::string(io::dtypeName(dtype)));
    }
}

} // namespace

RoiMask RoiMask::read(const std::string &path)
{
    const io::NiftiImage image = io::NiftiImage::read(path);
    const auto &shape = image.shape();
    // A trailing singleton t is still a 3D mask.
    if (shape.size() < 3 || (shape.size() > 3 && image.data().numel() != shape[0] * shape[1] * shape[2]))
        throw DataError(path + ": expected a 3D ROI volume (x, y, z), found shape " + shapeText(shape));
    RoiMask mask;
    mask.m_path = path;
    mask.m_shape = {shape[0], shape[1], shape[2]};
    mask.m_affine = image.affine();
    // scaledVolume is x fastest; reorder to C order (z fastest) so that the ROI order is the reference's.
    const std::vector<float> fortran = image.scaledVolume(0);
    const int64_t X = shape[0], Y = shape[1], Z = shape[2];
    std::vector<float> c(fortran.size());
    for (int64_t x = 0; x < X; ++x)
        for (int64_t y = 0; y < Y; ++y)
            for (int64_t z = 0; z < Z; ++z)
                c[(x * Y + y) * Z + z] = fortran[x + X * (y + Y * z)];
    mask.build(c);
    return mask;
}

RoiMask RoiMask::fromValues(const std::array<int64_t, 3> &shape, const std::vector<float> &valuesCOrder,
                            const io::NiftiImage::Matrix4 &affine, const std::string &name)
{
    if (static_cast<int64_t>(valuesCOrder.size()) != shape[0] * shape[1] * shape[2])
        throw DataError(name + ": expected " + std::to_string(shape[0] * shape[1] * shape[2]) +
                        " mask values for the shape, found " + std::to_string(valuesCOrder.size()));
    RoiMask mask;
    mask.m_path = name;
    mask.m_shape = shape;
    mask.m_affine = affine;
    mask.build(valuesCOrder);
    return mask;
}

void RoiMask::build(const std::vector<float> &valuesCOrder)
{
    const int64_t Y = m_shape[1], Z = m_shape[2];
    m_lookup.assign(valuesCOrder.size(), -1);
    m_voxels.clear();
    for (std::size_t i = 0; i < valuesCOrder.size(); ++i) {
        // > 0 as in the reference (nsdgeneral's −1 = outside the brain, 0 = not in the ROI).
        if (valuesCOrder[i] > 0.0f) {
            const int64_t flat = static_cast<int64_t>(i);
            m_lookup[i] = static_cast<int32_t>(m_voxels.size());
            m_voxels.push_back({static_cast<int32_t>(flat / (Y * Z)), static_cast<int32_t>((flat / Z) % Y),
                                static_cast<int32_t>(flat % Z)});
        }
    }
    if (m_voxels.empty())
        throw DataError(m_path + ": the ROI is empty (expected at least one voxel with a value > 0)");
}

const RoiMask::Voxel &RoiMask::voxel(int64_t index) const
{
    if (index < 0 || index >= voxelCount())
        throw DataError(m_path + ": ROI voxel " + std::to_string(index) + " is out of range (the ROI has " +
                        std::to_string(voxelCount()) + " voxels)");
    return m_voxels[static_cast<std::size_t>(index)];
}

int64_t RoiMask::flatIndex(int64_t index) const
{
    const Voxel &v = voxel(index);
    return (v[0] * m_shape[1] + v[1]) * m_shape[2] + v[2];
}

int64_t RoiMask::indexOf(int64_t x, int64_t y, int64_t z) const
{
    if (x < 0 || y < 0 || z < 0 || x >= m_shape[0] || y >= m_shape[1] || z >= m_shape[2])
        return -1;
    return m_lookup[static_cast<std::size_t>((x * m_shape[1] + y) * m_shape[2] + z)];
}

void RoiMask::checkShape(const io::NiftiImage &image) const
{
    const auto &shape = image.shape();
    if (shape.size() < 3 || shape[0] != m_shape[0] || shape[1] != m_shape[1] || shape[2] != m_shape[2])
        throw DataError(image.path() + ": volume shape " + shapeText(shape) + " does not match the ROI mask " + m_path +
                        " of shape " + shapeText({m_shape[0], m_shape[1], m_shape[2]}));
}

std::vector<float> RoiMask::extract(const io::NiftiImage &image, int64_t t, double factor) const
{
    checkShape(image);
    const io::HostTensor &data = image.data();
    const int64_t volumes = data.numel() / (m_shape[0] * m_shape[1] * m_shape[2]);
    if (t < 0 || t >= volumes)
        throw DataError(image.path() + ": volume " + std::to_string(t) + " requested, the image has " +
                        std::to_string(volumes));
    const auto &strides = data.strides();
    const int64_t tStride = strides.size() > 3 ? strides[3] : 0;
    const std::size_t item = io::dtypeSize(data.dtype());
    const bool scaled = image.sclSlope() != 0.0f;
    const double slope = scaled ? image.sclSlope() : 1.0, inter = scaled ? image.sclInter() : 0.0;
    std::vector<float> out(m_voxels.size());
    for (std::size_t i = 0; i < m_voxels.size(); ++i) {
        const Voxel &v = m_voxels[i];
        const int64_t offset = v[0] * strides[0] + v[1] * strides[1] + v[2] * strides[2] + t * tStride;
        const double stored = loadAs(data.dtype(), data.data() + offset * static_cast<int64_t>(item));
        out[i] = static_cast<float>((stored * slope + inter) * factor);
    }
    return out;
}

std::vector<float> RoiMask::extractAll(const io::NiftiImage &image, double factor) const
{
    checkShape(image);
    const io::HostTensor &data = image.data();
    const int64_t volumes = data.numel() / (m_shape[0] * m_shape[1] * m_shape[2]);
    const auto &strides = data.strides();
    const int64_t tStride = strides.size() > 3 ? strides[3] : 0;
    const std::size_t item = io::dtypeSize(data.dtype());
    const bool scaled = image.sclSlope() != 0.0f;
    const double slope = scaled ? image.sclSlope() : 1.0, inter = scaled ? image.sclInter() : 0.0;
    // Voxel offsets once; then each volume is a gather.
    std::vector<int64_t> offsets(m_voxels.size());
    for (std::size_t i = 0; i < m_voxels.size(); ++i)
        offsets[i] = m_voxels[i][0] * strides[0] + m_voxels[i][1] * strides[1] + m_voxels[i][2] * strides[2];
    const std::size_t V = m_voxels.size();
    std::vector<float> out(static_cast<std::size_t>(volumes) * V);
    for (int64_t t = 0; t < volumes; ++t) {
        const std::byte *base = data.data() + t * tStride * static_cast<int64_t>(item);
        float *row = out.data() + static_cast<std::size_t>(t) * V;
        if (data.dtype() == io::DType::I16) {
            for (std::size_t i = 0; i < V; ++i) {
                int16_t s;
                std::memcpy(&s, base + offsets[i] * 2, 2);
                row[i] = static_cast<float>((s * slope + inter) * factor);
            }
        } else {
            for (std::size_t i = 0; i < V; ++i)
                row[i] = static_cast<float>(
                    (loadAs(data.dtype(), base + offsets[i] * static_cast<int64_t>(item)) * slope + inter) * factor);
        }
    }
    return out;
}

} // namespace vindex::data
