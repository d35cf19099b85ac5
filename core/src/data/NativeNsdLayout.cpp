#include "vindex/data/NativeNsdLayout.h"

#include "vindex/core/Error.h"
#include "vindex/core/Log.h"
#include "vindex/data/NativeBetasCache.h"
#include "vindex/io/AtomicFile.h"
#include "vindex/io/CsvTable.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <list>
#include <map>
#include <mutex>
#include <regex>
#include <set>

namespace fs = std::filesystem;

namespace vindex::data {

namespace {

std::string subjectName(int subject)
{
    return "subj0" + std::to_string(subject);
}

std::string twoDigits(int n)
{
    std::string s = std::to_string(n);
    if (s.size() < 2)
        s.insert(s.begin(), '0');
    return s;
}

// dim[1..4] of a NIfTI-1 header, reading only its first 348 bytes (through zlib for .gz; gzread also reads
// plain files). Opening a subject must not decompress a 1 GB betas session just to learn its trial count.
std::array<int64_t, 4> readNiftiDims(const std::string &path)
{
    gzFile file = gzopen(path.c_str(), "rb");
    if (!file)
        throw DataError(path + ": cannot open the NIfTI file");
    unsigned char header[348];
    const int got = gzread(file, header, sizeof header);
    gzclose(file);
    if (got != static_cast<int>(sizeof header))
        throw DataError(path + ": truncated NIfTI header (expected 348 bytes, found " +
                        std::to_string(std::max(got, 0)) + ")");
    int32_t sizeofHdr;
    std::memcpy(&sizeofHdr, header, 4);
    const bool swap = sizeofHdr != 348;
    auto i16 = [&](int offset) {
        uint16_t v;
        std::memcpy(&v, header + offset, 2);
        if (swap)
            v = static_cast<uint16_t>((v >> 8) | (v << 8));
        return static_cast<int16_t>(v);
    };
    if (swap && static_cast<int32_t>(__builtin_bswap32(static_cast<uint32_t>(sizeofHdr))) != 348)
        throw DataError(path + ": not a NIfTI-1 file (sizeof_hdr is not 348)");
    const int rank = i16(40);
    std::array<int64_t, 4> dims{1, 1, 1, 1};
    for (int i = 0; i < 4 && i < rank; ++i)
        dims[i] = i16(42 + 2 * i);
    return dims;
}

// Reads a 4D betas file volume by volume and keeps only the ROI voxels: a real session is (81,104,83,750) int16,
// 1 GB decompressed, but its ROI rows are 750 × 15,724 values. Memory: one volume. Errors name the file and what was
// expected.
class BetasReader {
public:
    BetasReader(const std::string &path, const RoiMask &roi) : m_path(path), m_file(gzopen(path.c_str(), "rb"), gzclose)
    {
        if (!m_file)
            throw DataError(path + ": cannot open the betas file");
        gzbuffer(m_file.get(), 1 << 18);

        unsigned char header[348];
        readExactly(header, sizeof header, "the NIfTI-1 header");
        int32_t sizeofHdr;
        std::memcpy(&sizeofHdr, header, 4);
        m_swap = sizeofHdr != 348;
        if (m_swap && static_cast<int32_t>(__builtin_bswap32(static_cast<uint32_t>(sizeofHdr))) != 348)
            throw DataError(path + ": not a NIfTI-1 file (sizeof_hdr is not 348)");
        auto f32 = [&](int offset) {
            const uint32_t bits = raw32(header + offset);
            float v;
            std::memcpy(&v, &bits, 4);
            return v;
        };
        if (std::memcmp(header + 344, "n+1", 4) != 0)
            throw DataError(path + ": expected a single-file NIfTI-1 image (magic \"n+1\")");
        const int rank = static_cast<int16_t>(raw16(header + 40));
        std::array<int64_t, 7> dim{1, 1, 1, 1, 1, 1, 1};
        for (int i = 0; i < 7 && i < rank; ++i)
            dim[i] = static_cast<int16_t>(raw16(header + 42 + 2 * i));
        const auto &shape = roi.shape();
        if (rank < 3 || dim[0] != shape[0] || dim[1] != shape[1] || dim[2] != shape[2])
            throw DataError(path + ": volume shape (" + std::to_string(dim[0]) + ", " + std::to_string(dim[1]) + ", " +
                            std::to_string(dim[2]) + ") does not match the ROI mask " + roi.path() + " of shape (" +
                            std::to_string(shape[0]) + ", " + std::to_string(shape[1]) + ", " +
                            std::to_string(shape[2]) + ")");
        if (dim[4] * dim[5] * dim[6] != 1 || dim[3] < 1)
            throw DataError(path + ": expected a 4D image (x, y, z, trials), found rank " + std::to_string(rank));
        m_volumes = dim[3];
        m_datatype = static_cast<int16_t>(raw16(header + 70));
        switch (m_datatype) {
        case 2:
        case 256: m_item = 1; break; // uint8, int8
        case 4:
        case 512: m_item = 2; break; // int16, uint16
        case 8:
        case 16:
        case 768: m_item = 4; break; // int32, float32, uint32
        case 64: m_item = 8; break;  // float64
        default:
            throw DataError(path + ": unsupported NIfTI datatype " + std::to_string(m_datatype) +
                            " for betas (expected int16, as NSD writes them)");
        }
        const float voxOffset = f32(108);
        const float slope = f32(112), inter = f32(116);
        m_slope = slope != 0.0f ? slope : 1.0;
        m_inter = slope != 0.0f ? inter : 0.0;
        if (!(voxOffset >= 348.0f) || voxOffset > 1e9f)
            throw DataError(path + ": vox_offset " + std::to_string(voxOffset) + " is invalid (expected ≥ 348)");
        std::vector<unsigned char> skip(static_cast<std::size_t>(voxOffset) - 348);
        if (!skip.empty())
            readExactly(skip.data(), skip.size(), "the header extensions");

        // On disk x varies fastest: flat offset x + X·(y + Y·z).
        const int64_t X = shape[0], Y = shape[1];
        const std::size_t V = static_cast<std::size_t>(roi.voxelCount());
        m_offsets.resize(V);
        for (std::size_t i = 0; i < V; ++i) {
            const auto &v = roi.voxels()[i];
            m_offsets[i] = static_cast<std::size_t>(v[0] + X * (v[1] + Y * v[2])) * m_item;
        }
        m_volume.resize(static_cast<std::size_t>(shape[0] * shape[1] * shape[2]) * m_item);
    }

    int64_t volumes() const { return m_volumes; }
    // NIfTI datatype code (4: int16, as NSD writes betas).
    int datatype() const { return m_datatype; }
    // scl_slope / scl_inter as they apply (slope 0 means "no scaling").
    double slope() const { return m_slope; }
    double inter() const { return m_inter; }

    // The next volume's ROI voxels, raw (datatype() must be 4).
    void readRawInt16(int16_t *out)
    {
        const unsigned char *volume = nextVolume();
        for (std::size_t i = 0; i < m_offsets.size(); ++i)
            out[i] = static_cast<int16_t>(raw16(volume + m_offsets[i]));
    }

    // The next volume's ROI voxels as (raw × slope + inter) × factor.
    void read(float *out, double factor)
    {
        const unsigned char *volume = nextVolume();
        const double a = m_slope * factor, b = m_inter * factor;
        for (std::size_t i = 0; i < m_offsets.size(); ++i) {
            const unsigned char *p = volume + m_offsets[i];
            double value = 0;
            switch (m_datatype) {
            case 2: value = *p; break;
            case 256: value = static_cast<int8_t>(*p); break;
            case 4: value = static_cast<int16_t>(raw16(p)); break;
            case 512: value = raw16(p); break;
            case 8: value = static_cast<int32_t>(raw32(p)); break;
            case 768: value = raw32(p); break;
            case 16: {
                const uint32_t bits = raw32(p);
                float f;
                std::memcpy(&f, &bits, 4);
                value = f;
                break;
            }
            case 64: {
                uint64_t bits;
                std::memcpy(&bits, p, 8);
                if (m_swap)
                    bits = __builtin_bswap64(bits);
                std::memcpy(&value, &bits, 8);
                break;
            }
            }
            out[i] = static_cast<float>(value * a + b);
        }
    }

private:
    const unsigned char *nextVolume()
    {
        if (m_next >= m_volumes)
            throw DataError(m_path + ": all " + std::to_string(m_volumes) + " volumes were read already");
        readExactly(m_volume.data(), m_volume.size(),
                    "volume " + std::to_string(m_next) + " of " + std::to_string(m_volumes));
        ++m_next;
        return m_volume.data();
    }

    void readExactly(unsigned char *dst, std::size_t n, const std::string &what)
    {
        std::size_t done = 0;
        while (done < n) {
            const unsigned chunk = static_cast<unsigned>(std::min<std::size_t>(n - done, 1u << 30));
            const int got = gzread(m_file.get(), dst + done, chunk);
            if (got <= 0) {
                int code = 0;
                std::string message = gzerror(m_file.get(), &code);
                // zlib prefixes the path; we name the file once.
                if (message.rfind(m_path + ": ", 0) == 0)
                    message.erase(0, m_path.size() + 2);
                throw DataError(m_path + ": truncated or corrupt while reading " + what + " (expected " +
                                std::to_string(n) + " bytes, found " + std::to_string(done) + ")" +
                                (code != Z_OK && !message.empty() ? ": " + message : std::string()));
            }
            done += static_cast<std::size_t>(got);
        }
    }

    uint16_t raw16(const unsigned char *p) const
    {
        uint16_t v;
        std::memcpy(&v, p, 2);
        return m_swap ? static_cast<uint16_t>((v >> 8) | (v << 8)) : v;
    }
    uint32_t raw32(const unsigned char *p) const
    {
        uint32_t v;
        std::memcpy(&v, p, 4);
        return m_swap ? __builtin_bswap32(v) : v;
    }

    std::string m_path;
    std::unique_ptr<gzFile_s, int (*)(gzFile)> m_file;
    bool m_swap = false;
    int64_t m_volumes = 0;
    int64_t m_next = 0;
    int m_datatype = 0;
    std::size_t m_item = 0;
    double m_slope = 1.0, m_inter = 0.0;
    std::vector<std::size_t> m_offsets;
    std::vector<unsigned char> m_volume;
};

// A whole session as [T][V] floats times factor (the in-memory path).
std::vector<float> readRoiRows(const std::string &path, const RoiMask &roi, double factor)
{
    BetasReader reader(path, roi);
    const std::size_t V = static_cast<std::size_t>(roi.voxelCount());
    std::vector<float> rows(static_cast<std::size_t>(reader.volumes()) * V);
    for (int64_t t = 0; t < reader.volumes(); ++t)
        reader.read(rows.data() + static_cast<std::size_t>(t) * V, factor);
    return rows;
}

} // namespace

// Sessions in use: mapped cache files, or (without a writable cache folder) an LRU of decoded sessions. shared_ptr
// so that a caller keeps its rows while another thread evicts or replaces them. `busy` holds the sessions some
// thread is loading right now: others wanting the same session wait on `changed` instead of decompressing it too,
// trials of other sessions are served meanwhile (loading runs without the lock).
struct NativeNsdLayout::Cache {
    std::mutex mutex;
    std::condition_variable changed;
    int capacity = 2;
    std::list<std::pair<int, std::shared_ptr<const std::vector<float>>>> entries; // front = most recent
    std::map<int, std::shared_ptr<const NativeBetasCache>> mapped;
    std::set<int> busy;

    NativeCacheOptions options;
    std::string directory;               // the subject's cache folder; empty: memory only
    std::atomic<bool> diskUsable{false}; // cleared (with one warning) when the folder proves unwritable
    std::atomic<int64_t> decoded{0};
};

struct NativeNsdLayout::SessionData {
    std::shared_ptr<const NativeBetasCache> mapped;
    std::shared_ptr<const std::vector<float>> rows; // the in-memory path
};

namespace {

// Marks a session as being loaded by this thread; the destructor releases it and wakes the waiting threads. The
// caller inserts into `busy` under the lock; the claim must be destroyed without holding it.
class SessionClaim {
public:
    SessionClaim(std::mutex &mutex, std::condition_variable &changed, std::set<int> &busy, int session)
        : m_mutex(mutex), m_changed(changed), m_busy(busy), m_session(session)
    {
    }
    ~SessionClaim()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_busy.erase(m_session);
        }
        m_changed.notify_all();
    }
    SessionClaim(const SessionClaim &) = delete;
    SessionClaim &operator=(const SessionClaim &) = delete;

private:
    std::mutex &m_mutex;
    std::condition_variable &m_changed;
    std::set<int> &m_busy;
    int m_session;
};

} // namespace

NativeNsdLayout::NativeNsdLayout() : m_cache(std::make_unique<Cache>()) {}
NativeNsdLayout::~NativeNsdLayout() = default;
NativeNsdLayout::NativeNsdLayout(NativeNsdLayout &&) noexcept = default;
NativeNsdLayout &NativeNsdLayout::operator=(NativeNsdLayout &&) noexcept = default;

std::vector<int> NativeNsdLayout::subjectsIn(const std::string &root)
{
    std::vector<int> subjects;
    for (int s = 1; s <= 8; ++s) {
        const fs::path mask =
            fs::path(root) / "nsddata" / "ppdata" / subjectName(s) / "func1pt8mm" / "roi" / "nsdgeneral.nii.gz";
        std::error_code ec;
        if (fs::exists(mask, ec))
            subjects.push_back(s);
    }
    return subjects;
}

std::string NativeNsdLayout::findStimInfo(const std::string &root)
{
    for (const fs::path &candidate :
         {fs::path(root) / "nsd_stim_info_merged.csv",
          fs::path(root) / "nsddata" / "experiments" / "nsd" / "nsd_stim_info_merged.csv"}) {
        std::error_code ec;
        if (fs::exists(candidate, ec))
            return candidate.string();
    }
    return {};
}

std::string NativeNsdLayout::subjectDir() const
{
    return (fs::path(m_root) / "nsddata" / "ppdata" / subjectName(m_subject) / "func1pt8mm").string();
}

std::string NativeNsdLayout::anatomyPath() const
{
    return (fs::path(subjectDir()) / "T1_to_func1pt8mm.nii.gz").string();
}

bool NativeNsdLayout::hasAnatomy() const
{
    std::error_code ec;
    return fs::exists(anatomyPath(), ec);
}

std::string NativeNsdLayout::betasPath(int session) const
{
    return (fs::path(subjectDir()) / "betas_fithrf_GLMdenoise_RR" / ("betas_session" + twoDigits(session) + ".nii.gz"))
        .string();
}

NativeNsdLayout NativeNsdLayout::open(const std::string &root, int subject, const NativeCacheOptions &cache)
{
    if (subject < 1 || subject > 8)
        throw DataError("NSD subject " + std::to_string(subject) + " requested (expected 1..8)");
    NativeNsdLayout layout;
    layout.m_root = root;
    layout.m_subject = subject;
    layout.m_cache->options = cache;
    if (cache.mode == NativeCacheOptions::Mode::Disk) {
        const std::string base = cache.directory.empty() ? NativeBetasCache::defaultBaseDirectory() : cache.directory;
        if (base.empty()) {
            logWarning("NSD betas cache: no cache folder ($VINDEX_CACHE_DIR, $XDG_CACHE_HOME and $HOME are unset); " +
                       subjectName(subject) + "'s betas sessions are decoded in memory on every run");
        } else {
            layout.m_cache->directory = NativeBetasCache::subjectDirectory(base, root, subject);
            layout.m_cache->diskUsable = true;
        }
    }

    const std::string maskPath = (fs::path(layout.subjectDir()) / "roi" / "nsdgeneral.nii.gz").string();
    std::error_code ec;
    if (!fs::exists(maskPath, ec))
        throw DataError(maskPath + ": missing (the nsdgeneral ROI of " + subjectName(subject) + " is required)");
    try {
        layout.m_roi = RoiMask::read(maskPath);
    } catch (const DataError &) {
        throw;
    } catch (const Error &e) {
        throw DataError(std::string(e.what()) + " (reading the nsdgeneral ROI of " + subjectName(subject) + ")");
    }

    const std::string csv = findStimInfo(root);
    if (csv.empty())
        throw DataError(root +
                        ": nsd_stim_info_merged.csv not found (expected at the root or in nsddata/experiments/nsd/)");
    layout.m_stimInfoPath = csv;
    try {
        layout.readTrials(csv);
    } catch (const DataError &) {
        throw;
    } catch (const Error &e) {
        throw DataError(e.what());
    }

    if (!layout.hasAnatomy())
        layout.m_problems.push_back(layout.anatomyPath() +
                                    ": missing (the anatomical underlay; views fall back to the ROI)");
    layout.scanSessions();
    return layout;
}

void NativeNsdLayout::readTrials(const std::string &csvPath)
{
    const io::CsvTable table = io::CsvTable::read(csvPath);
    const std::string prefix = "subject" + std::to_string(m_subject) + "_rep";
    const std::vector<std::string> repColumns = {prefix + "0", prefix + "1", prefix + "2"};
    std::vector<std::string> required = {"nsdId", "cocoId", "cocoSplit", "shared1000"};
    required.insert(required.end(), repColumns.begin(), repColumns.end());
    table.requireColumns(required);

    const std::size_t nsdCol = table.column("nsdId"), cocoCol = table.column("cocoId"),
                      splitCol = table.column("cocoSplit"), sharedCol = table.column("shared1000");
    std::array<std::size_t, 3> repCol{table.column(repColumns[0]), table.column(repColumns[1]),
                                      table.column(repColumns[2])};

    // Trial number (1-based) → (row, repeat): collected first, checked for duplicates and gaps afterwards.
    std::vector<std::pair<std::size_t, int>> byTrial;
    for (std::size_t row = 0; row < table.rowCount(); ++row) {
        NsdStimulus stim;
        stim.nsdId = table.integer(row, nsdCol);
        stim.cocoId = table.integer(row, cocoCol);
        stim.cocoSplit = table.cell(row, splitCol);
        stim.shared1000 = table.boolean(row, sharedCol);
        if (stim.nsdId < 0 || stim.nsdId >= 1000000)
            throw DataError(csvPath + ": line " + std::to_string(table.lineOf(row)) + ": nsdId " +
                            std::to_string(stim.nsdId) + " is out of range (expected a 0-based 73k id)");
        if (static_cast<int64_t>(m_stimuli.size()) <= stim.nsdId)
            m_stimuli.resize(static_cast<std::size_t>(stim.nsdId) + 1);
        if (m_stimuli[stim.nsdId].nsdId >= 0)
            throw DataError(csvPath + ": line " + std::to_string(table.lineOf(row)) + ": nsdId " +
                            std::to_string(stim.nsdId) + " appears twice");
        m_stimuli[stim.nsdId] = stim;
        for (int r = 0; r < 3; ++r) {
            const int64_t trialNumber = table.integer(row, repCol[r]);
            if (trialNumber == 0)
                continue; // not shown
            if (trialNumber < 0 || trialNumber > 1000000)
                throw DataError(csvPath + ": line " + std::to_string(table.lineOf(row)) + ", column '" + repColumns[r] +
                                "': trial number " + std::to_string(trialNumber) +
                                " is out of range (expected 1-based, 0 = not shown)");
            if (static_cast<int64_t>(byTrial.size()) < trialNumber)
                byTrial.resize(static_cast<std::size_t>(trialNumber), {SIZE_MAX, -1});
            auto &slot = byTrial[trialNumber - 1];
            if (slot.second >= 0)
                throw DataError(csvPath + ": line " + std::to_string(table.lineOf(row)) + ": trial " +
                                std::to_string(trialNumber) + " of subject " + std::to_string(m_subject) +
                                " is also given on line " + std::to_string(table.lineOf(slot.first)));
            slot = {row, r};
        }
    }
    if (byTrial.empty())
        throw DataError(csvPath + ": no trials for subject " + std::to_string(m_subject) + " (all of " + repColumns[0] +
                        ".." + repColumns[2] + " are 0)");

    m_trials.resize(byTrial.size());
    for (std::size_t t = 0; t < byTrial.size(); ++t) {
        const auto [row, rep] = byTrial[t];
        if (rep < 0)
            throw DataError(csvPath + ": trial " + std::to_string(t + 1) + " of subject " + std::to_string(m_subject) +
                            " is missing (expected every trial number 1.." + std::to_string(byTrial.size()) + " in " +
                            repColumns[0] + ".." + repColumns[2] + ")");
        NativeTrial &trial = m_trials[t];
        trial.index = static_cast<int64_t>(t);
        trial.imageId = table.integer(row, nsdCol);
        trial.repeat = rep;
        trial.shared = m_stimuli[trial.imageId].shared1000;
    }
    // Repeats in repeat order: the CSV's rep0/1/2 columns are already chronological, but sort to be safe.
    for (const NativeTrial &trial : m_trials) {
        auto &list = m_repeats[trial.imageId];
        list.push_back(trial.index);
    }
    for (auto &[image, list] : m_repeats)
        std::sort(list.begin(), list.end(),
                  [this](int64_t a, int64_t b) { return m_trials[a].repeat < m_trials[b].repeat; });
}

void NativeNsdLayout::scanSessions()
{
    const fs::path dir = fs::path(subjectDir()) / "betas_fithrf_GLMdenoise_RR";
    std::error_code ec;
    std::vector<int> found;
    if (fs::is_directory(dir, ec)) {
        static const std::regex pattern(R"(betas_session(\d\d)\.nii\.gz)");
        for (const auto &entry : fs::directory_iterator(dir, ec)) {
            std::smatch m;
            const std::string name = entry.path().filename().string();
            if (std::regex_match(name, m, pattern))
                found.push_back(std::stoi(m[1].str()));
        }
    }
    std::sort(found.begin(), found.end());
    m_sessions = found;

    // Every session's header (348 bytes each, cheap) so that the validator can name a bad file up front; the trial
    // count per session comes from the first good one (750 in NSD, fewer in fixtures).
    std::vector<std::pair<int, std::array<int64_t, 4>>> good;
    for (int session : found) {
        try {
            const auto dims = readNiftiDims(betasPath(session));
            if (dims[0] != m_roi.shape()[0] || dims[1] != m_roi.shape()[1] || dims[2] != m_roi.shape()[2]) {
                m_problems.push_back(betasPath(session) + ": volume shape (" + std::to_string(dims[0]) + ", " +
                                     std::to_string(dims[1]) + ", " + std::to_string(dims[2]) +
                                     ") does not match the ROI mask " + m_roi.path() + " of shape (" +
                                     std::to_string(m_roi.shape()[0]) + ", " + std::to_string(m_roi.shape()[1]) + ", " +
                                     std::to_string(m_roi.shape()[2]) + ")");
                continue;
            }
            good.push_back({session, dims});
        } catch (const Error &e) {
            m_problems.push_back(e.what());
        }
    }
    if (!good.empty())
        m_trialsPerSession = std::max<int64_t>(1, good.front().second[3]);
    if (found.empty())
        m_problems.push_back(dir.string() + ": no betas_sessionNN.nii.gz files (trials have no voxel data)");

    for (NativeTrial &trial : m_trials) {
        trial.session = static_cast<int>(trial.index / m_trialsPerSession) + 1;
        trial.sessionIndex = trial.index % m_trialsPerSession;
    }
    auto expectedVolumes = [&](int session) {
        return std::min<int64_t>(m_trialsPerSession, trialCount() - (session - 1) * m_trialsPerSession);
    };
    for (const auto &[session, dims] : good)
        if (session <= (m_trials.empty() ? 0 : m_trials.back().session) && dims[3] < expectedVolumes(session))
            m_problems.push_back(betasPath(session) + ": " + std::to_string(dims[3]) + " volumes, expected " +
                                 std::to_string(expectedVolumes(session)) + " (one per trial of the session)");
    const int needed = m_trials.empty() ? 0 : m_trials.back().session;
    for (int s = 1; s <= needed; ++s)
        if (!std::binary_search(found.begin(), found.end(), s))
            m_problems.push_back(betasPath(s) + ": missing (expected for trials " +
                                 std::to_string((s - 1) * m_trialsPerSession) + ".." +
                                 std::to_string((s - 1) * m_trialsPerSession + expectedVolumes(s) - 1) + ")");
}

const NativeTrial &NativeNsdLayout::trial(int64_t index) const
{
    if (index < 0 || index >= trialCount())
        throw DataError(m_stimInfoPath + ": trial " + std::to_string(index) + " of " + subjectName(m_subject) +
                        " requested, expected 0.." + std::to_string(trialCount() - 1));
    return m_trials[static_cast<std::size_t>(index)];
}

std::vector<int64_t> NativeNsdLayout::repeatsOf(int64_t imageId) const
{
    const auto it = m_repeats.find(imageId);
    return it == m_repeats.end() ? std::vector<int64_t>{} : it->second;
}

std::vector<int64_t> NativeNsdLayout::imageIds() const
{
    std::vector<int64_t> ids;
    ids.reserve(m_repeats.size());
    for (const auto &[image, list] : m_repeats)
        ids.push_back(image);
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::vector<int64_t> NativeNsdLayout::testImages() const
{
    std::vector<int64_t> ids;
    for (int64_t id : imageIds())
        if (m_stimuli[static_cast<std::size_t>(id)].shared1000)
            ids.push_back(id);
    return ids;
}

const NsdStimulus &NativeNsdLayout::stimulus(int64_t imageId) const
{
    if (imageId < 0 || imageId >= static_cast<int64_t>(m_stimuli.size()) || m_stimuli[imageId].nsdId < 0)
        throw DataError(m_stimInfoPath + ": image " + std::to_string(imageId) +
                        " has no row (expected an nsdId in 0.." +
                        std::to_string(static_cast<int64_t>(m_stimuli.size()) - 1) + ")");
    return m_stimuli[static_cast<std::size_t>(imageId)];
}

namespace {

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

const NativeCacheOptions &NativeNsdLayout::cacheOptions() const
{
    return m_cache->options;
}

std::string NativeNsdLayout::cacheDirectory() const
{
    return m_cache->directory;
}

int64_t NativeNsdLayout::sessionsDecoded() const
{
    return m_cache->decoded.load();
}

int NativeNsdLayout::mappedSessions() const
{
    std::lock_guard<std::mutex> lock(m_cache->mutex);
    return static_cast<int>(m_cache->mapped.size());
}

// Called with the session claimed and without the lock. With a usable cache folder: maps the session's cache file,
// or decompresses the betas file into a new one first (strict: an io failure of the cache is an Error; otherwise the
// folder is given up with a warning and the session is decoded into memory).
NativeNsdLayout::SessionData NativeNsdLayout::loadSession(int session, const JobControl *job, double from, double to,
                                                          bool strict, bool verify, bool *converted) const
{
    Cache &c = *m_cache;
    const std::string path = betasPath(session);
    if (c.diskUsable) {
        const NativeBetasSource source = NativeBetasSource::of(path, m_roi);
        const std::string cachePath = (fs::path(c.directory) / NativeBetasCache::fileName(session)).string();
        std::string reason;
        if (auto cache = NativeBetasCache::open(cachePath, source, &reason)) {
            if (!verify || cache->verifyData())
                return {cache, nullptr};
            reason = "damaged: data checksum mismatch";
        }
        if (reason != "absent")
            logInfo(cachePath + ": " + reason + "; rebuilding it from " + path);
        try {
            BetasReader reader(path, m_roi);
            NativeBetasCache::Format format;
            format.trials = reader.volumes();
            format.voxels = voxelCount();
            // NSD's int16 stays int16 (raw × slope/300 + inter/300 on reading: the same arithmetic as decoding into
            // floats, so both paths give identical values); any other datatype is stored as the final floats.
            const bool int16 = reader.datatype() == 4;
            format.dtype = int16 ? NativeBetasCache::DType::Int16 : NativeBetasCache::DType::Float32;
            format.scale = int16 ? reader.slope() * (1.0 / kBetaScale) : 1.0;
            format.offset = int16 ? reader.inter() * (1.0 / kBetaScale) : 0.0;
            const std::string what = subjectName(m_subject) + " session " + twoDigits(session) + ": volume ";
            ++c.decoded;
            NativeBetasCache::write(cachePath, source, format, [&](int64_t t, void *row) {
                if (int16)
                    reader.readRawInt16(static_cast<int16_t *>(row));
                else
                    reader.read(static_cast<float *>(row), 1.0 / kBetaScale);
                if (job)
                    job->reportFraction(from +
                                         (to - from) * static_cast<double>(t + 1) / static_cast<double>(format.trials),
                                     what + std::to_string(t + 1) + "/" + std::to_string(format.trials));
            });
            noteRoot(c.directory, m_root);
            if (auto cache = NativeBetasCache::open(cachePath, source, &reason)) {
                if (converted)
                    *converted = true;
                return {cache, nullptr};
            }
            throw Error(cachePath + ": written, but it does not read back (" + reason + ")");
        } catch (const DataError &) {
            throw; // the betas file is at fault, not the cache
        } catch (const Cancelled &) {
            throw;
        } catch (const std::bad_alloc &) {
            throw DataError(path + ": out of memory while decoding");
        } catch (const Error &e) {
            if (strict)
                throw;
            if (c.diskUsable.exchange(false))
                logWarning(std::string("NSD betas cache: ") + e.what() + "; " + subjectName(m_subject) +
                           "'s betas sessions are decoded in memory instead (each run decompresses them again; set "
                           "VINDEX_CACHE_DIR to a writable folder)");
        }
    }
    if (strict)
        throw Error(subjectName(m_subject) + ": no writable cache folder for the betas");
    ++c.decoded;
    try {
        return {nullptr, std::make_shared<const std::vector<float>>(readRoiRows(path, m_roi, 1.0 / kBetaScale))};
    } catch (const std::bad_alloc &) {
        throw DataError(path + ": out of memory while decoding");
    }
}

NativeNsdLayout::SessionData NativeNsdLayout::sessionData(int session, const NativeTrial &trial) const
{
    Cache &c = *m_cache;
    std::unique_lock<std::mutex> lock(c.mutex);
    for (;;) {
        if (const auto it = c.mapped.find(session); it != c.mapped.end())
            return {it->second, nullptr};
        for (auto it = c.entries.begin(); it != c.entries.end(); ++it) {
            if (it->first == session) {
                c.entries.splice(c.entries.begin(), c.entries, it);
                return {nullptr, it->second};
            }
        }
        if (!c.busy.count(session))
            break;
        c.changed.wait(lock); // another thread is loading this session: it is decompressed once
    }
    c.busy.insert(session);
    lock.unlock();

    SessionClaim claim(c.mutex, c.changed, c.busy, session);
    const std::string path = betasPath(session);
    const std::string context = " (betas of " + subjectName(m_subject) + " session " + std::to_string(session) +
                                ", needed for trial " + std::to_string(trial.index) + ")";
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw DataError(path + ": missing" + context);
    SessionData data;
    try {
        data = loadSession(session, nullptr, 0, 0, false, false, nullptr);
    } catch (const DataError &e) {
        throw DataError(e.what() + context);
    }
    std::lock_guard<std::mutex> guard(c.mutex);
    if (data.mapped) {
        c.mapped[session] = data.mapped;
    } else {
        c.entries.emplace_front(session, data.rows);
        while (static_cast<int>(c.entries.size()) > std::max(1, c.capacity))
            c.entries.pop_back();
    }
    return data;
}

std::vector<float> NativeNsdLayout::betas(int64_t trialIndex) const
{
    const NativeTrial &t = trial(trialIndex);
    const SessionData data = sessionData(t.session, t);
    const std::size_t V = static_cast<std::size_t>(voxelCount());
    // Checked on every access, not only at decode time: a short session must not be read past its end.
    const int64_t volumes =
        data.mapped ? data.mapped->trials() : static_cast<int64_t>(data.rows->size() / std::max<std::size_t>(V, 1));
    if (t.sessionIndex >= volumes)
        throw DataError(betasPath(t.session) + ": expected at least " + std::to_string(t.sessionIndex + 1) +
                        " volumes (trials per session " + std::to_string(m_trialsPerSession) + "), found " +
                        std::to_string(volumes) + " (betas of " + subjectName(m_subject) + " session " +
                        std::to_string(t.session) + ", needed for trial " + std::to_string(t.index) + ")");
    if (data.mapped)
        return data.mapped->row(t.sessionIndex);
    const float *row = data.rows->data() + static_cast<std::size_t>(t.sessionIndex) * V;
    return std::vector<float>(row, row + V);
}

std::vector<float> NativeNsdLayout::meanBetas(int64_t imageId) const
{
    const std::vector<int64_t> repeats = repeatsOf(imageId);
    if (repeats.empty())
        throw DataError(m_stimInfoPath + ": image " + std::to_string(imageId) + " was not shown to " +
                        subjectName(m_subject) + " (no trial in subject" + std::to_string(m_subject) + "_rep0..2)");
    std::vector<double> sum(static_cast<std::size_t>(voxelCount()), 0.0);
    for (int64_t t : repeats) {
        const std::vector<float> b = betas(t);
        for (std::size_t i = 0; i < sum.size(); ++i)
            sum[i] += b[i];
    }
    std::vector<float> mean(sum.size());
    for (std::size_t i = 0; i < sum.size(); ++i)
        mean[i] = static_cast<float>(sum[i] / static_cast<double>(repeats.size()));
    return mean;
}

NativeCacheBuildReport NativeNsdLayout::buildCache(const JobControl &job) const
{
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    Cache &c = *m_cache;
    NativeCacheBuildReport report;
    report.directory = c.directory;
    report.sessions = static_cast<int>(m_sessions.size());
    if (c.options.mode == NativeCacheOptions::Mode::Memory)
        throw Error(subjectName(m_subject) + " of " + m_root +
                    ": opened with the in-memory betas cache only; there is no cache folder to build");
    if (c.directory.empty())
        throw Error(subjectName(m_subject) + " of " + m_root +
                    ": no cache folder for the betas (set VINDEX_CACHE_DIR, XDG_CACHE_HOME or HOME)");
    std::error_code ec;
    fs::create_directories(c.directory, ec);
    if (ec || !fs::is_directory(c.directory, ec))
        throw Error(c.directory + ": cannot create the betas cache folder" + (ec ? ": " + ec.message() : ""));
    c.diskUsable = true; // the folder exists (again): write into it; a write failure below is an Error
    // Temporary files of conversions that a crash or a kill interrupted (io::AtomicFile names them
    // <file>.tmp-XXXXXX), once they are an hour old, so that a conversion running in another process keeps its own.
    for (const auto &entry : fs::directory_iterator(c.directory, ec)) {
        std::error_code fileError;
        if (entry.path().filename().string().find(".roi.tmp-") == std::string::npos)
            continue;
        const auto written = fs::last_write_time(entry.path(), fileError);
        if (!fileError && fs::file_time_type::clock::now() - written > std::chrono::hours(1))
            fs::remove(entry.path(), fileError);
    }

    const std::size_t n = m_sessions.size();
    for (std::size_t i = 0; i < n; ++i) {
        const int session = m_sessions[i];
        const double from = static_cast<double>(i) / static_cast<double>(n);
        const double to = static_cast<double>(i + 1) / static_cast<double>(n);
        job.reportFraction(from, subjectName(m_subject) + " session " + twoDigits(session) + " (" + std::to_string(i + 1) +
                                  "/" + std::to_string(n) + ")");
        {
            std::unique_lock<std::mutex> lock(c.mutex);
            c.changed.wait(lock, [&] { return !c.busy.count(session); });
            c.busy.insert(session);
        }
        SessionClaim claim(c.mutex, c.changed, c.busy, session);
        try {
            bool converted = false;
            const SessionData data = loadSession(session, &job, from, to, true, true, &converted);
            report.bytes += data.mapped->fileBytes();
            if (converted) {
                ++report.converted;
                report.bytesWritten += data.mapped->fileBytes();
            } else {
                ++report.reused;
            }
            std::lock_guard<std::mutex> guard(c.mutex);
            c.mapped[session] = data.mapped;
            c.entries.remove_if([session](const auto &entry) { return entry.first == session; });
        } catch (const DataError &e) {
            ++report.failed;
            report.problems.push_back(std::string(e.what()) + " (betas of " + subjectName(m_subject) + " session " +
                                      std::to_string(session) + ")");
        }
    }
    job.reportFraction(1.0, subjectName(m_subject) + ": " + std::to_string(report.converted) + " converted, " +
                             std::to_string(report.reused) + " already cached");
    report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return report;
}

NativeCacheState NativeNsdLayout::cacheState() const
{
    const Cache &c = *m_cache;
    NativeCacheState state;
    state.onDisk = c.diskUsable;
    state.directory = c.directory;
    state.sessions = static_cast<int>(m_sessions.size());
    if (!c.directory.empty()) {
        for (int session : m_sessions) {
            try {
                const NativeBetasSource source = NativeBetasSource::of(betasPath(session), m_roi);
                const auto file = NativeBetasCache::open(
                    (fs::path(c.directory) / NativeBetasCache::fileName(session)).string(), source);
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

void NativeNsdLayout::setCacheCapacity(int sessions)
{
    std::lock_guard<std::mutex> lock(m_cache->mutex);
    m_cache->capacity = std::max(1, sessions);
    while (static_cast<int>(m_cache->entries.size()) > m_cache->capacity)
        m_cache->entries.pop_back();
}

int NativeNsdLayout::cachedSessions() const
{
    std::lock_guard<std::mutex> lock(m_cache->mutex);
    return static_cast<int>(m_cache->entries.size());
}

} // namespace vindex::data
