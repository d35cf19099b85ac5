#pragma once
// Scoring a loaded result as a job of the jobs dock: core's report::ResultScoring (the same as `vindex eval`) reads a
// caption or grounding results file and scores it against its references (BLEU, ROUGE-L, CIDEr, METEOR; accuracy and
// IoU per group) on the job's thread, given the job's control: Cancel stops it between metrics and within the
// scorers' per-trial loops. The result comes at the end (workFinished), as core returned it and as the views show it.
#include "Job.h"
#include "ResultLoader.h"

#include <memory>

namespace vindex::widgets {
struct DecodingResult;
}

namespace vindex::studio {

class EvaluateJob : public Job {
    Q_OBJECT

public:
    explicit EvaluateJob(ResultLoader::Request request, QObject *parent = nullptr);
    ~EvaluateJob() override;

    const ResultLoader::Request &request() const { return m_request; }
    // The scored result once Finished, else nullptr: as the views show it, and as core returned it.
    std::shared_ptr<widgets::DecodingResult> result() const { return m_result; }
    std::shared_ptr<const report::ScoredResult> scored() const { return m_scored; }

protected:
    void work() override;
    void workFinished() override;

private:
    ResultLoader::Request m_request;
    std::shared_ptr<widgets::DecodingResult> m_result;
    std::shared_ptr<const report::ScoredResult> m_scored;
};

} // namespace vindex::studio
