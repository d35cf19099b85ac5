#include "JobManager.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>

#include <algorithm>

namespace vindex::studio {

JobManager::JobManager(QObject *parent) : QObject(parent)
{
    m_tick.setInterval(kReportIntervalMs);
    connect(&m_tick, &QTimer::timeout, this, &JobManager::deliverReports);
}

JobManager::~JobManager()
{
    cancelAll();
    // Each job's destructor waits for its thread (a trainer saves its checkpoint first).
    const QList<Job *> jobs = m_jobs;
    m_jobs.clear();
    qDeleteAll(jobs);
}

Job *JobManager::add(Job *job)
{
    job->setParent(this);
    job->setName(distinctName(job->name()));
    m_jobs << job;
    connect(job, &Job::ended, this, [this, job] {
        if (activeCount() == 0)
            m_tick.stop();
        emit jobEnded(job);
        emit activeCountChanged(activeCount());
    });
    emit jobAdded(job);
    job->start();
    m_tick.start();
    emit activeCountChanged(activeCount());
    return job;
}

QString JobManager::distinctName(const QString &name) const
{
    const auto taken = [this](const QString &candidate) {
        return std::any_of(m_jobs.begin(), m_jobs.end(), [&](const Job *job) { return job->name() == candidate; });
    };
    QString candidate = name;
    for (int number = 2; taken(candidate); ++number)
        candidate = QStringLiteral("%1 (%2)").arg(name).arg(number);
    return candidate;
}

QList<Job *> JobManager::activeJobs() const
{
    QList<Job *> active;
    for (Job *job : m_jobs)
        if (job->isActive())
            active << job;
    return active;
}

void JobManager::deliverReports()
{
    for (Job *job : activeJobs())
        job->deliverReports();
}

void JobManager::removeEnded()
{
    const QList<Job *> jobs = m_jobs;
    for (Job *job : jobs) {
        if (job->isActive())
            continue;
        m_jobs.removeOne(job);
        emit jobRemoved(job);
        job->deleteLater();
    }
}

void JobManager::cancelAll()
{
    for (Job *job : activeJobs())
        job->cancel();
}

bool JobManager::waitForAll(int milliseconds)
{
    // The jobs end on the GUI thread (their last results are queued there): keep the event loop turning.
    QDeadlineTimer deadline(milliseconds);
    while (activeCount() > 0) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(5);
    }
    return true;
}

} // namespace vindex::studio
