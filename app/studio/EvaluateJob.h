#pragma once
// Scoring a loaded result as a job of the jobs dock: ResultLoader reads a caption or grounding results file and scores
// it against its references (BLEU, ROUGE-L, CIDEr, METEOR; accuracy and IoU) on the job's thread; the result comes
// at the end (workFinished). The core calls cannot be interrupted midway: a cancel ends the job once the file is done.
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
    // The scored result once Finished, else nullptr.
    std::shared_ptr<widgets::DecodingResult> result() const { return m_result; }

protected:
    void work() override;
    void workFinished() override;

private:
    ResultLoader::Request m_request;
    std::shared_ptr<widgets::DecodingResult> m_result;
};

} // namespace vindex::studio
