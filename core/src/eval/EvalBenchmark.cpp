#include "vindex/eval/EvalBenchmark.h"

#include "vindex/eval/CaptionEvaluation.h"

#include <algorithm>
#include <chrono>
#include <limits>

namespace vindex::eval {

EvalBenchmarkReport benchmarkCaptionEvaluation(const EvalBenchmarkRequest &request)
{
    using Clock = std::chrono::steady_clock;
    EvalBenchmarkReport report;
    const auto readStart = Clock::now();
    const auto candidates = CaptionFiles::readCandidates(request.candidatesPath);
    const auto references = CaptionFiles::readReferences(request.referencesPath);
    report.readSeconds = std::chrono::duration<double>(Clock::now() - readStart).count();
    report.totalSeconds = std::numeric_limits<double>::infinity();
    for (int r = 0; r < std::max(1, request.repeats); ++r) {
        const auto start = Clock::now();
        const auto result = CaptionEvaluation::evaluate(candidates, references);
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        if (seconds < report.totalSeconds) {
            report.totalSeconds = seconds;
            report.tokenizeSeconds = result.tokenizeSeconds;
            report.scoreSeconds = result.scoreSeconds;
            report.trials = result.ids.size();
            report.references = result.referenceCount;
            report.cider = result.value("CIDEr");
        }
    }
    return report;
}

} // namespace vindex::eval
