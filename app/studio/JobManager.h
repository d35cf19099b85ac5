#pragma once
// Owns the studio's jobs for the life of the window: starts each on its own thread, shows what they report a few
// times a second (one tick for all jobs, so their updates share one repaint), keeps finished ones for their results
// and logs until removed, and stops all of them (cancel, then wait) when it is destroyed. Jobs do not belong
// to the panels that started them, so closing a panel leaves its jobs running.
#include "Job.h"

#include <QList>
#include <QObject>
#include <QTimer>

namespace vindex::studio {

class JobManager : public QObject {
    Q_OBJECT

public:
    static constexpr int kReportIntervalMs = 200; // what the jobs report reaches the window 5 times a second

    explicit JobManager(QObject *parent = nullptr);
    ~JobManager() override;

    // Takes ownership and starts the job. A job named like one in the list gets a number ("… (2)"): jobs alike stay
    // distinguishable in the dock.
    Job *add(Job *job);
    QList<Job *> jobs() const { return m_jobs; }
    QList<Job *> activeJobs() const;
    int activeCount() const { return static_cast<int>(activeJobs().size()); }

    // Removes (and deletes) the jobs that have ended.
    void removeEnded();
    // Asks every active job to stop.
    void cancelAll();
    // Waits until no job thread runs (events are processed meanwhile); false on timeout.
    bool waitForAll(int milliseconds);

signals:
    void jobAdded(vindex::studio::Job *job);
    void jobRemoved(vindex::studio::Job *job);
    void jobEnded(vindex::studio::Job *job);
    void activeCountChanged(int count);

private:
    void deliverReports();
    QString distinctName(const QString &name) const;

    QList<Job *> m_jobs;
    QTimer m_tick;
};

} // namespace vindex::studio
