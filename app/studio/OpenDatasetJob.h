#pragma once
// Opening an NSD dataset as a job of the jobs dock: data::Session::open (core's one dataset scanner, every layout of
// every subject) and BrainHub's annotations on the job's thread, cancellable between subjects, layouts and files;
// the opened dataset comes at the end (workFinished) for DatasetController to take over.
#include "Job.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace vindex::data {
class Session;
class BrainHubAnnotations;
} // namespace vindex::data

namespace vindex::studio {

class OpenDatasetJob : public Job {
    Q_OBJECT

public:
    struct Opened {
        QString root;
        QList<int> subjects;
        QStringList problems; // core's lines (layouts that did not open, what they found), then BrainHub's
        QString brainHubFolder;
        std::shared_ptr<const data::Session> session;
        std::shared_ptr<const data::BrainHubAnnotations> brainHub;
    };

    // brainHubFolder: the settings' folder; empty or missing: brainhub/ inside the dataset when it is there.
    OpenDatasetJob(QString root, QString brainHubFolder, QObject *parent = nullptr);
    ~OpenDatasetJob() override;

    const QString &root() const { return m_root; }
    // The opened dataset once Finished, else nullptr.
    std::shared_ptr<const Opened> opened() const { return m_opened; }

protected:
    void work() override;

private:
    QString m_root, m_brainHubFolder;
    std::shared_ptr<const Opened> m_opened;
};

} // namespace vindex::studio
