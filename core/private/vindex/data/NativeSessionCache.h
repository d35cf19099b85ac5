#pragma once
// The betas sessions of one native NSD subject, as its NativeNsdLayout serves trials from them: a session is mapped
// from its persistent ROI cache file (NativeBetasCache), which is built from the betas NIfTI (streamed one volume at a
// time) the first time it is needed; without a writable cache folder, decoded sessions stay in a small in-memory LRU
// instead. A session is loaded by one thread while the others wanting it wait, and trials of other sessions are
// served meanwhile. See NativeNsdLayout.h for where the cache folder is and when a file is rebuilt.
#include "vindex/core/JobControl.h"
#include "vindex/data/NativeNsdLayout.h"
#include "vindex/io/NiftiHeader.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace vindex::data {

class NativeBetasCache;
class RoiMask;

class NativeSessionCache {
public:
    // No cache folder, nothing decoded (a layout that was not opened).
    NativeSessionCache();
    // The subject's cache folder under options.directory, else NativeBetasCache::defaultBaseDirectory() (Disk mode);
    // logs one warning when no base folder is known.
    NativeSessionCache(const NativeCacheOptions &options, const std::string &root, int subject);
    ~NativeSessionCache();
    NativeSessionCache(const NativeSessionCache &) = delete;
    NativeSessionCache &operator=(const NativeSessionCache &) = delete;

    // The header of a betas file (only its first 348 bytes are read), checked against the ROI it is reduced to: the
    // grid must be the ROI's and the image at most 4D (x, y, z, trials). DataError naming the file (and the mask, for
    // another grid).
    static io::NiftiHeader readBetasHeader(const std::string &path, const RoiMask &roi);
    static void checkBetasHeader(const io::NiftiHeader &header, const RoiMask &roi);

    // The ROI row of a trial, z-scored per voxel over its session (see NativeNsdLayout::betas).
    std::vector<float> betas(const NativeNsdLayout &layout, const NativeTrial &trial);
    // See NativeNsdLayout::buildCache and cacheState.
    NativeCacheBuildReport build(const NativeNsdLayout &layout, const JobControl &job);
    NativeCacheState state(const NativeNsdLayout &layout) const;

    const NativeCacheOptions &options() const { return m_options; }
    const std::string &directory() const { return m_directory; }
    int64_t sessionsDecoded() const { return m_decoded.load(); }
    int mappedSessions() const;
    // The in-memory LRU: how many decoded sessions it keeps, and how many it holds now.
    void setCapacity(int sessions);
    int cachedSessions() const;

private:
    // A session in use: its mapped cache file, or (in memory) its decoded rows [trials][V].
    struct Session {
        std::shared_ptr<const NativeBetasCache> mapped;
        std::shared_ptr<const std::vector<float>> rows;
    };
    class Claim;
    Session session(const NativeNsdLayout &layout, const NativeTrial &trial);
    Session load(const NativeNsdLayout &layout, int session, const JobControl *job, double from, double to, bool strict,
                 bool verify, bool *converted);
    Session convert(const NativeNsdLayout &layout, int session, const std::string &cachePath, const JobControl *job,
                    double from, double to, bool *converted);
    void removeStaleTemporaries() const;

    NativeCacheOptions m_options;
    std::string m_directory;               // the subject's cache folder; empty: memory only
    std::atomic<bool> m_diskUsable{false}; // cleared (with one warning) when the folder proves unwritable
    std::atomic<int64_t> m_decoded{0};

    // `busy` holds the sessions some thread is loading right now: others wanting the same session wait on `changed`
    // instead of decompressing it too. Loading runs without the lock.
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    int m_capacity = 2;
    std::list<std::pair<int, std::shared_ptr<const std::vector<float>>>> m_entries; // front = most recent
    std::map<int, std::shared_ptr<const NativeBetasCache>> m_mapped;
    std::set<int> m_busy;
};

} // namespace vindex::data
