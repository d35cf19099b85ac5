#include "Job.h"

#include "vindex/core/Error.h"

#include <QLocale>
#include <QMetaObject>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <exception>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace vindex::studio {

Job::Job(Kind kind, QString name, QObject *parent) : QObject(parent), m_kind(kind), m_name(std::move(name))
{
    // The work's thread stores, the GUI thread's tick shows (deliverReports).
    m_control.setProgressHandler([this](const JobProgress &progress) {
        std::lock_guard lock(m_workerMutex);
        m_pendingProgress = progress;
        markReportsPending();
    });
    m_control.setPartialHandler([this](const std::string &key, const std::string &text) {
        const QString qKey = QString::fromStdString(key), qText = QString::fromStdString(text); // outside the lock
        std::lock_guard lock(m_workerMutex);
        // A key's newer text replaces the older one still waiting (a caption streams its whole text so far).
        for (auto &[waitingKey, waitingText] : m_pendingPartials)
            if (waitingKey == qKey) {
                waitingText = qText;
                markReportsPending();
                return;
            }
        m_pendingPartials.append({qKey, qText});
        markReportsPending();
    });
}

Job::~Job()
{
    m_control.cancel();
    if (m_thread)
        m_thread->wait();
}

void Job::stopAndWait()
{
    if (!m_thread || m_thread->isFinished())
        return;
    m_control.cancel();
    requestCancel();
    m_thread->wait();
}

bool Job::isActive() const
{
    return m_state == State::Queued || m_state == State::Running || m_state == State::Paused;
}

double Job::elapsedSeconds() const
{
    if (m_endedAfter >= 0)
        return m_endedAfter;
    return m_clock.isValid() ? static_cast<double>(m_clock.elapsed()) / 1000.0 : 0.0;
}

double Job::workingSeconds() const
{
    double paused = m_pausedSeconds;
    if (m_pausedClock.isValid())
        paused += static_cast<double>(m_pausedClock.elapsed()) / 1000.0;
    return std::max(0.0, elapsedSeconds() - paused);
}

QString Job::timeText() const
{
    if (isActive() && m_control.isCancelled())
        return tr("stopping…");
    switch (m_state) {
    case State::Queued: return tr("queued");
    case State::Running: return m_eta >= 0 ? tr("%1 left").arg(durationText(m_eta)) : QStringLiteral("–");
    case State::Paused: return tr("paused");
    case State::Finished:
    case State::Cancelled:
    case State::Failed: return tr("ran %1").arg(durationText(elapsedSeconds())); // the State column says how it ended
    }
    return {};
}

void Job::setName(const QString &name)
{
    if (name == m_name)
        return;
    m_name = name;
    emit changed();
}

QString Job::kindLabel(Kind kind)
{
    switch (kind) {
    case Kind::Decode: return tr("Decode");
    case Kind::Ground: return tr("Ground");
    case Kind::Train: return tr("Train");
    case Kind::Evaluate: return tr("Evaluate");
    case Kind::OpenDataset: return tr("Open");
    case Kind::Report: return tr("Report");
    }
    return {};
}

QString Job::stateLabel(State state)
{
    switch (state) {
    case State::Queued: return tr("Queued");
    case State::Running: return tr("Running");
    case State::Paused: return tr("Paused");
    case State::Finished: return tr("Finished");
    case State::Failed: return tr("Failed");
    case State::Cancelled: return tr("Cancelled");
    }
    return {};
}

QString Job::durationText(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return QStringLiteral("–");
    const auto s = static_cast<qint64>(std::llround(seconds));
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(s / 3600)
            .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

void Job::start()
{
    if (m_thread || m_state != State::Queued)
        return;
    m_startedAt = QDateTime::currentDateTime();
    m_clock.start();
    setState(State::Running);
    appendLog(tr("Started %1").arg(QLocale().toString(m_startedAt, QLocale::ShortFormat)));
    m_thread = QThread::create([this] {
#ifdef Q_OS_LINUX
        // The GUI thread comes first: a job thread (and the compute threads it starts, which inherit this) runs
        // at a lower priority, so the window keeps answering while the cores are busy. (QThread's priorities
        // do nothing under Linux's default scheduler.)
        setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 19);
#endif
        State state = State::Finished;
        QString error;
        try {
            work();
        } catch (const Cancelled &) {
            state = State::Cancelled;
        } catch (const std::exception &exception) {
            // A cancel that surfaces as another error (e.g. a half-built model) is still a cancel.
            state = m_control.isCancelled() ? State::Cancelled : State::Failed;
            error = QString::fromStdString(exception.what());
        }
        QMetaObject::invokeMethod(
            this, [this, state, error] { onThreadEnded(state, error); }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("job: ") + m_name);
    m_thread->setParent(this);
    m_thread->start();
}

bool Job::wait(int milliseconds)
{
    return !m_thread || m_thread->wait(QDeadlineTimer(milliseconds));
}

void Job::cancel()
{
    if (!isActive())
        return;
    m_control.cancel();
    if (!m_thread) {
        setState(State::Cancelled);
        emit ended();
        return;
    }
    requestCancel();
    appendLog(tr("Cancelling…"));
    m_status = tr("Cancelling…");
    emit changed();
}

void Job::pause()
{
    if (!canPause() || state() != State::Running)
        return;
    m_control.pause();
    m_pausedClock.start();
    setState(State::Paused);
    appendLog(tr("Paused"));
}

void Job::resume()
{
    if (state() != State::Paused)
        return;
    m_control.resume();
    m_pausedSeconds += static_cast<double>(m_pausedClock.elapsed()) / 1000.0;
    m_pausedClock.invalidate();
    setState(State::Running);
    appendLog(tr("Resumed"));
}

void Job::markReportsPending()
{
    m_reportsPending.store(true);
}

std::unique_lock<std::mutex> Job::tryLockReports()
{
    std::unique_lock lock(m_workerMutex, std::try_to_lock);
    if (!lock.owns_lock())
        m_reportsPending.store(true);
    return lock;
}

void Job::deliverReports()
{
    if (!m_reportsPending.exchange(false)) // cleared first: what the worker stores meanwhile comes next time
        return;
    deliverControlReports();
    flushWorker();
}

void Job::deliverControlReports()
{
    std::optional<JobProgress> progress;
    QList<QPair<QString, QString>> partials;
    {
        const auto lock = tryLockReports();
        if (!lock.owns_lock())
            return;
        std::swap(progress, m_pendingProgress);
        std::swap(partials, m_pendingPartials);
    }
    if (!partials.isEmpty())
        showPartials(partials);
    if (progress)
        showProgress(*progress);
}

void Job::showProgress(const JobProgress &progress)
{
    QString status = QString::fromStdString(progress.message);
    if (status.isEmpty() && progress.total > 0)
        status = tr("%1: %2 of %3").arg(QString::fromStdString(progress.stage)).arg(progress.done).arg(progress.total);
    else if (status.isEmpty())
        status = QString::fromStdString(progress.stage);
    const double elapsed = workingSeconds(); // a pause is not part of the work's pace
    const double eta = progress.fraction > 0 ? elapsed / progress.fraction - elapsed : -1;
    setProgress(progress.fraction, status, eta);
}

void Job::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit changed();
}

void Job::setProgress(double fraction, const QString &status, double etaSeconds)
{
    m_progress = fraction;
    m_status = status;
    m_eta = etaSeconds;
    emit changed();
}

void Job::appendLog(const QString &line)
{
    m_log << line;
    emit logAppended(line);
}

void Job::onThreadEnded(State state, const QString &error)
{
    m_reportsPending.store(false);
    deliverControlReports();
    flushWorker();
    m_endedAfter = elapsedSeconds();
    if (m_pausedClock.isValid()) { // cancelled while paused
        m_pausedSeconds += static_cast<double>(m_pausedClock.elapsed()) / 1000.0;
        m_pausedClock.invalidate();
    }
    m_eta = -1;
    m_error = error;
    if (state == State::Finished) {
        m_progress = 1.0;
        m_status = tr("Finished in %1").arg(durationText(m_endedAfter));
    } else if (state == State::Cancelled) {
        m_status = tr("Cancelled after %1").arg(durationText(m_endedAfter));
    } else {
        m_status = error;
    }
    setState(state);
    if (state == State::Finished)
        workFinished();
    appendLog(state == State::Failed ? tr("Failed: %1").arg(error) : m_status);
    if (state == State::Cancelled)
        workCancelled();
    emit changed();
    emit ended();
}

} // namespace vindex::studio
