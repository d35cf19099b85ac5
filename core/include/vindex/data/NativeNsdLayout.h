#pragma once
// One subject of the native NSD tree (nsddata/ppdata/subj0S/func1pt8mm/...): the nsdgeneral ROI, the anatomical
// underlay, the trial list from nsd_stim_info_merged.csv and the single-trial betas (betas_fithrf_GLMdenoise_RR,
// int16 = %signal × 300), served z-scored per voxel per session as MindEye's files are. Opening reads the mask, the CSV
// and one NIfTI header per session; nothing is decompressed.
//
// Betas go through a persistent cache (NativeSessionCache, over NativeBetasCache files): the first time a session is
// needed it is decompressed once, volume by volume (io::NiftiVolumeReader), reduced to the ROI and written as an int16
// [trials][V] file under <base>/<hash of the absolute root>/subj0S/, which is then memory-mapped; later trials (in
// this run and in later ones) are one V × 2-byte read. <base> is NativeCacheOptions::directory, else $VINDEX_CACHE_DIR,
// else $XDG_CACHE_HOME/vindex/nsd-roi, else ~/.cache/vindex/nsd-roi. A cache file that does not match its source (path,
// size, mtime), the ROI or the format, or is truncated, is ignored and rebuilt (checked when a layout first maps the
// session; a source replaced while a layout has it mapped is seen by the next open). When the folder cannot be written
// the layout logs one warning and keeps decoded sessions in a small in-memory LRU instead (the behaviour without a
// cache: every run decompresses again).
#include "vindex/core/JobControl.h"
#include "vindex/data/RoiMask.h"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace vindex::data {

class NativeSessionCache;

// One trial of a subject's experiment.
struct NativeTrial {
    int64_t index = 0;        // 0-based trial number (the CSV's 1-based subjectS_repR value − 1)
    int session = 0;          // 1-based session (betas_sessionNN)
    int64_t sessionIndex = 0; // 0-based volume within that session's betas file
    int64_t imageId = 0;      // 0-based 73k id (nsdId)
    int repeat = 0;           // 0-based repetition of this image for this subject
    bool shared = false;      // in shared1000 (the test images)
};

// Where a layout keeps ROI-reduced betas.
struct NativeCacheOptions {
    enum class Mode {
        Disk,   // persistent, memory-mapped cache files (in memory, with a warning, if the folder is not writable)
        Memory, // decoded sessions in the in-memory LRU only; nothing is written
    };
    Mode mode = Mode::Disk;
    // Base folder of the caches (the subject's files go to <directory>/<root hash>/subj0S). Empty: $VINDEX_CACHE_DIR,
    // else $XDG_CACHE_HOME/vindex/nsd-roi, else $HOME/.cache/vindex/nsd-roi.
    std::string directory;
};

// What the cache of one subject holds now (cacheState() looks at every session's file header).
struct NativeCacheState {
    bool onDisk = false;         // false: in memory only (Memory mode, no base folder, or the folder proved unwritable)
    std::string directory;       // the subject's cache folder (empty when none applies)
    int sessions = 0;            // betas sessions found
    int validSessions = 0;       // of them, with a valid cache file
    uint64_t bytes = 0;          // size of those valid cache files
    int mappedSessions = 0;      // cache files this layout has mapped
    int64_t sessionsDecoded = 0; // betas files this layout has started to decompress
};

// What buildCache() did.
struct NativeCacheBuildReport {
    std::string directory;             // the subject's cache folder
    int sessions = 0;                  // betas sessions found
    int converted = 0;                 // decompressed and written by this call
    int reused = 0;                    // already valid (data checksum verified)
    int failed = 0;                    // whose betas file is missing, truncated or inconsistent
    uint64_t bytes = 0;                // size of the subject's valid cache files afterwards
    uint64_t bytesWritten = 0;         // of them, written by this call
    double seconds = 0;                // wall time of the call
    std::vector<std::string> problems; // one line per failed session, naming its file
};

// A row of nsd_stim_info_merged.csv that matters here.
struct NsdStimulus {
    int64_t nsdId = -1;
    int64_t cocoId = -1;
    std::string cocoSplit; // "train2017" | "val2017": which caption file holds cocoId
    bool shared1000 = false;
};

class NativeNsdLayout {
public:
    static constexpr double kBetaScale = 300.0;       // int16 betas store %signal × 300
    static constexpr int64_t kTrialsPerSession = 750; // real NSD; fixtures may have fewer (read from the header)
    // What betas() returns, as run manifests record it.
    static constexpr const char *kBetasScaling = "z-scored per voxel per session (MindEye)";

    NativeNsdLayout();
    ~NativeNsdLayout();
    NativeNsdLayout(NativeNsdLayout &&) noexcept;
    NativeNsdLayout &operator=(NativeNsdLayout &&) noexcept;

    // Subjects (1..8) whose nsdgeneral.nii.gz exists under root.
    static std::vector<int> subjectsIn(const std::string &root);
    // nsd_stim_info_merged.csv under root (root itself or nsddata/experiments/nsd/); empty when absent.
    static std::string findStimInfo(const std::string &root);

    // Opens subject S. Throws DataError naming the file when the ROI or the CSV is missing or inconsistent;
    // missing or unreadable betas sessions are not fatal (see problems()), a trial needing one is. Writes nothing.
    static NativeNsdLayout open(const std::string &root, int subject, const NativeCacheOptions &cache = {});

    const std::string &root() const { return m_root; }
    int subject() const { return m_subject; }
    std::string subjectDir() const; // .../ppdata/subj0S/func1pt8mm
    const RoiMask &roi() const { return m_roi; }
    int64_t voxelCount() const { return m_roi.voxelCount(); }
    // T1_to_func1pt8mm.nii.gz (the anatomical underlay on the functional grid); hasAnatomy() says if it exists.
    std::string anatomyPath() const;
    bool hasAnatomy() const;
    const std::string &stimInfoPath() const { return m_stimInfoPath; }

    // betas_sessionNN.nii.gz path of a 1-based session, and the sessions found on disk.
    std::string betasPath(int session) const;
    const std::vector<int> &sessions() const { return m_sessions; }
    int64_t trialsPerSession() const { return m_trialsPerSession; }
    // Actionable lines for what is missing or inconsistent (one per problem), found while opening.
    const std::vector<std::string> &problems() const { return m_problems; }

    int64_t trialCount() const { return static_cast<int64_t>(m_trials.size()); }
    const std::vector<NativeTrial> &trials() const { return m_trials; }
    // DataError naming the subject and the valid range when index is out of range.
    const NativeTrial &trial(int64_t index) const;
    // Trial indices of an image's repeats, in repeat order (empty when the subject never saw it).
    std::vector<int64_t> repeatsOf(int64_t imageId) const;
    // Distinct images the subject saw, ascending 73k id.
    std::vector<int64_t> imageIds() const;
    // Shared1000 images the subject saw, ascending 73k id: the test set.
    std::vector<int64_t> testImages() const;

    // Every row of the CSV, indexed by nsdId (rows missing from the CSV have nsdId −1).
    const std::vector<NsdStimulus> &stimuli() const { return m_stimuli; }
    const NsdStimulus &stimulus(int64_t imageId) const;
    int64_t cocoId(int64_t imageId) const { return stimulus(imageId).cocoId; }

    // The ROI vector [V] of a trial, z-scored per voxel over the trial's session as MindEye made the files its encoders
    // were trained on (MindEyeV2 dataset_creation.ipynb: sklearn StandardScaler per session, ddof 0, scale 1 for a
    // constant voxel; see SessionZScore.h), from the %signal values (int16 ÷ 300). So the same encoder sees the same
    // scaling from any layout. kBetasScaling names this for run manifests. The trial's session is mapped from its
    // cache file, which is built first if it is absent or stale (see the top of this file). Thread-safe: a session is
    // decompressed by one thread while the others wait for it, trials of other sessions are served meanwhile.
    // DataError naming the betas file for a missing/truncated file, a shape that is not the ROI's, or too few volumes.
    std::vector<float> betas(int64_t trialIndex) const;
    // Mean over the image's z-scored repeats (the test-time input); DataError when the subject never saw the image.
    std::vector<float> meanBetas(int64_t imageId) const;

    // Converts every session found into its cache file (re-verifying the data of files that are already valid),
    // reporting progress per volume; Cancelled (from the job) leaves no partial file. A session whose betas file is
    // bad is counted in failed/problems and the others go on. Throws Error naming the folder when the layout has no
    // writable cache folder (Memory mode, no base folder, or it cannot be created or written).
    NativeCacheBuildReport buildCache(const JobControl &job = JobControl::none()) const;
    NativeCacheState cacheState() const;
    const NativeCacheOptions &cacheOptions() const;
    // The subject's cache folder, empty in Memory mode or when no base folder is known.
    std::string cacheDirectory() const;
    // Betas files this layout has started to decompress (0 when everything came from valid cache files).
    int64_t sessionsDecoded() const;
    // Cache files mapped by this layout (mappings are cheap: the kernel pages trials in and out on demand).
    int mappedSessions() const;
    // The in-memory path (no writable cache folder): how many decoded sessions stay in memory (each is
    // trialsPerSession × V floats), and how many do now.
    void setCacheCapacity(int sessions);
    int cachedSessions() const;

private:
    void readTrials(const std::string &csvPath);
    void scanSessions();

    std::string m_root;
    int m_subject = 0;
    RoiMask m_roi;
    std::string m_stimInfoPath;
    std::vector<int> m_sessions;
    int64_t m_trialsPerSession = kTrialsPerSession;
    std::vector<std::string> m_problems;
    std::vector<NativeTrial> m_trials;
    std::vector<NsdStimulus> m_stimuli;
    std::unordered_map<int64_t, std::vector<int64_t>> m_repeats; // imageId → trial indices by repeat
    std::unique_ptr<NativeSessionCache> m_cache; // the sessions in use (NativeSessionCache.h, private to core)
};

} // namespace vindex::data
