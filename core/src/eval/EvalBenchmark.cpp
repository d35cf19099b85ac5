#include "vindex/eval/EvalBenchmark.h"

#include "vindex/eval/CaptionEvaluation.h"
#include "vindex/eval/Meteor.h"
#include "vindex/eval/WordNet.h"

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
    const auto wordNetStart = Clock::now();
    WordNet::shared();
    report.wordNetSeconds = std::chrono::duration<double>(Clock::now() - wordNetStart).count();
    CaptionEvaluationOptions options;
    options.metrics = CaptionEvaluation::parseMetrics("all");
    report.totalSeconds = std::numeric_limits<double>::infinity();
    for (int r = 0; r < std::max(1, request.repeats); ++r) {
        const auto start = Clock::now();
        const auto result = CaptionEvaluation::evaluate(candidates, references, options);
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        if (seconds < report.totalSeconds) {
            report.totalSeconds = seconds;
            report.tokenizeSeconds = result.tokenizeSeconds;
            report.scoreSeconds = result.scoreSeconds;
            report.trials = result.ids.size();
            report.references = result.referenceCount;
            report.cider = result.value("CIDEr");
            report.meteor = result.value(Meteor::kScoreName);
        }
    }
    return report;
}

} // namespace vindex::eval
