#include "vindex/data/NativeSessionCache.h"

#include "vindex/core/Error.h"
#include "vindex/core/Log.h"
#include "vindex/data/NativeBetasCache.h"
#include "vindex/data/RoiMask.h"
#include "vindex/data/SessionZScore.h"
#include "vindex/io/AtomicFile.h"
#include "vindex/io/HostTensor.h"
#include "vindex/io/NiftiVolumeReader.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>

namespace fs = std::filesystem;

namespace vindex::data {

namespace {

std::string subjectName(int subject)
{
    return "subj0" + std::to_string(subject);
}

// "subj01 session 2" in messages, "subj01 session 02" (as the files are numbered) in progress lines.
std::string sessionName(int subject, int session, bool padded = false)
{
    return subjectName(subject) + " session " + (padded && session < 10 ? "0" : "") + std::to_string(session);
}

// A betas file read volume by volume and reduced to the ROI: a real session is (81,104,83,750) int16, 1 GB inflated,
// but its ROI rows are 750 × 15,724 values. Memory: one volume. Its errors are DataErrors: the betas file is at
// fault, not the cache.
class RoiBetasReader {
public:
    RoiBetasReader(const std::string &path, const RoiMask &roi) : m_reader(open(path))
    {
        const io::NiftiHeader &h = m_reader.header();
        NativeSessionCache::checkBetasHeader(h, roi);
        // On disk x varies fastest: flat index x + X·(y + Y·z).
        const int64_t X = h.shape[0], Y = h.shape[1];
        m_indices.reserve(roi.voxels().size());
        for (const auto &v : roi.voxels())
            m_indices.push_back(v[0] + X * (v[1] + Y * v[2]));
        m_volume.resize(m_reader.volumeBytes());
    }

    int64_t volumes() const { return m_reader.volumeCount(); }
    // NIfTI datatype code (4: int16, as NSD writes betas).
    int datatype() const { return m_reader.header().datatypeCode; }
    // scl_slope / scl_inter as they apply (no scaling: slope 1, intercept 0).
    double slope() const { return m_reader.header().scaled() ? m_reader.header().sclSlope : 1.0; }
    double inter() const { return m_reader.header().scaled() ? m_reader.header().sclInter : 0.0; }

    // The next volume's ROI voxels, raw (datatype() must be 4).
    void readRawInt16(int16_t *out)
    {
        const std::byte *volume = nextVolume();
        for (std::size_t i = 0; i < m_indices.size(); ++i)
            std::memcpy(out + i, volume + 2 * m_indices[i], 2);
    }

    // The next volume's ROI voxels as (raw × slope + inter) × factor.
    void read(float *out, double factor)
    {
        const io::HostTensor volume(m_reader.header().dtype, {static_cast<int64_t>(m_reader.header().volumeElements())},
                                    nextVolume(), nullptr);
        const double a = slope() * factor, b = inter() * factor;
        for (std::size_t i = 0; i < m_indices.size(); ++i)
            out[i] = static_cast<float>(volume.valueAt(m_indices[i]) * a + b);
    }

private:
    static io::NiftiVolumeReader open(const std::string &path)
    {
        try {
            return io::NiftiVolumeReader(path);
        } catch (const FormatError &e) {
            throw DataError(e.what());
        }
    }

    const std::byte *nextVolume()
    {
        if (m_next >= volumes())
            throw DataError(m_reader.path() + ": all " + std::to_string(volumes()) + " volumes were read already");
        try {
            m_reader.readVolumes(m_next, 1, m_volume.data());
        } catch (const FormatError &e) {
            throw DataError(std::string(e.what()) + " (reading volume " + std::to_string(m_next) + " of " +
                            std::to_string(volumes()) + ")");
        }
        ++m_next;
        return m_volume.data();
    }

    io::NiftiVolumeReader m_reader;
    std::vector<int64_t> m_indices;
    std::vector<std::byte> m_volume;
    int64_t m_next = 0;
};

// <base>/<hash>/root.txt names the dataset a hash folder belongs to (for people cleaning up); best effort.
void noteRoot(const std::string &subjectCacheDir, const std::string &root)
{
    try {
        const fs::path note = fs::path(subjectCacheDir).parent_path() / "root.txt";
        std::error_code ec;
        if (fs::exists(note, ec))
            return;
        io::AtomicFile file(note.string());
        file.write(fs::absolute(root, ec).lexically_normal().string() + "\n");
        file.commit();
    } catch (const std::exception &) {
    }
}

} // namespace

// Marks a session as being loaded by this thread; the destructor releases it and wakes the waiting threads. The
// caller inserts into `busy` under the lock; the claim must be destroyed without holding it.
class NativeSessionCache::Claim {
public:
    Claim(NativeSessionCache &cache, int session) : m_cache(cache), m_session(session) {}
    ~Claim()
    {
        {
            std::lock_guard<std::mutex> lock(m_cache.m_mutex);
            m_cache.m_busy.erase(m_session);
        }
        m_cache.m_changed.notify_all();
    }
    Claim(const Claim &) = delete;
    Claim &operator=(const Claim &) = delete;

private:
    NativeSessionCache &m_cache;
    int m_session;
};

NativeSessionCache::NativeSessionCache() = default;

NativeSessionCache::NativeSessionCache(const NativeCacheOptions &options, const std::string &root, int subject)
    : m_options(options)
{
    if (options.mode != NativeCacheOptions::Mode::Disk)
        return;
    const std::string base = options.directory.empty() ? NativeBetasCache::defaultBaseDirectory() : options.directory;
    if (base.empty()) {
        logWarning("NSD betas cache: no cache folder ($VINDEX_CACHE_DIR, $XDG_CACHE_HOME and $HOME are unset); " +
                   subjectName(subject) + "'s betas sessions are decoded in memory on every run");
        return;
    }
    m_directory = NativeBetasCache::subjectDirectory(base, root, subject);
    m_diskUsable = true;
}

NativeSessionCache::~NativeSessionCache() = default;

void NativeSessionCache::checkBetasHeader(const io::NiftiHeader &h, const RoiMask &roi)
{
    const auto &shape = roi.shape();
    const auto dim = [&](std::size_t i) { return i < h.shape.size() ? h.shape[i] : 1; };
    if (h.shape.size() < 3 || dim(0) != shape[0] || dim(1) != shape[1] || dim(2) != shape[2])
        throw DataError(h.path + ": volume shape (" + std::to_string(dim(0)) + ", " + std::to_string(dim(1)) + ", " +
                        std::to_string(dim(2)) + ") does not match the ROI mask " + roi.path() + " of shape (" +
                        std::to_string(shape[0]) + ", " + std::to_string(shape[1]) + ", " + std::to_string(shape[2]) +
                        ")");
    if (h.shape.size() > 4)
        throw DataError(h.path + ": expected a 4D image (x, y, z, trials), found rank " +
                        std::to_string(h.shape.size()));
}

io::NiftiHeader NativeSessionCache::readBetasHeader(const std::string &path, const RoiMask &roi)
{
    io::NiftiHeader header;
    try {
        header = io::NiftiVolumeReader(path).header();
    } catch (const FormatError &e) {
        throw DataError(e.what());
    }
    checkBetasHeader(header, roi);
    return header;
}

int NativeSessionCache::mappedSessions() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return static_cast<int>(m_mapped.size());
}

void NativeSessionCache::setCapacity(int sessions)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_capacity = std::max(1, sessions);
    while (static_cast<int>(m_entries.size()) > m_capacity)
        m_entries.pop_back();
}

int NativeSessionCache::cachedSessions() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return static_cast<int>(m_entries.size());
}

// Decompresses the betas file into a new cache file and maps it.
NativeSessionCache::Session NativeSessionCache::convert(const NativeNsdLayout &layout, int session,
                                                        const std::string &cachePath, const JobControl *job,
                                                        double from, double to, bool *converted)
{
    const std::string path = layout.betasPath(session);
    const NativeBetasSource source = NativeBetasSource::of(path, layout.roi());
    RoiBetasReader reader(path, layout.roi());
    NativeBetasCache::Format format;
    format.trials = reader.volumes();
    format.voxels = layout.voxelCount();
    // NSD's int16 stays int16 (raw × slope/300 + inter/300 on reading: the same arithmetic as decoding into floats,
    // so both paths give identical values); any other datatype is stored as the final floats.
    const double scale = 1.0 / NativeNsdLayout::kBetaScale;
    const bool int16 = reader.datatype() == 4;
    format.dtype = int16 ? NativeBetasCache::DType::Int16 : NativeBetasCache::DType::Float32;
    format.scale = int16 ? reader.slope() * scale : 1.0;
    format.offset = int16 ? reader.inter() * scale : 0.0;
    const std::string what = sessionName(layout.subject(), session, true) + ": volume ";
    ++m_decoded;
    NativeBetasCache::write(cachePath, source, format, [&](int64_t t, void *row) {
        if (int16)
            reader.readRawInt16(static_cast<int16_t *>(row));
        else
            reader.read(static_cast<float *>(row), scale);
        if (job)
            job->reportFraction(from + (to - from) * static_cast<double>(t + 1) / static_cast<double>(format.trials),
                                what + std::to_string(t + 1) + "/" + std::to_string(format.trials));
    });
    noteRoot(m_directory, layout.root());
    std::string reason;
    if (auto cache = NativeBetasCache::open(cachePath, source, &reason)) {
        if (converted)
            *converted = true;
        return {cache, nullptr};
    }
    throw Error(cachePath + ": written, but it does not read back (" + reason + ")");
}

// Called with the session claimed and without the lock. With a usable cache folder: maps the session's cache file,
// or decompresses the betas file into a new one first (strict: an io failure of the cache is an Error; otherwise the
// folder is given up with a warning and the session is decoded into memory).
NativeSessionCache::Session NativeSessionCache::load(const NativeNsdLayout &layout, int session, const JobControl *job,
                                                     double from, double to, bool strict, bool verify, bool *converted)
{
    const std::string path = layout.betasPath(session);
    if (m_diskUsable) {
        const NativeBetasSource source = NativeBetasSource::of(path, layout.roi());
        const std::string cachePath = (fs::path(m_directory) / NativeBetasCache::fileName(session)).string();
        std::string reason;
        if (auto cache = NativeBetasCache::open(cachePath, source, &reason)) {
            if (!verify || cache->verifyData())
                return {cache, nullptr};
            reason = "damaged: data checksum mismatch";
        }
        if (reason != "absent")
            logInfo(cachePath + ": " + reason + "; rebuilding it from " + path);
        try {
            return convert(layout, session, cachePath, job, from, to, converted);
        } catch (const DataError &) {
            throw; // the betas file is at fault, not the cache
        } catch (const Cancelled &) {
            throw;
        } catch (const std::bad_alloc &) {
            throw DataError(path + ": out of memory while decoding");
        } catch (const Error &e) {
            if (strict)
                throw;
            if (m_diskUsable.exchange(false))
                logWarning(std::string("NSD betas cache: ") + e.what() + "; " + subjectName(layout.subject()) +
                           "'s betas sessions are decoded in memory instead (each run decompresses them again; set "
                           "VINDEX_CACHE_DIR to a writable folder)");
        }
    }
    if (strict)
        throw Error(subjectName(layout.subject()) + ": no writable cache folder for the betas");
    ++m_decoded;
    try {
        RoiBetasReader reader(path, layout.roi());
        const std::size_t V = static_cast<std::size_t>(layout.voxelCount());
        auto rows = std::make_shared<std::vector<float>>(static_cast<std::size_t>(reader.volumes()) * V);
        // The same values as a cache file gives: %signal floats, z-scored with statistics accumulated in trial order.
        SessionZScore zscore(layout.voxelCount());
        for (int64_t t = 0; t < reader.volumes(); ++t) {
            reader.read(rows->data() + static_cast<std::size_t>(t) * V, 1.0 / NativeNsdLayout::kBetaScale);
            zscore.add(rows->data() + static_cast<std::size_t>(t) * V);
        }
        zscore.finish();
        for (int64_t t = 0; t < reader.volumes(); ++t)
            zscore.apply(rows->data() + static_cast<std::size_t>(t) * V,
                         rows->data() + static_cast<std::size_t>(t) * V);
        return {nullptr, std::move(rows)};
    } catch (const std::bad_alloc &) {
        throw DataError(path + ": out of memory while decoding");
    }
}

NativeSessionCache::Session NativeSessionCache::session(const NativeNsdLayout &layout, const NativeTrial &trial)
{
    const int session = trial.session;
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        if (const auto it = m_mapped.find(session); it != m_mapped.end())
            return {it->second, nullptr};
        for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
            if (it->first == session) {
                m_entries.splice(m_entries.begin(), m_entries, it);
                return {nullptr, it->second};
            }
        }
        if (!m_busy.count(session))
            break;
        m_changed.wait(lock); // another thread is loading this session: it is decompressed once
    }
    m_busy.insert(session);
    lock.unlock();

    Claim claim(*this, session);
    const std::string path = layout.betasPath(session);
    const std::string context = " (betas of " + sessionName(layout.subject(), session) + ", needed for trial " +
                                std::to_string(trial.index) + ")";
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw DataError(path + ": missing" + context);
    Session data;
    try {
        data = load(layout, session, nullptr, 0, 0, false, false, nullptr);
    } catch (const DataError &e) {
        throw DataError(e.what() + context);
    }
    std::lock_guard<std::mutex> guard(m_mutex);
    if (data.mapped) {
        m_mapped[session] = data.mapped;
    } else {
        m_entries.emplace_front(session, data.rows);
        while (static_cast<int>(m_entries.size()) > std::max(1, m_capacity))
            m_entries.pop_back();
    }
    return data;
}

std::vector<float> NativeSessionCache::betas(const NativeNsdLayout &layout, const NativeTrial &trial)
{
    const Session data = session(layout, trial);
    const std::size_t V = static_cast<std::size_t>(layout.voxelCount());
    // Checked on every access, not only at decode time: a short session must not be read past its end.
    const int64_t volumes =
        data.mapped ? data.mapped->trials() : static_cast<int64_t>(data.rows->size() / std::max<std::size_t>(V, 1));
    if (trial.sessionIndex >= volumes)
        throw DataError(layout.betasPath(trial.session) + ": expected at least " +
                        std::to_string(trial.sessionIndex + 1) + " volumes (trials per session " +
                        std::to_string(layout.trialsPerSession()) + "), found " + std::to_string(volumes) +
                        " (betas of " + sessionName(layout.subject(), trial.session) + ", needed for trial " +
                        std::to_string(trial.index) + ")");
    if (data.mapped)
        return data.mapped->row(trial.sessionIndex);
    const float *row = data.rows->data() + static_cast<std::size_t>(trial.sessionIndex) * V;
    return std::vector<float>(row, row + V);
}

// Temporary files of conversions that a crash or a kill interrupted (io::AtomicFile names them <file>.tmp-XXXXXX),
// once they are an hour old, so that a conversion running in another process keeps its own.
void NativeSessionCache::removeStaleTemporaries() const
{
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(m_directory, ec)) {
        std::error_code fileError;
        if (entry.path().filename().string().find(".roi.tmp-") == std::string::npos)
            continue;
        const auto written = fs::last_write_time(entry.path(), fileError);
        if (!fileError && fs::file_time_type::clock::now() - written > std::chrono::hours(1))
            fs::remove(entry.path(), fileError);
    }
}

NativeCacheBuildReport NativeSessionCache::build(const NativeNsdLayout &layout, const JobControl &job)
{
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const std::string subject = subjectName(layout.subject());
    const std::vector<int> &sessions = layout.sessions();
    NativeCacheBuildReport report;
    report.directory = m_directory;
    report.sessions = static_cast<int>(sessions.size());
    if (m_options.mode == NativeCacheOptions::Mode::Memory)
        throw Error(subject + " of " + layout.root() +
                    ": opened with the in-memory betas cache only; there is no cache folder to build");
    if (m_directory.empty())
        throw Error(subject + " of " + layout.root() +
                    ": no cache folder for the betas (set VINDEX_CACHE_DIR, XDG_CACHE_HOME or HOME)");
    std::error_code ec;
    fs::create_directories(m_directory, ec);
    if (ec || !fs::is_directory(m_directory, ec))
        throw Error(m_directory + ": cannot create the betas cache folder" + (ec ? ": " + ec.message() : ""));
    m_diskUsable = true; // the folder exists (again): write into it; a write failure below is an Error
    removeStaleTemporaries();

    const std::size_t n = sessions.size();
    for (std::size_t i = 0; i < n; ++i) {
        const int session = sessions[i];
        const double from = static_cast<double>(i) / static_cast<double>(n);
        const double to = static_cast<double>(i + 1) / static_cast<double>(n);
        job.reportFraction(from, sessionName(layout.subject(), session, true) + " (" + std::to_string(i + 1) + "/" +
                                     std::to_string(n) + ")");
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_changed.wait(lock, [&] { return !m_busy.count(session); });
            m_busy.insert(session);
        }
        Claim claim(*this, session);
        try {
            bool converted = false;
            const Session data = load(layout, session, &job, from, to, true, true, &converted);
            report.bytes += data.mapped->fileBytes();
            if (converted) {
                ++report.converted;
                report.bytesWritten += data.mapped->fileBytes();
            } else {
                ++report.reused;
            }
            std::lock_guard<std::mutex> guard(m_mutex);
            m_mapped[session] = data.mapped;
            m_entries.remove_if([session](const auto &entry) { return entry.first == session; });
        } catch (const DataError &e) {
            ++report.failed;
            report.problems.push_back(std::string(e.what()) + " (betas of " + sessionName(layout.subject(), session) +
                                      ")");
        }
    }
    job.reportFraction(1.0, subject + ": " + std::to_string(report.converted) + " converted, " +
                                std::to_string(report.reused) + " already cached");
    report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return report;
}

NativeCacheState NativeSessionCache::state(const NativeNsdLayout &layout) const
{
    NativeCacheState state;
    state.onDisk = m_diskUsable;
    state.directory = m_directory;
    state.sessions = static_cast<int>(layout.sessions().size());
    if (!m_directory.empty()) {
        for (int session : layout.sessions()) {
            try {
                const NativeBetasSource source = NativeBetasSource::of(layout.betasPath(session), layout.roi());
                const auto file = NativeBetasCache::open(
                    (fs::path(m_directory) / NativeBetasCache::fileName(session)).string(), source);
                if (file) {
                    ++state.validSessions;
                    state.bytes += file->fileBytes();
                }
            } catch (const Error &) {
                // a betas file that vanished has no valid cache either
            }
        }
    }
    state.mappedSessions = mappedSessions();
    state.sessionsDecoded = sessionsDecoded();
    return state;
}

} // namespace vindex::data
