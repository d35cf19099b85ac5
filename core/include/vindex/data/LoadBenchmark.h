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
};

class LoadBenchmark {
public:
    // Every layout and subject under root (or only `subject` when > 0); fetches random trials (fixed seed).
    static std::vector<LoadBenchmarkResult> run(const std::string &root, int subject = 0, int64_t fetches = 1000);
};

} // namespace vindex::data
