#pragma once
// Writes single-file NIfTI-1 images (.nii, or .nii.gz when the path ends in .gz) the way nibabel lays them out:
// 348-byte header, 4 zero extension bytes, data from vox_offset 352, x fastest. The sform holds the affine
// (sform_code 2, qform_code 0, pixdim = the affine's column lengths), scl_slope = scl_inter = 0 so the stored
// values are the values. Volumes are written one at a time (and deflated on the fly for .gz), so a 4D betas file of
// a gigabyte never sits in memory. The file appears atomically at commit().
#include "vindex/io/AtomicFile.h"
#include "vindex/io/DType.h"
#include "vindex/io/NiftiImage.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace vindex::io {

class NiftiWriter {
public:
    // fill(t, volume): write volume t (X·Y·Z items of the image's dtype, x fastest) into volume.
    using VolumeFill = std::function<void(int64_t t, std::span<std::byte> volume)>;

    struct Options {
        // zlib level for .nii.gz (1 = fastest: betas are written at tens of gigabytes in real size).
        int compressionLevel = 6;
        std::string description; // descrip, at most 79 bytes
    };

    // Shape (X, Y, Z[, T, ...]), 1..7 dimensions each 1..32767; dtype one of U8, I8, I16, U16, I32, U32, I64, U64,
    // F32, F64. Writes the header. Throws Error naming path for anything NIfTI-1 cannot hold or an unwritable path.
    NiftiWriter(std::string path, DType dtype, std::vector<int64_t> shape, const NiftiImage::Matrix4 &affine,
                const Options &options);
    NiftiWriter(std::string path, DType dtype, std::vector<int64_t> shape, const NiftiImage::Matrix4 &affine);
    ~NiftiWriter();
    NiftiWriter(const NiftiWriter &) = delete;
    NiftiWriter &operator=(const NiftiWriter &) = delete;

    // X·Y·Z: the items of one volume.
    int64_t volumeSize() const { return m_volumeItems; }
    int64_t volumeCount() const { return m_volumes; }
    // Appends the next volume; bytes must be volumeSize() × item size. Error naming the file otherwise or when
    // every volume is already written.
    void writeVolume(std::span<const std::byte> bytes);
    template <typename T> void writeVolume(std::span<const T> values) { writeVolume(std::as_bytes(values)); }
    // Finishes the stream and renames the file into place; Error when volumes are missing.
    void commit();

    // One call: every volume from fill, through a single reusable volume buffer.
    static void write(const std::string &path, DType dtype, const std::vector<int64_t> &shape,
                      const NiftiImage::Matrix4 &affine, const VolumeFill &fill, const Options &options);
    // One call for data already in memory (x fastest, all volumes back to back).
    static void write(const std::string &path, DType dtype, const std::vector<int64_t> &shape,
                      const NiftiImage::Matrix4 &affine, std::span<const std::byte> data, const Options &options);
    // A diagonal affine with voxelSize on the diagonal and the origin at 0 (NSD's 1.8 mm grid by default).
    static NiftiImage::Matrix4 scaleAffine(double voxelSize = 1.8);

private:
    struct Deflater;
    void put(const void *data, std::size_t size);

    std::string m_path;
    AtomicFile m_file;
    std::unique_ptr<Deflater> m_deflater; // null for plain .nii
    std::size_t m_itemSize = 0;
    int64_t m_volumeItems = 0;
    int64_t m_volumes = 0;
    int64_t m_written = 0;
    bool m_committed = false;
};

} // namespace vindex::io
