#pragma once
// The 348-byte header of a single-file NIfTI-1 image (.nii, or the first 348 bytes of a .nii.gz after inflating),
// parsed and validated once for every reader: NiftiImage (the whole image), NiftiVolumeReader (volume by volume) and
// through it the native NSD layout. Field offsets and meanings are those of nifti1.h.
#include "vindex/io/DType.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vindex::io {

struct NiftiHeader {
    using Matrix4 = std::array<std::array<double, 4>, 4>;

    static constexpr std::size_t kSize = 348;
    // A .nii file's data never starts before the header and the 4-byte extension flag (the standard: "If vox_offset
    // is less than 352 in a .nii file, it is equivalent to 352").
    static constexpr uint64_t kMinVoxOffset = 352;

    // Parses the first kSize bytes of a file in either byte order (sizeof_hdr tells which) and validates them:
    // sizeof_hdr 348, magic "n+1", dim[0] in 1..7 and dim[1..dim[0]] positive, a supported datatype, a finite
    // non-negative vox_offset, a data size that fits 64 bits, scaling that can be applied. Throws FormatError naming
    // path and the field that does not fit. size: how many bytes the file (after inflating) really had.
    static NiftiHeader parse(const std::byte *bytes, std::size_t size, const std::string &path);

    // The NIfTI datatype code of an element type (2 uint8 … 1280 uint64); 0 for those NIfTI-1 cannot hold.
    static int16_t datatypeCodeOf(DType dtype);
    // The element type of a datatype code; nullopt for codes without one here (binary, complex, rgb, float128).
    static std::optional<DType> dtypeOfCode(int16_t code);

    std::string path;
    bool swapped = false;       // the file is big-endian (the host is little-endian): values need their bytes reversed
    std::vector<int64_t> shape; // dim[1..dim[0]]: (x, y, z[, t, ...]), x fastest on disk
    int16_t datatypeCode = 0;   // the header's datatype
    DType dtype = DType::U8;    // its element type
    std::size_t itemSize = 1;   // bytes per element
    std::array<float, 8> pixdim{};      // pixdim[0] is qfac, [1..3] the voxel size in mm, [4] the repetition time
    uint64_t voxOffset = kMinVoxOffset; // where the data starts: vox_offset truncated, at least kMinVoxOffset
    uint64_t elementCount = 0;          // product of the dimensions
    uint64_t dataBytes = 0;             // elementCount × itemSize
    float sclSlope = 0;                 // 0 (also for a non-finite slope): the stored values are the values
    float sclInter = 0;
    int16_t qformCode = 0, sformCode = 0;
    std::array<float, 6> quatern{}; // quatern_b, c, d, qoffset_x, y, z
    std::array<float, 12> srow{};   // srow_x, srow_y, srow_z
    std::string description;        // descrip

    // Elements of one volume (the product of dim[1..3]) and the number of volumes (the product of dim[4..]).
    int64_t volumeElements() const;
    int64_t volumeCount() const;
    bool scaled() const { return sclSlope != 0.0f; }
    // Voxel index → scanner mm: the sform when sform_code > 0, else the qform when qform_code > 0, else pixdim
    // scaling (the standard's methods 3, 2 and 1).
    Matrix4 affine() const;
};

} // namespace vindex::io
