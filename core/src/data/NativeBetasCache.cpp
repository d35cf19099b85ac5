#include "vindex/data/NativeBetasCache.h"

#include "vindex/core/Error.h"
#include "vindex/data/RoiMask.h"
#include "vindex/data/SessionZScore.h"
#include "vindex/io/AtomicFile.h"
#include "vindex/io/MappedFile.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sys/mman.h>
#include <sys/stat.h>

namespace fs = std::filesystem;

namespace vindex::data {

static_assert(std::endian::native == std::endian::little, "the betas cache format is little-endian");

namespace {

constexpr char kMagic[8] = {'V', 'X', 'B', 'E', 'T', 'A', 'S', '\n'};
constexpr char kEndMagic[8] = {'V', 'X', 'B', 'E', 'N', 'D', '\n', '\0'};

// Header field offsets (see the header comment of NativeBetasCache.h).
enum : std::size_t {
    kVersionAt = 8,
    kDTypeAt = 12,
    kDataOffsetAt = 16,
    kTrialsAt = 24,
    kVoxelsAt = 32,
    kScaleAt = 40,
    kOffsetAt = 48,
    kSourceSizeAt = 56,
    kSourceMtimeAt = 64,
    kRoiVoxelsAt = 72,
    kRoiHashAt = 80,
    kPathBytesAt = 88,
    kPathAt = 96,
    kHeaderChecksumAt = NativeBetasCache::kHeaderBytes - 8,
};
constexpr std::size_t kMaxPathBytes = kHeaderChecksumAt - kPathAt;

constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL, kFnvPrime = 0x100000001b3ULL;

uint64_t fnv1a(const void *data, std::size_t n, uint64_t h = kFnvOffset)
{
    const auto *p = static_cast<const unsigned char *>(data);
    for (std::size_t i = 0; i < n; ++i)
        h = (h ^ p[i]) * kFnvPrime;
    return h;
}

// Checksum of the data section, fed in arbitrary pieces: 8-byte words through a multiply-xorshift (several GB/s,
// so that `vindex nsd cache` can re-verify a whole subject in about a second).
class DataHasher {
public:
    void update(const void *data, std::size_t n)
    {
        const auto *p = static_cast<const unsigned char *>(data);
        m_total += n;
        while (n > 0 && m_pending > 0) {
            m_buffer[m_pending++] = *p++;
            --n;
            if (m_pending == 8) {
                mix(load(m_buffer));
                m_pending = 0;
            }
        }
        for (; n >= 8; n -= 8, p += 8)
            mix(load(p));
        while (n-- > 0)
            m_buffer[m_pending++] = *p++;
    }
    uint64_t finish()
    {
        if (m_pending > 0) {
            std::memset(m_buffer + m_pending, 0, 8 - m_pending);
            mix(load(m_buffer));
            m_pending = 0;
        }
        mix(m_total);
        return m_h;
    }

private:
    static uint64_t load(const unsigned char *p)
    {
        uint64_t w;
        std::memcpy(&w, p, 8);
        return w;
    }
    void mix(uint64_t w)
    {
        m_h = (m_h ^ w) * 0x9e3779b97f4a7c15ULL;
        m_h ^= m_h >> 29;
    }
    uint64_t m_h = 0x243f6a8885a308d3ULL;
    uint64_t m_total = 0;
    unsigned char m_buffer[8]{};
    std::size_t m_pending = 0;
};

template <typename T> void put(unsigned char *buffer, std::size_t at, T value)
{
    std::memcpy(buffer + at, &value, sizeof value);
}

template <typename T> T get(const std::byte *buffer, std::size_t at)
{
    T value;
    std::memcpy(&value, buffer + at, sizeof value);
    return value;
}

std::size_t itemBytes(NativeBetasCache::DType dtype)
{
    return dtype == NativeBetasCache::DType::Int16 ? 2 : 4;
}

// Bytes of the statistics section: a float64 mean and a float64 scale per voxel.
uint64_t statsBytes(int64_t voxels)
{
    return 2 * 8 * static_cast<uint64_t>(voxels);
}

// A stored row as %signal floats: raw × scale + offset in double, rounded to float (the decoder's arithmetic).
void decodeRow(const std::byte *p, const NativeBetasCache::Format &format, float *out)
{
    const std::size_t V = static_cast<std::size_t>(format.voxels);
    const double a = format.scale, b = format.offset;
    if (format.dtype == NativeBetasCache::DType::Int16) {
        for (std::size_t i = 0; i < V; ++i) {
            int16_t raw;
            std::memcpy(&raw, p + 2 * i, 2);
            out[i] = static_cast<float>(raw * a + b);
        }
    } else {
        for (std::size_t i = 0; i < V; ++i) {
            float raw;
            std::memcpy(&raw, p + 4 * i, 4);
            out[i] = static_cast<float>(raw * a + b);
        }
    }
}

std::string hex16(uint64_t v)
{
    static const char digits[] = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4)
        s[static_cast<std::size_t>(i)] = digits[v & 0xf];
    return s;
}

std::string absoluteNormal(const std::string &path)
{
    std::error_code ec;
    fs::path p = fs::absolute(path, ec);
    if (ec)
        p = path;
    std::string s = p.lexically_normal().string();
    while (s.size() > 1 && s.back() == '/')
        s.pop_back();
    return s;
}

} // namespace

NativeBetasSource NativeBetasSource::of(const std::string &path, const RoiMask &roi)
{
    NativeBetasSource source;
    source.path = absoluteNormal(path);
    struct stat st {};
    if (::stat(source.path.c_str(), &st) != 0)
        throw DataError(path + ": cannot read the betas file: " + std::strerror(errno));
    source.size = static_cast<uint64_t>(st.st_size);
    source.mtimeNs = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    source.roiVoxels = roi.voxelCount();
    source.roiHash = NativeBetasCache::roiHash(roi);
    return source;
}

NativeBetasCache::~NativeBetasCache() = default;

uint64_t NativeBetasCache::roiHash(const RoiMask &roi)
{
    uint64_t h = fnv1a(roi.shape().data(), sizeof(int64_t) * 3);
    for (int64_t i = 0; i < roi.voxelCount(); ++i) {
        const int64_t flat = roi.flatIndex(i);
        h = fnv1a(&flat, sizeof flat, h);
    }
    return h;
}

std::string NativeBetasCache::defaultBaseDirectory()
{
    auto env = [](const char *name) {
        const char *v = std::getenv(name);
        return std::string(v ? v : "");
    };
    if (const std::string dir = env("VINDEX_CACHE_DIR"); !dir.empty())
        return dir;
    if (const std::string xdg = env("XDG_CACHE_HOME"); !xdg.empty() && xdg.front() == '/')
        return (fs::path(xdg) / "vindex" / "nsd-roi").string();
    if (const std::string home = env("HOME"); !home.empty())
        return (fs::path(home) / ".cache" / "vindex" / "nsd-roi").string();
    return {};
}

std::string NativeBetasCache::subjectDirectory(const std::string &base, const std::string &root, int subject)
{
    const std::string absRoot = absoluteNormal(root);
    return (fs::path(base) / hex16(fnv1a(absRoot.data(), absRoot.size())) / ("subj0" + std::to_string(subject)))
        .string();
}

std::string NativeBetasCache::fileName(int session)
{
    std::string n = std::to_string(session);
    if (n.size() < 2)
        n.insert(n.begin(), '0');
    return "betas_session" + n + ".roi";
}

std::shared_ptr<const NativeBetasCache> NativeBetasCache::open(const std::string &path, const NativeBetasSource &source,
                                                               std::string *reason)
{
    auto fail = [&](const std::string &why) -> std::shared_ptr<const NativeBetasCache> {
        if (reason)
            *reason = why;
        return nullptr;
    };
    std::error_code ec;
    if (!fs::exists(path, ec))
        return fail("absent");
    std::shared_ptr<const io::MappedFile> file;
    try {
        file = io::MappedFile::open(path);
    } catch (const Error &e) {
        return fail(std::string("unreadable: ") + e.what());
    }
    const std::size_t size = file->size();
    if (size < kHeaderBytes + kTrailerBytes)
        return fail("damaged: " + std::to_string(size) + " bytes, shorter than the " +
                    std::to_string(kHeaderBytes + kTrailerBytes) + "-byte header and trailer");
    const std::byte *h = file->data();
    if (std::memcmp(h, kMagic, sizeof kMagic) != 0)
        return fail("damaged: not a betas cache file (bad magic)");
    const uint32_t version = get<uint32_t>(h, kVersionAt);
    if (version != kFormatVersion)
        return fail("stale: format version " + std::to_string(version) + " (this build writes " +
                    std::to_string(kFormatVersion) + ")");
    if (get<uint64_t>(h, kHeaderChecksumAt) != fnv1a(h, kHeaderChecksumAt))
        return fail("damaged: header checksum mismatch");

    auto cache = std::shared_ptr<NativeBetasCache>(new NativeBetasCache());
    Format &f = cache->m_format;
    const uint32_t dtype = get<uint32_t>(h, kDTypeAt);
    if (dtype != static_cast<uint32_t>(DType::Int16) && dtype != static_cast<uint32_t>(DType::Float32))
        return fail("damaged: unknown dtype " + std::to_string(dtype));
    f.dtype = static_cast<DType>(dtype);
    f.trials = get<int64_t>(h, kTrialsAt);
    f.voxels = get<int64_t>(h, kVoxelsAt);
    f.scale = get<double>(h, kScaleAt);
    f.offset = get<double>(h, kOffsetAt);
    NativeBetasSource &s = cache->m_source;
    s.size = get<uint64_t>(h, kSourceSizeAt);
    s.mtimeNs = get<int64_t>(h, kSourceMtimeAt);
    s.roiVoxels = get<int64_t>(h, kRoiVoxelsAt);
    s.roiHash = get<uint64_t>(h, kRoiHashAt);
    const uint32_t pathBytes = get<uint32_t>(h, kPathBytesAt);
    if (get<uint64_t>(h, kDataOffsetAt) != kHeaderBytes || pathBytes > kMaxPathBytes)
        return fail("damaged: inconsistent header");
    s.path.assign(reinterpret_cast<const char *>(h + kPathAt), pathBytes);

    if (s.path != source.path)
        return fail("stale: built from " + s.path + ", not " + source.path);
    if (s.size != source.size || s.mtimeNs != source.mtimeNs)
        return fail("stale: " + source.path + " changed since the cache was built (size " + std::to_string(s.size) +
                    " → " + std::to_string(source.size) + ", mtime " + std::to_string(s.mtimeNs) + " → " +
                    std::to_string(source.mtimeNs) + " ns)");
    if (s.roiVoxels != source.roiVoxels || s.roiHash != source.roiHash)
        return fail("stale: built for another ROI (" + std::to_string(s.roiVoxels) + " voxels, now " +
                    std::to_string(source.roiVoxels) + ")");
    // Shape: bounded before multiplying, so that a crafted header cannot overflow the size check.
    if (f.voxels != s.roiVoxels || f.trials < 1 || f.trials > (int64_t{1} << 24) || f.voxels < 1 ||
        f.voxels > (int64_t{1} << 28))
        return fail("damaged: shape [" + std::to_string(f.trials) + ", " + std::to_string(f.voxels) +
                    "] is not a betas matrix of the ROI's " + std::to_string(s.roiVoxels) + " voxels");
    const uint64_t dataBytes = static_cast<uint64_t>(f.trials) * static_cast<uint64_t>(f.voxels) * itemBytes(f.dtype);
    const uint64_t expected = kHeaderBytes + dataBytes + statsBytes(f.voxels) + kTrailerBytes;
    if (size != expected)
        return fail(std::string(size < expected ? "damaged: truncated, " : "damaged: ") + std::to_string(size) +
                    " bytes where the shape [" + std::to_string(f.trials) + ", " + std::to_string(f.voxels) +
                    "] needs " + std::to_string(expected));
    if (std::memcmp(h + size - 8, kEndMagic, sizeof kEndMagic) != 0)
        return fail("damaged: trailer missing");
    cache->m_dataChecksum = get<uint64_t>(h, size - kTrailerBytes);
    const std::size_t V = static_cast<std::size_t>(f.voxels);
    cache->m_mean.resize(V);
    cache->m_scale.resize(V);
    const std::byte *stats = h + kHeaderBytes + dataBytes;
    std::memcpy(cache->m_mean.data(), stats, 8 * V);
    std::memcpy(cache->m_scale.data(), stats + 8 * V, 8 * V);
    for (std::size_t i = 0; i < V; ++i)
        if (!(cache->m_scale[i] > 0) || !std::isfinite(cache->m_mean[i]))
            return fail("damaged: voxel " + std::to_string(i) + " has no valid session mean and scale");
    // Trials are fetched in random order: no read-ahead around each one (it would only inflate resident memory).
    ::madvise(const_cast<std::byte *>(h), size, MADV_RANDOM);
    cache->m_path = path;
    cache->m_file = std::move(file);
    return cache;
}

uint64_t NativeBetasCache::write(const std::string &path, const NativeBetasSource &source, const Format &format,
                                 const RowFiller &fill)
{
    if (format.trials < 1 || format.voxels < 1)
        throw Error(path + ": cannot write a betas cache of shape [" + std::to_string(format.trials) + ", " +
                    std::to_string(format.voxels) + "]");
    if (source.path.size() > kMaxPathBytes)
        throw Error(path + ": the source path is longer than " + std::to_string(kMaxPathBytes) +
                    " bytes and does not fit the cache header");
    std::error_code ec;
    const fs::path folder = fs::path(path).parent_path();
    if (!folder.empty()) {
        fs::create_directories(folder, ec);
        if (ec)
            throw Error(folder.string() + ": cannot create the cache folder: " + ec.message());
    }

    unsigned char header[kHeaderBytes] = {};
    std::memcpy(header, kMagic, sizeof kMagic);
    put<uint32_t>(header, kVersionAt, kFormatVersion);
    put<uint32_t>(header, kDTypeAt, static_cast<uint32_t>(format.dtype));
    put<uint64_t>(header, kDataOffsetAt, kHeaderBytes);
    put<int64_t>(header, kTrialsAt, format.trials);
    put<int64_t>(header, kVoxelsAt, format.voxels);
    put<double>(header, kScaleAt, format.scale);
    put<double>(header, kOffsetAt, format.offset);
    put<uint64_t>(header, kSourceSizeAt, source.size);
    put<int64_t>(header, kSourceMtimeAt, source.mtimeNs);
    put<int64_t>(header, kRoiVoxelsAt, source.roiVoxels);
    put<uint64_t>(header, kRoiHashAt, source.roiHash);
    put<uint32_t>(header, kPathBytesAt, static_cast<uint32_t>(source.path.size()));
    std::memcpy(header + kPathAt, source.path.data(), source.path.size());
    put<uint64_t>(header, kHeaderChecksumAt, fnv1a(header, kHeaderChecksumAt));

    io::AtomicFile file(path);
    file.write(header, sizeof header);
    const std::size_t rowBytes = static_cast<std::size_t>(format.voxels) * itemBytes(format.dtype);
    std::vector<unsigned char> row(rowBytes);
    std::vector<float> values(static_cast<std::size_t>(format.voxels));
    SessionZScore zscore(format.voxels);
    DataHasher hasher;
    for (int64_t t = 0; t < format.trials; ++t) {
        fill(t, row.data());
        hasher.update(row.data(), rowBytes);
        file.write(row.data(), rowBytes);
        decodeRow(reinterpret_cast<const std::byte *>(row.data()), format, values.data());
        zscore.add(values.data());
    }
    zscore.finish();
    for (const std::vector<double> *stats : {&zscore.mean(), &zscore.scale()}) {
        hasher.update(stats->data(), 8 * stats->size());
        file.write(stats->data(), 8 * stats->size());
    }
    unsigned char trailer[kTrailerBytes];
    put<uint64_t>(trailer, 0, hasher.finish());
    std::memcpy(trailer + 8, kEndMagic, sizeof kEndMagic);
    file.write(trailer, sizeof trailer);
    file.commit();
    return kHeaderBytes + static_cast<uint64_t>(format.trials) * rowBytes + statsBytes(format.voxels) + kTrailerBytes;
}

uint64_t NativeBetasCache::fileBytes() const
{
    return m_file ? m_file->size() : 0;
}

void NativeBetasCache::readRow(int64_t trial, float *out) const
{
    readPercentSignal(trial, out);
    SessionZScore::apply(out, m_mean.data(), m_scale.data(), out, m_mean.size());
}

void NativeBetasCache::readPercentSignal(int64_t trial, float *out) const
{
    if (trial < 0 || trial >= m_format.trials)
        throw DataError(m_path + ": trial " + std::to_string(trial) + " requested, the cache holds 0.." +
                        std::to_string(m_format.trials - 1));
    const std::size_t V = static_cast<std::size_t>(m_format.voxels);
    const std::byte *p =
        m_file->data() + kHeaderBytes + static_cast<std::size_t>(trial) * V * itemBytes(m_format.dtype);
    decodeRow(p, m_format, out);
    releasePages(p, V * itemBytes(m_format.dtype));
}

// Drops the pages of [p, p + n) from this process's page tables once they were copied out (io::MappedFile::
// releasePages): the data stays in the kernel's page cache (the next read of the trial is a minor fault, no disk
// read), but resident memory does not grow towards the cache's size (~1 GB a subject) as random trials touch every
// page. The range is widened to 64 KB granules within the file: a page fault also maps the cached pages around it
// (the kernel's fault-around, 64 KB aligned), which must go as well or resident memory still creeps up.
void NativeBetasCache::releasePages(const std::byte *p, std::size_t n) const
{
    constexpr std::size_t kGranule = 64 * 1024;
    const std::size_t offset = static_cast<std::size_t>(p - m_file->data());
    const std::size_t begin = offset / kGranule * kGranule;
    const std::size_t end = std::min(m_file->size(), (offset + n + kGranule - 1) / kGranule * kGranule);
    m_file->releasePages(begin, end - begin);
}

std::vector<float> NativeBetasCache::row(int64_t trial) const
{
    std::vector<float> out(static_cast<std::size_t>(m_format.voxels));
    readRow(trial, out.data());
    return out;
}

bool NativeBetasCache::verifyData() const
{
    // One sequential pass: read-ahead on for its duration.
    void *base = const_cast<std::byte *>(m_file->data());
    ::madvise(base, m_file->size(), MADV_SEQUENTIAL);
    DataHasher hasher;
    hasher.update(m_file->data() + kHeaderBytes, m_file->size() - kHeaderBytes - kTrailerBytes);
    releasePages(m_file->data(), m_file->size());
    ::madvise(base, m_file->size(), MADV_RANDOM);
    return hasher.finish() == m_dataChecksum;
}

} // namespace vindex::data
