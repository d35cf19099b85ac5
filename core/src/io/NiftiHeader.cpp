#include "vindex/io/NiftiHeader.h"

#include "vindex/core/Error.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

namespace vindex::io {

namespace {

static_assert(std::endian::native == std::endian::little, "the readers assume a little-endian host");

// The fixed fields of the header in the file's byte order.
class FieldReader {
public:
    FieldReader(const std::byte *bytes, bool swap) : m_bytes(bytes), m_swap(swap) {}

    template <typename T> T get(std::size_t offset) const
    {
        std::array<std::byte, sizeof(T)> raw;
        std::memcpy(raw.data(), m_bytes + offset, sizeof(T));
        if (m_swap)
            std::reverse(raw.begin(), raw.end());
        return std::bit_cast<T>(raw);
    }
    int16_t i16(std::size_t offset) const { return get<int16_t>(offset); }
    float f32(std::size_t offset) const { return get<float>(offset); }
    std::string text(std::size_t offset, std::size_t maxLength) const
    {
        const char *p = reinterpret_cast<const char *>(m_bytes + offset);
        return std::string(p, strnlen(p, maxLength));
    }

private:
    const std::byte *m_bytes;
    bool m_swap;
};

std::string unsupportedDatatypeName(int16_t code)
{
    switch (code) {
    case 1: return "binary (1 bit)";
    case 32: return "complex64";
    case 128: return "rgb24";
    case 1536: return "float128";
    case 1792: return "complex128";
    case 2048: return "complex256";
    case 2304: return "rgba32";
    default: return "unknown";
    }
}

int32_t byteSwapped(int32_t value)
{
    return static_cast<int32_t>(__builtin_bswap32(static_cast<uint32_t>(value)));
}

} // namespace

int16_t NiftiHeader::datatypeCodeOf(DType dtype)
{
    switch (dtype) {
    case DType::U8: return 2;
    case DType::I16: return 4;
    case DType::I32: return 8;
    case DType::F32: return 16;
    case DType::F64: return 64;
    case DType::I8: return 256;
    case DType::U16: return 512;
    case DType::U32: return 768;
    case DType::I64: return 1024;
    case DType::U64: return 1280;
    default: return 0;
    }
}

std::optional<DType> NiftiHeader::dtypeOfCode(int16_t code)
{
    for (DType dtype : {DType::U8, DType::I16, DType::I32, DType::F32, DType::F64, DType::I8, DType::U16, DType::U32,
                        DType::I64, DType::U64})
        if (datatypeCodeOf(dtype) == code)
            return dtype;
    return std::nullopt;
}

NiftiHeader NiftiHeader::parse(const std::byte *bytes, std::size_t size, const std::string &path)
{
    if (size < kSize)
        throw FormatError(path, "expected a 348-byte NIfTI-1 header, found only " + std::to_string(size) + " bytes");

    // Byte order: sizeof_hdr reads 348 in the file's own order.
    int32_t sizeofHdr;
    std::memcpy(&sizeofHdr, bytes, 4);
    NiftiHeader h;
    h.path = path;
    if (sizeofHdr != static_cast<int32_t>(kSize)) {
        if (byteSwapped(sizeofHdr) == static_cast<int32_t>(kSize))
            h.swapped = true;
        else if (sizeofHdr == 540 || byteSwapped(sizeofHdr) == 540)
            throw FormatError(path, "NIfTI-2 files (sizeof_hdr 540) are not supported; expected NIfTI-1 (348)");
        else
            throw FormatError(path, "expected sizeof_hdr 348 (NIfTI-1) in either byte order, found " +
                                        std::to_string(sizeofHdr) + " (not a NIfTI file?)");
    }
    const FieldReader f(bytes, h.swapped);

    const std::string magic = f.text(344, 4);
    if (magic == "ni1")
        throw FormatError(path, "a two-file NIfTI pair (magic 'ni1', .hdr/.img) is not supported; expected a "
                                "single .nii file (magic 'n+1')");
    if (std::memcmp(bytes + 344, "n+1\0", 4) != 0)
        throw FormatError(path, "expected NIfTI-1 magic 'n+1', found '" + magic + "'");

    const int16_t rank = f.i16(40);
    if (rank < 1 || rank > 7)
        throw FormatError(path, "expected dim[0] between 1 and 7, found " + std::to_string(rank));
    h.elementCount = 1;
    for (int i = 1; i <= rank; ++i) {
        const int16_t d = f.i16(40 + 2 * i);
        if (d <= 0)
            throw FormatError(path, "expected positive dim[" + std::to_string(i) + "], found " + std::to_string(d));
        h.shape.push_back(d);
        if (__builtin_mul_overflow(h.elementCount, static_cast<uint64_t>(d), &h.elementCount))
            throw FormatError(path, "the dimensions overflow a 64-bit element count");
    }

    h.datatypeCode = f.i16(70);
    const std::optional<DType> dtype = dtypeOfCode(h.datatypeCode);
    if (!dtype)
        throw FormatError(path, "unsupported NIfTI datatype " + std::to_string(h.datatypeCode) + " (" +
                                    unsupportedDatatypeName(h.datatypeCode) +
                                    "); expected one of uint8, int8, int16, uint16, int32, uint32, int64, uint64, "
                                    "float32, float64");
    h.dtype = *dtype;
    h.itemSize = dtypeSize(*dtype);

    for (int i = 0; i < 8; ++i)
        h.pixdim[i] = f.f32(76 + 4 * i);

    // vox_offset is a float; it is truncated (as nibabel does) and never below 352 (as the standard says).
    const float voxOffsetField = f.f32(108);
    if (!std::isfinite(voxOffsetField) || voxOffsetField < 0 || voxOffsetField > 9.0e15f)
        throw FormatError(path, "expected a non-negative vox_offset, found " + std::to_string(voxOffsetField));
    h.voxOffset = std::max<uint64_t>(kMinVoxOffset, static_cast<uint64_t>(std::trunc(voxOffsetField)));

    uint64_t end = 0;
    if (__builtin_mul_overflow(h.elementCount, h.itemSize, &h.dataBytes) ||
        __builtin_add_overflow(h.voxOffset, h.dataBytes, &end))
        throw FormatError(path, "the data size overflows 64 bits (dimensions " + std::to_string(h.elementCount) +
                                    " elements of " + std::to_string(h.itemSize) + " bytes)");

    // Scaling: a slope of 0 or a non-finite slope means the stored values are the values.
    const float slope = f.f32(112);
    const float inter = f.f32(116);
    h.sclSlope = std::isfinite(slope) ? slope : 0.0f;
    if (h.sclSlope != 0.0f && !std::isfinite(inter))
        throw FormatError(path, "scl_slope is " + std::to_string(slope) + " but scl_inter is not finite");
    h.sclInter = h.sclSlope != 0.0f || std::isfinite(inter) ? inter : 0.0f;

    h.description = f.text(148, 80);
    h.qformCode = f.i16(252);
    h.sformCode = f.i16(254);
    for (int i = 0; i < 6; ++i)
        h.quatern[i] = f.f32(256 + 4 * i);
    for (int i = 0; i < 12; ++i)
        h.srow[i] = f.f32(280 + 4 * i);
    return h;
}

int64_t NiftiHeader::volumeElements() const
{
    int64_t n = 1;
    for (std::size_t i = 0; i < std::min<std::size_t>(3, shape.size()); ++i)
        n *= shape[i];
    return n;
}

int64_t NiftiHeader::volumeCount() const
{
    int64_t n = 1;
    for (std::size_t i = 3; i < shape.size(); ++i)
        n *= shape[i];
    return n;
}

NiftiHeader::Matrix4 NiftiHeader::affine() const
{
    Matrix4 a{};
    a[3][3] = 1.0;
    if (sformCode > 0) {
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 4; ++c)
                a[r][c] = srow[4 * r + c];
    } else if (qformCode > 0) {
        // The quaternion (a, b, c, d) with a = sqrt(1 - b² - c² - d²), as in nifti1_io.c's nifti_quatern_to_mat44.
        double b = quatern[0], c = quatern[1], d = quatern[2];
        double qa = 1.0 - (b * b + c * c + d * d);
        if (qa < 1.0e-7) { // a 180° rotation (or slightly unnormalised): renormalise b, c, d
            qa = 1.0 / std::sqrt(b * b + c * c + d * d);
            b *= qa;
            c *= qa;
            d *= qa;
            qa = 0.0;
        } else {
            qa = std::sqrt(qa);
        }
        const double dx = pixdim[1] > 0 ? pixdim[1] : 1.0;
        const double dy = pixdim[2] > 0 ? pixdim[2] : 1.0;
        double dz = pixdim[3] > 0 ? pixdim[3] : 1.0;
        if (pixdim[0] < 0) // qfac = -1 flips the third axis; 0 counts as 1
            dz = -dz;
        const double R[3][3] = {{qa * qa + b * b - c * c - d * d, 2 * (b * c - qa * d), 2 * (b * d + qa * c)},
                                {2 * (b * c + qa * d), qa * qa + c * c - b * b - d * d, 2 * (c * d - qa * b)},
                                {2 * (b * d - qa * c), 2 * (c * d + qa * b), qa * qa + d * d - c * c - b * b}};
        const double zoom[3] = {dx, dy, dz};
        for (int r = 0; r < 3; ++r)
            for (int col = 0; col < 3; ++col)
                a[r][col] = R[r][col] * zoom[col];
        for (int r = 0; r < 3; ++r)
            a[r][3] = quatern[3 + r];
    } else {
        // Method 1 of the standard: grid spacing only.
        for (int i = 0; i < 3; ++i)
            a[i][i] = pixdim[i + 1];
    }
    return a;
}

} // namespace vindex::io
