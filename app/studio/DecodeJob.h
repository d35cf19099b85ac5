#pragma once
// Captioning as a job: decode::CaptionRun on the job's thread. Text streams in token by token (the JobControl's
// partial results) and is shown as it grows; a caption counts as done when its batch is (a progress report). At the end
// the captions are the run's own (stripped, in input order, resumed ones included) and, when a results file was asked
// for, resultsWritten names it.
#include "Job.h"

#include "vindex/decode/CaptionRun.h"

#include <QHash>
#include <QList>

namespace vindex::studio {

class DecodeJob : public Job {
    Q_OBJECT

public:
    struct Caption {
        QString key;    // the results file's key (the split index for NSD trials)
        QString source; // what was decoded ("subj01 test 5 (image 2950)", an image path, ...)
        QString text;
        bool done = false;
        bool resumed = false; // from an earlier run's results file
    };

    DecodeJob(decode::CaptionRunRequest request, QString name, QObject *parent = nullptr);
    ~DecodeJob() override;

    const decode::CaptionRunRequest &request() const { return m_request; }
    const QList<Caption> &captions() const { return m_captions; }
    // The caption with this key, or nullptr.
    const Caption *caption(const QString &key) const;
    const decode::CaptionRunResult &result() const { return m_result; }
    QString resultsPath() const { return QString::fromStdString(m_request.resultsPath); }

signals:
    // Captions at these rows of captions() were added or changed.
    void captionsChanged(const QList<int> &rows);
    // The results file (BrainHub's {"idx": caption} layout) and its manifest are complete.
    void resultsWritten(const QString &path);

protected:
    void work() override;
    void showProgress(const JobProgress &progress) override;
    void showPartials(const QList<QPair<QString, QString>> &partials) override;
    void workFinished() override;

private:
    int rowOf(const QString &key);

    decode::CaptionRunRequest m_request;
    decode::CaptionRunResult m_result;
    QList<Caption> m_captions;
    QHash<QString, int> m_rows;
};

} // namespace vindex::studio
