// The persistent, memory-mapped ROI cache of native NSD betas (NativeBetasCache, through NativeNsdLayout) on the
// mini-nsd fixture: values against expected.json's beta_formula, reuse across opens, rebuilds of stale or damaged
// files, the in-memory fallback, progress and cancellation, and concurrent readers.
#include "vindex/data/NativeBetasCache.h"
#include "MiniNsd.h"
#include "TestSupport.h"
#include "vindex/core/Error.h"
#include "vindex/core/Log.h"
#include "vindex/data/NativeNsdLayout.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

using vindex::data::NativeBetasCache;
using vindex::data::NativeBetasSource;
using vindex::data::NativeCacheOptions;
using vindex::data::NativeNsdLayout;
namespace fs = std::filesystem;

namespace {

using testsupport::miniNsdBeta;
using testsupport::miniNsdFacts;
using testsupport::miniNsdNativeMeanZ;
using testsupport::miniNsdNativeZ;

const std::string kRoot = testsupport::fixture("mini-nsd");

// No unit test writes caches into the user's home: every process of this binary gets its own VINDEX_CACHE_DIR
// (unless one is set already), so tests that open native subjects with the default options stay in /tmp.
class PrivateCacheDir : public ::testing::Environment {
public:
    void SetUp() override
    {
        if (std::getenv("VINDEX_CACHE_DIR"))
            return;
        m_dir.emplace();
        ::setenv("VINDEX_CACHE_DIR", (m_dir->path() / "nsd-roi").c_str(), 1);
    }
    void TearDown() override
    {
        if (m_dir)
            ::unsetenv("VINDEX_CACHE_DIR");
        m_dir.reset();
    }

private:
    std::optional<testsupport::TempDir> m_dir;
};
[[maybe_unused]] ::testing::Environment *const kPrivateCacheDir =
    ::testing::AddGlobalTestEnvironment(new PrivateCacheDir);

// Betas are read z-scored per voxel per session (miniNsdNativeZ: MindEye's StandardScaler on the int16 values);
// float rounding only.
constexpr double kTolerance = 1e-5;

NativeCacheOptions cacheIn(const testsupport::TempDir &dir)
{
    NativeCacheOptions options;
    options.directory = (dir.path() / "cache").string();
    return options;
}

// Largest |beta − z-scored formula| over every trial of a layout (fails the test on a wrong vector length).
double worstError(const NativeNsdLayout &layout)
{
    double worst = 0;
    for (int64_t t = 0; t < layout.trialCount(); ++t) {
        const std::vector<float> b = layout.betas(t);
        EXPECT_EQ(static_cast<int64_t>(b.size()), layout.voxelCount());
        for (int64_t v = 0; v < static_cast<int64_t>(b.size()); ++v)
            worst = std::max(worst, std::abs(b[v] - miniNsdNativeZ(layout.subject(), t, v)));
    }
    return worst;
}

// A writable copy of the native part of the fixture.
fs::path copyNative(const testsupport::TempDir &dir)
{
    const fs::path root = dir.path() / "nsd";
    fs::create_directories(root);
    fs::copy(fs::path(kRoot) / "nsddata", root / "nsddata", fs::copy_options::recursive);
    fs::copy_file(fs::path(kRoot) / "nsd_stim_info_merged.csv", root / "nsd_stim_info_merged.csv");
    for (const auto &entry : fs::recursive_directory_iterator(root))
        fs::permissions(entry.path(), fs::perms::owner_write, fs::perm_options::add);
    return root;
}

std::string cacheFile(const NativeNsdLayout &layout, int session)
{
    return (fs::path(layout.cacheDirectory()) / NativeBetasCache::fileName(session)).string();
}

// Moves a file's mtime by `seconds` (explicitly, so that the test does not depend on the file system's timestamp
// granularity).
void shiftMtime(const std::string &path, int seconds)
{
    fs::last_write_time(path, fs::last_write_time(path) + std::chrono::seconds(seconds));
}

// Files in a folder tree (no folders).
std::vector<std::string> filesUnder(const fs::path &dir)
{
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto &entry : fs::recursive_directory_iterator(dir, ec))
        if (entry.is_regular_file())
            files.push_back(entry.path().filename().string());
    return files;
}

} // namespace

TEST(NativeBetasCache, EveryTrialOfBothSubjectsMatchesTheFormulaThroughTheCache)
{
    testsupport::TempDir dir;
    for (int subject : {1, 2}) {
        SCOPED_TRACE("subject " + std::to_string(subject));
        const auto &sub = miniNsdFacts()["subjects"][std::to_string(subject)];
        const NativeNsdLayout layout = NativeNsdLayout::open(kRoot, subject, cacheIn(dir));
        EXPECT_EQ(layout.sessionsDecoded(), 0); // opening decompresses nothing
        EXPECT_EQ(layout.mappedSessions(), 0);
        const double worst = worstError(layout);
        EXPECT_LE(worst, kTolerance);

        // Each session decompressed once, written, mapped; nothing kept decoded in memory.
        EXPECT_EQ(layout.sessionsDecoded(), 2);
        EXPECT_EQ(layout.mappedSessions(), 2);
        EXPECT_EQ(layout.cachedSessions(), 0);
        const auto state = layout.cacheState();
        EXPECT_TRUE(state.onDisk);
        EXPECT_EQ(state.sessions, 2);
        EXPECT_EQ(state.validSessions, 2);
        EXPECT_EQ(fs::path(state.directory).filename(), "subj0" + std::to_string(subject));
        EXPECT_EQ(fs::path(state.directory).parent_path().parent_path(), dir.path() / "cache");
        // [trials][V] int16 between a 4096-byte header and the session statistics (V float64 means, V float64
        // scales) and a 16-byte trailer.
        const int64_t nvox = sub["nvox"].get<int64_t>();
        const int64_t perSession = static_cast<int64_t>(sub["trial_images"].size()) / 2;
        const uint64_t fileBytes = 4096 + static_cast<uint64_t>(perSession * nvox * 2 + 2 * 8 * nvox) + 16;
        EXPECT_EQ(state.bytes, 2 * fileBytes);
        for (int session : {1, 2})
            EXPECT_EQ(fs::file_size(cacheFile(layout, session)), fileBytes);

        const std::vector<float> m = layout.meanBetas(0);
        EXPECT_NEAR(m[0], miniNsdNativeMeanZ(subject, 0, 0), kTolerance);
    }
    // The hash folder names the dataset it belongs to.
    const auto hashDirs = fs::directory_iterator(dir.path() / "cache");
    for (const auto &entry : hashDirs)
        EXPECT_EQ(testsupport::readBytes((entry.path() / "root.txt").string()),
                  fs::absolute(kRoot).lexically_normal().string() + "\n");
}

TEST(NativeBetasCache, CachedValuesEqualTheInMemoryDecodeExactly)
{
    testsupport::TempDir dir;
    NativeCacheOptions memory;
    memory.mode = NativeCacheOptions::Mode::Memory;
    const NativeNsdLayout cached = NativeNsdLayout::open(kRoot, 1, cacheIn(dir));
    const NativeNsdLayout decoded = NativeNsdLayout::open(kRoot, 1, memory);
    for (int64_t t = 0; t < cached.trialCount(); ++t)
        ASSERT_EQ(cached.betas(t), decoded.betas(t)) << "trial " << t;
    EXPECT_EQ(decoded.cacheDirectory(), "");
    EXPECT_FALSE(decoded.cacheState().onDisk);
    EXPECT_EQ(decoded.mappedSessions(), 0);
    EXPECT_THROW(decoded.buildCache(), vindex::Error);
}

TEST(NativeBetasCache, SecondOpenReusesTheCacheWithoutDecompressing)
{
    testsupport::TempDir dir;
    std::vector<std::vector<float>> first;
    {
        const NativeNsdLayout layout = NativeNsdLayout::open(kRoot, 2, cacheIn(dir));
        for (int64_t t = 0; t < layout.trialCount(); ++t)
            first.push_back(layout.betas(t));
        EXPECT_EQ(layout.sessionsDecoded(), 2);
    }
    const NativeNsdLayout again = NativeNsdLayout::open(kRoot, 2, cacheIn(dir));
    EXPECT_EQ(again.cacheState().validSessions, 2);
    for (int64_t t = 0; t < again.trialCount(); ++t)
        ASSERT_EQ(again.betas(t), first[static_cast<std::size_t>(t)]) << "trial " << t;
    EXPECT_EQ(again.sessionsDecoded(), 0);
    EXPECT_EQ(again.mappedSessions(), 2);
    // Subject 1 of the same root has a folder of its own.
    const NativeNsdLayout other = NativeNsdLayout::open(kRoot, 1, cacheIn(dir));
    EXPECT_NE(other.cacheDirectory(), again.cacheDirectory());
    EXPECT_EQ(other.cacheState().validSessions, 0);
}

TEST(NativeBetasCache, TouchedOrReplacedSourceIsRebuilt)
{
    testsupport::TempDir dir;
    const fs::path root = copyNative(dir);
    NativeNsdLayout::open(root.string(), 1, cacheIn(dir)).buildCache();

    // Touched (same bytes, new mtime): session 1 is rebuilt, session 2 reused.
    const NativeNsdLayout probe = NativeNsdLayout::open(root.string(), 1, cacheIn(dir));
    shiftMtime(probe.betasPath(1), 10);
    {
        const NativeNsdLayout layout = NativeNsdLayout::open(root.string(), 1, cacheIn(dir));
        EXPECT_EQ(layout.cacheState().validSessions, 1);
        EXPECT_LE(worstError(layout), kTolerance);
        EXPECT_EQ(layout.sessionsDecoded(), 1);
        EXPECT_EQ(layout.cacheState().validSessions, 2);
    }
    // Replaced by other content (session 1's file over session 2's): trial k of session 2 now holds what trial k
    // of session 1 holds (z-scored over the same values, so identical).
    fs::copy_file(probe.betasPath(1), probe.betasPath(2), fs::copy_options::overwrite_existing);
    shiftMtime(probe.betasPath(2), 20);
    const NativeNsdLayout layout = NativeNsdLayout::open(root.string(), 1, cacheIn(dir));
    const int64_t perSession = layout.trialsPerSession();
    for (int64_t k = 0; k < perSession; ++k) {
        const std::vector<float> b = layout.betas(perSession + k);
        for (int64_t v = 0; v < layout.voxelCount(); ++v)
            ASSERT_NEAR(b[v], miniNsdNativeZ(1, k, v), kTolerance) << "trial " << perSession + k;
    }
    EXPECT_EQ(layout.sessionsDecoded(), 1);
}

TEST(NativeBetasCache, TruncatedOrDamagedCacheFilesAreRebuiltNeverTrusted)
{
    testsupport::TempDir dir;
    const NativeNsdLayout built = NativeNsdLayout::open(kRoot, 1, cacheIn(dir));
    built.buildCache();
    const std::string file1 = cacheFile(built, 1), file2 = cacheFile(built, 2);
    const std::string good1 = testsupport::readBytes(file1);

    // Truncated data (a crash cannot leave this behind, a full disk or a user can): rebuilt on first use.
    fs::resize_file(file1, fs::file_size(file1) / 2);
    // A header from another format version, or garbage.
    std::string other = testsupport::readBytes(file2);
    other[8] = 7;
    testsupport::writeBytes(file2, other);
    {
        const NativeNsdLayout layout = NativeNsdLayout::open(kRoot, 1, cacheIn(dir));
        EXPECT_EQ(layout.cacheState().validSessions, 0);
        EXPECT_LE(worstError(layout), kTolerance);
        EXPECT_EQ(layout.sessionsDecoded(), 2);
        EXPECT_EQ(testsupport::readBytes(file1), good1);
    }
    for (const std::string &junk : {std::string(), std::string("VXBETAS\n"), std::string(5000, 'x')}) {
        testsupport::writeBytes(file1, junk);
        const NativeNsdLayout layout = NativeNsdLayout::open(kRoot, 1, cacheIn(dir));
        EXPECT_LE(worstError(layout), kTolerance);
        EXPECT_EQ(layout.sessionsDecoded(), 1) << junk.size() << " bytes of junk";
    }

    // A flipped data byte is not checked on every open (that would read the whole file), but buildCache verifies
    // the data of every file it keeps and rewrites this one.
    std::string flipped = testsupport::readBytes(file1);
    flipped[4096 + 10] ^= 0x40;
    testsupport::writeBytes(file1, flipped);
    const NativeNsdLayout layout = NativeNsdLayout::open(kRoot, 1, cacheIn(dir));
    const auto report = layout.buildCache();
    EXPECT_EQ(report.converted, 1);
    EXPECT_EQ(report.reused, 1);
    EXPECT_EQ(report.failed, 0);
    EXPECT_EQ(testsupport::readBytes(file1), good1);
    EXPECT_LE(worstError(layout), kTolerance);
}

TEST(NativeBetasCache, UnwritableCacheFolderFallsBackToMemoryWithOneWarning)
{
    testsupport::TempDir dir;
    // A folder below a regular file cannot be created, not even by root.
    testsupport::writeBytes(dir.file("file"), "not a folder");
    NativeCacheOptions options;
    options.directory = dir.file("file") + "/cache";

    std::mutex mutex;
    std::vector<std::string> warnings;
    const int listener = vindex::addLogListener([&](vindex::LogLevel level, const std::string &message) {
        std::lock_guard<std::mutex> lock(mutex);
        if (level == vindex::LogLevel::Warning)
            warnings.push_back(message);
    });
    const NativeNsdLayout layout = NativeNsdLayout::open(kRoot, 2, options);
    EXPECT_LE(worstError(layout), kTolerance);
    vindex::removeLogListener(listener);

    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find(dir.file("file")), std::string::npos) << warnings[0];
    EXPECT_NE(warnings[0].find("in memory"), std::string::npos) << warnings[0];
    EXPECT_FALSE(layout.cacheState().onDisk);
    EXPECT_EQ(layout.mappedSessions(), 0);
    EXPECT_GE(layout.cachedSessions(), 1);
    EXPECT_THROW(layout.buildCache(), vindex::Error);
    EXPECT_TRUE(fs::is_regular_file(dir.file("file")));
}

TEST(NativeBetasCache, EnvironmentChoosesTheFolder)
{
    testsupport::TempDir dir;
    const char *saved = std::getenv("VINDEX_CACHE_DIR");
    const std::string savedValue = saved ? saved : "";
    const char *savedXdg = std::getenv("XDG_CACHE_HOME");
    const std::string savedXdgValue = savedXdg ? savedXdg : "";

    ::setenv("VINDEX_CACHE_DIR", dir.file("env").c_str(), 1);
    EXPECT_EQ(NativeBetasCache::defaultBaseDirectory(), dir.file("env"));
    const NativeNsdLayout layout = NativeNsdLayout::open(kRoot, 1);
    EXPECT_EQ(fs::path(layout.cacheDirectory()).parent_path().parent_path(), dir.path() / "env");
    EXPECT_EQ(layout.cacheDirectory(), NativeBetasCache::subjectDirectory(dir.file("env"), kRoot, 1));
    // The same root spelled differently hashes to the same folder.
    EXPECT_EQ(NativeBetasCache::subjectDirectory("/base", kRoot + "/", 1),
              NativeBetasCache::subjectDirectory("/base", kRoot + "/nsddata/..", 1));
    EXPECT_NE(NativeBetasCache::subjectDirectory("/base", kRoot, 1),
              NativeBetasCache::subjectDirectory("/base", kRoot + "x", 1));

    ::unsetenv("VINDEX_CACHE_DIR");
    ::setenv("XDG_CACHE_HOME", dir.file("xdg").c_str(), 1);
    EXPECT_EQ(NativeBetasCache::defaultBaseDirectory(), dir.file("xdg") + "/vindex/nsd-roi");
    ::unsetenv("XDG_CACHE_HOME");
    if (const char *home = std::getenv("HOME"))
        EXPECT_EQ(NativeBetasCache::defaultBaseDirectory(), std::string(home) + "/.cache/vindex/nsd-roi");

    if (saved)
        ::setenv("VINDEX_CACHE_DIR", savedValue.c_str(), 1);
    if (savedXdg)
        ::setenv("XDG_CACHE_HOME", savedXdgValue.c_str(), 1);
}

TEST(NativeBetasCache, BuildReportsProgressAndCancelLeavesNoFile)
{
    testsupport::TempDir dir;
    const NativeNsdLayout layout = NativeNsdLayout::open(kRoot, 1, cacheIn(dir));

    // Cancelled in the middle of session 1: no cache file, no temporary file.
    int calls = 0;
    vindex::JobControl cancelling;
    cancelling.setProgressHandler([&](const vindex::JobProgress &) {
        if (++calls == 5)
            cancelling.cancel();
    });
    EXPECT_THROW(layout.buildCache(cancelling), vindex::Cancelled);
    EXPECT_EQ(filesUnder(dir.path() / "cache"), std::vector<std::string>{});
    EXPECT_EQ(layout.cacheState().validSessions, 0);

    std::vector<double> fractions;
    std::vector<std::string> messages;
    const vindex::JobControl recording([&](const vindex::JobProgress &p) {
        fractions.push_back(p.fraction);
        messages.push_back(p.message);
    });
    const auto report = layout.buildCache(recording);
    EXPECT_EQ(report.sessions, 2);
    EXPECT_EQ(report.converted, 2);
    EXPECT_EQ(report.reused, 0);
    EXPECT_EQ(report.failed, 0);
    EXPECT_EQ(report.directory, layout.cacheDirectory());
    EXPECT_EQ(report.bytes, report.bytesWritten);
    EXPECT_EQ(report.bytes, layout.cacheState().bytes);
    EXPECT_GE(report.seconds, 0.0);
    // Per volume: at least one report per trial, non-decreasing, ending at 1.
    EXPECT_GE(static_cast<int64_t>(fractions.size()), layout.trialCount());
    EXPECT_TRUE(std::is_sorted(fractions.begin(), fractions.end()));
    EXPECT_DOUBLE_EQ(fractions.back(), 1.0);
    EXPECT_NE(messages.front().find("subj01 session 01"), std::string::npos) << messages.front();

    const auto again = layout.buildCache();
    EXPECT_EQ(again.converted, 0);
    EXPECT_EQ(again.reused, 2);
    EXPECT_EQ(again.bytesWritten, 0u);
    EXPECT_EQ(again.bytes, report.bytes);
    EXPECT_EQ(layout.sessionsDecoded(), 2 + 1); // the cancelled attempt started one decompression
}

TEST(NativeBetasCache, BuildGoesOnPastABadSessionAndNamesIt)
{
    testsupport::TempDir dir;
    const fs::path root = copyNative(dir);
    const std::string session2 = NativeNsdLayout::open(root.string(), 1, cacheIn(dir)).betasPath(2);
    const std::string bytes = testsupport::readBytes(session2);
    testsupport::writeBytes(session2, bytes.substr(0, bytes.size() / 2));

    const NativeNsdLayout layout = NativeNsdLayout::open(root.string(), 1, cacheIn(dir));
    const auto report = layout.buildCache();
    EXPECT_EQ(report.converted, 1);
    EXPECT_EQ(report.failed, 1);
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_NE(report.problems[0].find(session2), std::string::npos) << report.problems[0];
    EXPECT_EQ(filesUnder(layout.cacheDirectory()), std::vector<std::string>{NativeBetasCache::fileName(1)});
    // Its trials still fail with the file named; the other session's are served from the cache.
    EXPECT_THROW((void)layout.betas(layout.trialsPerSession()), vindex::DataError);
    EXPECT_EQ(layout.betas(0).size(), static_cast<std::size_t>(layout.voxelCount()));
}

TEST(NativeBetasCache, BuildRemovesTemporaryFilesOfInterruptedConversions)
{
    testsupport::TempDir dir;
    const NativeNsdLayout layout = NativeNsdLayout::open(kRoot, 1, cacheIn(dir));
    fs::create_directories(layout.cacheDirectory());
    const std::string stale = cacheFile(layout, 1) + ".tmp-AbC123", fresh = cacheFile(layout, 2) + ".tmp-XyZ789";
    testsupport::writeBytes(stale, "left by a crash");
    testsupport::writeBytes(fresh, "another process converting right now");
    fs::last_write_time(stale, fs::file_time_type::clock::now() - std::chrono::hours(2));
    layout.buildCache();
    EXPECT_FALSE(fs::exists(stale));
    EXPECT_TRUE(fs::exists(fresh));
}

TEST(NativeBetasCache, ConcurrentReadersDecompressEachSessionOnce)
{
    testsupport::TempDir dir;
    const NativeNsdLayout layout = NativeNsdLayout::open(kRoot, 1, cacheIn(dir));
    std::atomic<int> bad{0};
    std::vector<std::thread> threads;
    for (int k = 0; k < 4; ++k) {
        threads.emplace_back([&, k] {
            std::mt19937 random(static_cast<unsigned>(k));
            for (int i = 0; i < 50; ++i) {
                const int64_t t = std::uniform_int_distribution<int64_t>(0, layout.trialCount() - 1)(random);
                const std::vector<float> b = layout.betas(t);
                for (int64_t v = 0; v < layout.voxelCount(); ++v)
                    if (std::abs(b[v] - miniNsdNativeZ(1, t, v)) > kTolerance)
                        ++bad;
            }
        });
    }
    for (auto &thread : threads)
        thread.join();
    EXPECT_EQ(bad.load(), 0);
    EXPECT_EQ(layout.sessionsDecoded(), 2);
}

TEST(NativeBetasCache, FileIsCheckedAgainstItsSourceAndRoi)
{
    testsupport::TempDir dir;
    const NativeNsdLayout layout = NativeNsdLayout::open(kRoot, 1, cacheIn(dir));
    layout.buildCache();
    const NativeBetasSource source = NativeBetasSource::of(layout.betasPath(1), layout.roi());
    EXPECT_EQ(source.path, fs::absolute(layout.betasPath(1)).lexically_normal().string());
    EXPECT_EQ(source.size, fs::file_size(layout.betasPath(1)));
    EXPECT_EQ(source.roiVoxels, layout.voxelCount());

    std::string reason;
    const auto file = NativeBetasCache::open(cacheFile(layout, 1), source, &reason);
    ASSERT_TRUE(file) << reason;
    EXPECT_EQ(file->format().dtype, NativeBetasCache::DType::Int16);
    EXPECT_EQ(file->trials(), layout.trialsPerSession());
    EXPECT_EQ(file->voxels(), layout.voxelCount());
    EXPECT_DOUBLE_EQ(file->format().scale, 1.0 / 300.0);
    EXPECT_TRUE(file->verifyData());
    EXPECT_EQ(file->row(3), layout.betas(3));
    EXPECT_THROW(file->row(file->trials()), vindex::DataError);
    // Before z-scoring the rows are the NIfTI's %signal (int16 ÷ 300: half a step from the formula).
    std::vector<float> percent(static_cast<std::size_t>(file->voxels()));
    file->readPercentSignal(3, percent.data());
    for (int64_t v = 0; v < file->voxels(); ++v)
        EXPECT_NEAR(percent[v], miniNsdBeta(v, layout.trial(3).imageId, layout.trial(3).repeat), 0.5 / 300 + 1e-6);

    // A cache written before betas were z-scored (format version 1) is stale, never read as z-scores.
    std::string versionOne = testsupport::readBytes(cacheFile(layout, 1));
    versionOne[8] = 1;
    testsupport::writeBytes(dir.file("v1.roi"), versionOne);
    std::string stale;
    EXPECT_FALSE(NativeBetasCache::open(dir.file("v1.roi"), source, &stale));
    EXPECT_NE(stale.find("stale: format version 1"), std::string::npos) << stale;

    auto expectRejected = [&](const NativeBetasSource &other, const std::string &word) {
        std::string why;
        EXPECT_FALSE(NativeBetasCache::open(cacheFile(layout, 1), other, &why));
        EXPECT_NE(why.find(word), std::string::npos) << why;
    };
    NativeBetasSource moved = source;
    moved.path = layout.betasPath(2);
    expectRejected(moved, "stale");
    NativeBetasSource resized = source;
    resized.size += 1;
    expectRejected(resized, "changed");
    NativeBetasSource touched = source;
    touched.mtimeNs += 1;
    expectRejected(touched, "changed");
    NativeBetasSource otherRoi = source;
    otherRoi.roiHash ^= 1;
    expectRejected(otherRoi, "ROI");
    std::string why;
    EXPECT_FALSE(NativeBetasCache::open(dir.file("absent.roi"), source, &why));
    EXPECT_EQ(why, "absent");
    // Subject 2's ROI differs from subject 1's: the hash sees it.
    const NativeNsdLayout subject2 = NativeNsdLayout::open(kRoot, 2, cacheIn(dir));
    EXPECT_NE(NativeBetasCache::roiHash(subject2.roi()), source.roiHash);
}
