#include "vindex/data/LoadBenchmark.h"

#include "vindex/core/Error.h"
#include "vindex/data/MindEye2Layout.h"
#include "vindex/data/NativeNsdLayout.h"
#include "vindex/data/WebdatasetLayout.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <random>

namespace vindex::data {
namespace {

using Clock = std::chrono::steady_clock;

double residentMegabytes()
{
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmRSS:") {
            double kilobytes = 0;
            status >> kilobytes;
            return kilobytes / 1024.0;
        }
        status.ignore(4096, '\n');
    }
    return 0;
}

// Times fetch(i) for `fetches` random trial indices in [0, trials).
void timeFetches(LoadBenchmarkResult &r, int64_t fetches, const std::function<void(int64_t)> &fetch)
{
    if (r.trials <= 0)
        return;
    std::mt19937_64 random(1234);
    std::uniform_int_distribution<int64_t> pick(0, r.trials - 1);
    double total = 0;
    for (int64_t i = 0; i < fetches; ++i) {
        const auto start = Clock::now();
        fetch(pick(random));
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        total += ms;
        r.worstFetchMilliseconds = std::max(r.worstFetchMilliseconds, ms);
    }
    r.fetched = fetches;
    r.meanFetchMilliseconds = total / static_cast<double>(fetches);
    r.residentMegabytes = residentMegabytes();
}

} // namespace

std::vector<LoadBenchmarkResult> LoadBenchmark::run(const std::string &root, int subject, int64_t fetches)
{
    std::vector<LoadBenchmarkResult> results;
    auto wanted = [subject](int s) { return subject <= 0 || s == subject; };
    for (int s : WebdatasetLayout::findSubjects(root)) {
        if (!wanted(s))
            continue;
        LoadBenchmarkResult r{"webdataset", s};
        const auto start = Clock::now();
        const auto layout = WebdatasetLayout::open(root, s);
        r.openSeconds = std::chrono::duration<double>(Clock::now() - start).count();
        r.voxels = layout.voxelCount();
        const auto split = WebdatasetLayout::Split::Train;
        r.trials = static_cast<int64_t>(layout.sampleCount(split));
        timeFetches(r, fetches, [&](int64_t i) { layout.meanVoxels(split, static_cast<std::size_t>(i)); });
        results.push_back(r);
    }
    for (int s : MindEye2Layout::subjectsIn(root)) {
        if (!wanted(s))
            continue;
        LoadBenchmarkResult r{"mindeye2", s};
        const auto start = Clock::now();
        const auto layout = MindEye2Layout::open(root, s);
        r.openSeconds = std::chrono::duration<double>(Clock::now() - start).count();
        r.voxels = layout.voxelCount();
        r.trials = layout.trialCount();
        timeFetches(r, fetches, [&](int64_t i) { layout.betas(i); });
        results.push_back(r);
    }
    for (int s : NativeNsdLayout::subjectsIn(root)) {
        if (!wanted(s))
            continue;
        LoadBenchmarkResult r{"native", s};
        const auto start = Clock::now();
        const auto layout = NativeNsdLayout::open(root, s);
        r.openSeconds = std::chrono::duration<double>(Clock::now() - start).count();
        r.voxels = layout.voxelCount();
        r.trials = layout.trialCount();
        r.cache = layout.cacheState().onDisk ? "disk" : "memory";
        if (r.cache == "disk") {
            const auto prepare = Clock::now();
            // Convert (or verify) every session first, so that the fetches time the steady state; a folder that
            // cannot be written leaves the layout on its in-memory path, which warns once by itself.
            try {
                layout.buildCache();
            } catch (const Error &) {
            }
            r.cacheSeconds = std::chrono::duration<double>(Clock::now() - prepare).count();
            r.cache = layout.cacheState().onDisk ? "disk" : "memory";
        }
        timeFetches(r, fetches, [&](int64_t i) { layout.betas(i); });
        r.sessionsDecoded = layout.sessionsDecoded();
        results.push_back(r);
    }
    return results;
}

} // namespace vindex::data
