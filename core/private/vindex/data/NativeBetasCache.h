#pragma once
// A persistent, memory-mapped, ROI-reduced copy of one native NSD betas session (betas_sessionNN.nii.gz): the
// session's trials × ROI voxels, trial-major, so that one trial is one contiguous read of V items. NSD stores int16
// (%signal × 300), and so does the cache (V × 2 bytes a trial); other source datatypes are kept as float32.
//
// One file per session, not per subject: a session is converted (and a conversion interrupted or failed) on its
// own, the file is written in one streaming pass while its source is decompressed (memory: one volume and one row),
// a trial only ever needs its own session converted, and staleness is checked against exactly the one source file
// the data came from. A subject is 40 files of ~24 MB (15,724 voxels × 750 trials × 2 bytes).
//
// Rows are read z-scored per voxel over the session (SessionZScore: as MindEye made its files), so the file also keeps
// each voxel's session mean and scale, computed while the rows are written.
//
// File layout (little-endian), format version 2 (version 1 files, without the statistics, are stale and rebuilt):
//   [0, 4096)   header: magic "VXBETAS\n", version, dtype, data offset, shape [trials, voxels], value = raw × scale +
//               offset, source (absolute path, size, mtime in ns), ROI (voxel count, hash of the voxel indices), and a
//               checksum of the header bytes
//   [4096, …)   data: trials × voxels items of dtype, trial-major
//   then        statistics: voxels float64 session means of the values, then voxels float64 scales (StandardScaler's)
//   last 16     trailer: checksum of the data and statistics, end magic "VXBEND\n\0"
// A file is trusted only when all of it matches what it is asked to stand for and its size is exactly header + data +
// trailer; anything else (absent, other version, other source, changed ROI, truncated, checksum mismatch) is reported
// as a reason and the caller rebuilds it. The data checksum is checked by verifyData() (reads the whole file), not on
// every open, so that mapping a session stays cheap. Files are written through io::AtomicFile (temp + rename): a
// crash leaves the old file or none, never a half-written one that looks valid (and a mapped file is never
// rewritten in place: a process that has it mapped keeps reading the old inode). Rows read are dropped from the
// process's page tables again (they stay in the kernel's page cache), so resident memory stays flat however many
// trials are read.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace vindex::io {
class MappedFile;
}

namespace vindex::data {

class RoiMask;

// What a cache file stands for: the exact source file and the ROI the rows were reduced to.
struct NativeBetasSource {
    std::string path;    // absolute path of betas_sessionNN.nii.gz
    uint64_t size = 0;   // its size in bytes
    int64_t mtimeNs = 0; // its modification time, ns since the epoch
    int64_t roiVoxels = 0;
    uint64_t roiHash = 0; // NativeBetasCache::roiHash

    // Stats the file (its path made absolute). Throws DataError naming it when it cannot be stat'ed.
    static NativeBetasSource of(const std::string &path, const RoiMask &roi);
    bool operator==(const NativeBetasSource &) const = default;
};

class NativeBetasCache {
public:
    static constexpr uint32_t kFormatVersion = 2; // 2: z-scoring statistics added
    static constexpr std::size_t kHeaderBytes = 4096;
    static constexpr std::size_t kTrailerBytes = 16;

    enum class DType : uint32_t { Int16 = 1, Float32 = 2 };
    struct Format {
        DType dtype = DType::Int16;
        int64_t trials = 0;
        int64_t voxels = 0;
        double scale = 1.0; // value = raw × scale + offset (NSD int16: 1/300 times the NIfTI scl_slope)
        double offset = 0.0;
    };

    // Maps a cache file and checks its header, size and trailer against source. Returns nullptr when the file is
    // absent or must not be trusted; *reason (when given) then says why ("absent", "stale: …", "damaged: …").
    // Never throws for a bad file.
    static std::shared_ptr<const NativeBetasCache> open(const std::string &path, const NativeBetasSource &source,
                                                        std::string *reason = nullptr);

    // Fills row t (format.voxels items of format.dtype) for t = 0 .. trials−1, in order.
    using RowFiller = std::function<void(int64_t trial, void *row)>;
    // Writes a cache file atomically, streaming one row at a time, and the session statistics of the rows after them;
    // creates the folder. Returns the file's size.
    // Exceptions from fill propagate (nothing is left behind); io errors throw vindex::Error naming the file.
    static uint64_t write(const std::string &path, const NativeBetasSource &source, const Format &format,
                          const RowFiller &fill);

    const std::string &path() const { return m_path; }
    const NativeBetasSource &source() const { return m_source; }
    const Format &format() const { return m_format; }
    int64_t trials() const { return m_format.trials; }
    int64_t voxels() const { return m_format.voxels; }
    uint64_t fileBytes() const;

    // Trial t's row z-scored per voxel over the session: the value in %signal (raw × scale + offset, computed in
    // double and rounded to float, as the decoder does), minus the voxel's session mean, divided by its scale
    // (SessionZScore::apply). t must be in [0, trials) (DataError otherwise); out holds voxels() floats.
    void readRow(int64_t trial, float *out) const;
    std::vector<float> row(int64_t trial) const;
    // The same row before z-scoring, in %signal.
    void readPercentSignal(int64_t trial, float *out) const;
    // Per voxel session mean (of the %signal values) and scale.
    const std::vector<double> &mean() const { return m_mean; }
    const std::vector<double> &scale() const { return m_scale; }
    // Recomputes the data checksum over the whole file: false when the data changed after it was written.
    bool verifyData() const;

    // FNV-1a of the mask's grid shape and flat voxel indices: changes when the ROI changes.
    static uint64_t roiHash(const RoiMask &roi);
    // Where caches live unless told otherwise: $VINDEX_CACHE_DIR, else $XDG_CACHE_HOME/vindex/nsd-roi, else
    // $HOME/.cache/vindex/nsd-roi; empty when none of these is set.
    static std::string defaultBaseDirectory();
    // base/<16 hex digits: hash of the absolute, normalised root>/subj0S.
    static std::string subjectDirectory(const std::string &base, const std::string &root, int subject);
    // betas_sessionNN.roi (the cache file of a 1-based session inside subjectDirectory).
    static std::string fileName(int session);

    ~NativeBetasCache();
    NativeBetasCache(const NativeBetasCache &) = delete;
    NativeBetasCache &operator=(const NativeBetasCache &) = delete;

private:
    NativeBetasCache() = default;
    void releasePages(const std::byte *p, std::size_t n) const;

    std::string m_path;
    NativeBetasSource m_source;
    Format m_format;
    std::shared_ptr<const io::MappedFile> m_file;
    uint64_t m_dataChecksum = 0;
    std::vector<double> m_mean, m_scale; // [voxels] each, copied out of the statistics section
};

} // namespace vindex::data
