#pragma once
// `vindex bench load`: how long opening a subject and fetching random trials takes in each NSD layout found.
#include <cstdint>
#include <string>
#include <vector>

namespace vindex::data {

struct LoadBenchmarkResult {
    std::string layout;
    int subject = 0;
    int64_t voxels = 0, trials = 0, fetched = 0;
    double openSeconds = 0;
    double meanFetchMilliseconds = 0, worstFetchMilliseconds = 0;
    double residentMegabytes = 0; // of the whole process after the fetches
    // Native layout only: where betas come from ("disk": memory-mapped ROI cache files, converted or verified by
    // buildCache before the fetches are timed; "memory": no writable cache folder, sessions decoded on demand into
    // the in-memory LRU, so fetches include decompression), the time that preparation took, and how many betas files
    // were decompressed in all (0 when a valid cache existed).
    std::string cache{};
    double cacheSeconds = 0;
    int64_t sessionsDecoded = 0;
};

class LoadBenchmark {
public:
    // Every layout and subject under root (or only `subject` when > 0); fetches random trials (fixed seed).
    static std::vector<LoadBenchmarkResult> run(const std::string &root, int subject = 0, int64_t fetches = 1000);
};

} // namespace vindex::data
