#pragma once
// Streams the voxel data of a single-file NIfTI-1 image (.nii, or .nii.gz recognised by its gzip magic whatever the
// file is called) without holding the file: a 4D file is read one volume, or one range of volumes, at a time. A .nii
// is memory-mapped and copied from (pages read are dropped from the process again); a .nii.gz is inflated as far as
// the volumes asked for and no further, through a small window, so a 1 GB betas session costs one volume of memory.
// Reading forward is one pass over the file; asking for a volume before the last one read inflates a .nii.gz from
// its start again. Not thread-safe: one reader per thread.
#include "vindex/io/NiftiHeader.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace vindex::io {

class MappedFile;

class NiftiVolumeReader {
public:
    // Opens the file and parses its header (the first 348 bytes, inflated for .nii.gz); reads nothing else. Throws
    // FormatError naming the file when it cannot be opened, its header does not fit (NiftiHeader::parse), or a
    // .nii.gz header asks for more data than a gzip stream of that size can hold.
    explicit NiftiVolumeReader(const std::string &path);
    ~NiftiVolumeReader();
    NiftiVolumeReader(const NiftiVolumeReader &) = delete;
    NiftiVolumeReader &operator=(const NiftiVolumeReader &) = delete;

    const NiftiHeader &header() const { return m_header; }
    const std::string &path() const { return m_header.path; }
    bool compressed() const { return m_gzip != nullptr; }
    // The volumes of the image (the product of dim[4..]; 1 for a 3D image) and the bytes of one.
    int64_t volumeCount() const { return m_header.volumeCount(); }
    std::size_t volumeBytes() const;

    // Volumes [first, first + count) into out (count × volumeBytes() bytes), x fastest, in the host's byte order.
    // FormatError naming the file when it ends early or its gzip data is corrupt; std::out_of_range for volumes
    // beyond volumeCount().
    void readVolumes(int64_t first, int64_t count, std::byte *out);
    std::vector<std::byte> readVolume(int64_t t);
    // Bytes [offset, offset + size) of the data section (offset from vox_offset; both whole elements) in the host's
    // byte order. Reading the last byte of a .nii.gz also checks its gzip trailer (CRC and length).
    void readData(uint64_t offset, std::size_t size, std::byte *out);

    // An uncompressed file's data where it lies in the mapping (header().voxOffset into mapping()), for readers that
    // keep it without a copy; the file's byte order. Throws FormatError when the file is shorter than the header says.
    // nullptr for a .nii.gz.
    const std::byte *mappedData() const;
    const std::shared_ptr<const MappedFile> &mapping() const { return m_file; }

private:
    class GzipStream;
    void checkInFile(uint64_t end) const;

    std::shared_ptr<const MappedFile> m_file;
    std::unique_ptr<GzipStream> m_gzip;
    NiftiHeader m_header;
};

} // namespace vindex::io
