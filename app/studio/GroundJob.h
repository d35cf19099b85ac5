#pragma once
// Grounding as a job: decode::GroundRun (Shikra) on the job's thread, progress per (input, expression) pair. The
// answers (boxes as image fractions) come at the end; with a results file (BrainHub's decoded-bbox layout)
// resultsWritten names it.
#include "Job.h"

#include "vindex/decode/GroundRun.h"

namespace vindex::studio {

class GroundJob : public Job {
    Q_OBJECT

public:
    GroundJob(decode::GroundRunRequest request, QString name, QObject *parent = nullptr);
    ~GroundJob() override;

    const decode::GroundRunRequest &request() const { return m_request; }
    const decode::GroundRunResult &result() const { return m_result; }
    // An answer's boxes as text: "[x0, y0, x1, y1] …" (fractions of the image), or "no box".
    static QString boxesText(const decode::GroundRunResult::Answer &answer);

signals:
    void resultsWritten(const QString &path);

protected:
    void work() override;
    void showProgress(const JobProgress &progress) override;
    void workFinished() override;

private:
    decode::GroundRunRequest m_request;
    decode::GroundRunResult m_result;
};

} // namespace vindex::studio
