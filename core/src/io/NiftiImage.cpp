#include "vindex/io/NiftiImage.h"

#include "vindex/core/Error.h"
#include "vindex/io/NiftiVolumeReader.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace vindex::io {

// The header and the data come from NiftiVolumeReader (which parses the header through NiftiHeader); an uncompressed
// file in the host's byte order is used where it lies in the mapping.
NiftiImage NiftiImage::read(const std::string &path)
{
    NiftiVolumeReader reader(path);
    const NiftiHeader &h = reader.header();
    NiftiImage image;
    image.m_path = path;
    image.m_shape = h.shape;
    for (int i = 0; i < 4; ++i)
        image.m_pixdim[i] = h.pixdim[i + 1];
    image.m_datatypeCode = h.datatypeCode;
    image.m_sclSlope = h.sclSlope;
    image.m_sclInter = h.sclInter;
    image.m_sformCode = h.sformCode;
    image.m_qformCode = h.qformCode;
    image.m_affine = h.affine();
    image.m_description = h.description;

    // The data tensor: [x][y][z][t...] with x fastest in memory.
    std::vector<int64_t> strides(image.m_shape.size());
    int64_t stride = 1;
    for (std::size_t i = 0; i < image.m_shape.size(); ++i) {
        strides[i] = stride;
        stride *= image.m_shape[i];
    }

    const std::byte *mapped = reader.mappedData();
    if (mapped && !h.swapped && reinterpret_cast<uintptr_t>(mapped) % h.itemSize == 0) {
        // Zero-copy: the tensor keeps the mapping alive.
        image.m_data = HostTensor(h.dtype, image.m_shape, std::move(strides), 0, mapped,
                                  std::shared_ptr<const void>(reader.mapping(), reader.mapping().get()));
        return image;
    }
    // A copy in the host's byte order. A .nii.gz grows the buffer as data actually arrives, so that a lying header
    // cannot make us allocate up front.
    auto storage = std::make_shared<std::vector<std::byte>>();
    std::size_t filled = 0;
    while (filled < h.dataBytes) {
        const uint64_t growth = reader.compressed() ? std::max<uint64_t>(2 * filled, 1u << 24) : h.dataBytes;
        const std::size_t target =
            static_cast<std::size_t>(std::min<uint64_t>(h.dataBytes, growth)) / h.itemSize * h.itemSize;
        storage->resize(target);
        reader.readData(filled, target - filled, storage->data() + filled);
        filled = target;
    }
    const std::byte *data = storage->data();
    image.m_data =
        HostTensor(h.dtype, image.m_shape, std::move(strides), 0, data, std::shared_ptr<const void>(storage, data));
    return image;
}

namespace {

template <typename T> double loadAs(const std::byte *p)
{
    T v;
    std::memcpy(&v, p, sizeof(T));
    return static_cast<double>(v);
}

double loadElement(DType dtype, const std::byte *p)
{
    switch (dtype) {
    case DType::U8: return loadAs<uint8_t>(p);
    case DType::I8: return loadAs<int8_t>(p);
    case DType::I16: return loadAs<int16_t>(p);
    case DType::U16: return loadAs<uint16_t>(p);
    case DType::I32: return loadAs<int32_t>(p);
    case DType::U32: return loadAs<uint32_t>(p);
    case DType::I64: return loadAs<int64_t>(p);
    case DType::U64: return loadAs<uint64_t>(p);
    case DType::F32: return loadAs<float>(p);
    case DType::F64: return loadAs<double>(p);
    default: throw Error("NiftiImage: unexpected dtype " + std::string(dtypeName(dtype)));
    }
}

} // namespace

double NiftiImage::value(int64_t x, int64_t y, int64_t z, int64_t t) const
{
    const int64_t index[4] = {x, y, z, t};
    int64_t offset = 0;
    for (int i = 0; i < 4; ++i) {
        const int64_t extent = i < static_cast<int>(m_shape.size()) ? m_shape[i] : 1;
        if (index[i] < 0 || index[i] >= extent)
            throw std::out_of_range(m_path + ": voxel (" + std::to_string(x) + ", " + std::to_string(y) + ", " +
                                    std::to_string(z) + ", " + std::to_string(t) + ") is outside the image");
        if (i < static_cast<int>(m_shape.size()))
            offset += index[i] * m_data.strides()[i];
    }
    const double stored =
        loadElement(m_data.dtype(), m_data.data() + offset * static_cast<int64_t>(dtypeSize(m_data.dtype())));
    return m_sclSlope != 0.0f ? stored * m_sclSlope + m_sclInter : stored;
}

std::vector<float> NiftiImage::scaledVolume(int64_t t) const
{
    int64_t volume = 1;
    for (std::size_t i = 0; i < std::min<std::size_t>(3, m_shape.size()); ++i)
        volume *= m_shape[i];
    const int64_t volumes = m_data.numel() / std::max<int64_t>(volume, 1);
    if (t < 0 || t >= volumes)
        throw std::out_of_range(m_path + ": volume " + std::to_string(t) + " of " + std::to_string(volumes));
    const std::size_t itemSize = dtypeSize(m_data.dtype());
    const std::byte *base = m_data.data() + t * volume * static_cast<int64_t>(itemSize);
    std::vector<float> out(static_cast<std::size_t>(volume));
    const bool scaled = m_sclSlope != 0.0f;
    for (int64_t i = 0; i < volume; ++i) {
        const double v = loadElement(m_data.dtype(), base + i * static_cast<int64_t>(itemSize));
        out[i] = static_cast<float>(scaled ? v * m_sclSlope + m_sclInter : v);
    }
    return out;
}

} // namespace vindex::io
