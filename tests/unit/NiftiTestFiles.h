#pragma once
// NIfTI-1 files built byte by byte for the tests, independently of the code under test: the header fields at the
// offsets nifti1.h gives them, the data in either byte order, and gzip written by hand (RFC 1952 around stored deflate
// blocks, RFC 1951 §3.2.4), so that neither our reader nor zlib's deflate decides what a file holds.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace niftitest {

struct NiftiSpec {
    std::vector<int16_t> dims{2, 3, 4}; // dim[1..]
    int16_t datatype = 4;               // int16
    int16_t bitpix = 16;
    std::array<float, 8> pixdim{1, 1, 1, 1, 1, 0, 0, 0};
    float voxOffset = 352;
    int64_t dataAt = -1; // where the data really goes; -1 = at vox_offset (hostile files lie)
    float sclSlope = 0, sclInter = 0;
    int16_t qformCode = 0, sformCode = 0;
    std::array<float, 6> quatern{}; // b, c, d, qoffset x, y, z
    std::array<float, 12> srow{};
    std::string magic{"n+1\0", 4};
    int32_t sizeofHdr = 348;
    bool bigEndian = false;
    std::string description;
};

// Header + padding up to vox_offset (or dataAt) + the data as given (already in the file's byte order).
std::vector<uint8_t> buildNifti(const NiftiSpec &spec, const std::vector<uint8_t> &data);

// values in the file's byte order.
template <typename T> std::vector<uint8_t> encode(const std::vector<T> &values, bool bigEndian)
{
    std::vector<uint8_t> out(values.size() * sizeof(T));
    for (std::size_t i = 0; i < values.size(); ++i) {
        uint8_t raw[sizeof(T)];
        std::memcpy(raw, &values[i], sizeof(T));
        if (bigEndian)
            std::reverse(raw, raw + sizeof(T));
        std::memcpy(out.data() + i * sizeof(T), raw, sizeof(T));
    }
    return out;
}

// One gzip member holding payload in stored blocks of at most blockSize bytes.
std::vector<uint8_t> gzipStored(const std::vector<uint8_t> &payload, std::size_t blockSize = 65535);

} // namespace niftitest
