#pragma once
// One long piece of work of the studio (decoding, grounding, training, evaluation, opening a dataset, writing a
// report) run on a thread of its own: the studio's one adapter of core's JobControl. The Job object lives on the GUI
// thread and is what the jobs dock shows: name, state, progress, ETA, log. The work (a core call such as
// CaptionRun::run or Trainer::run, given control()) runs in work() on the job's thread; what it reports through the
// JobControl (progress, partial results) is stored under a lock there, and the JobManager's tick takes it over to the
// GUI thread a few times a second (deliverReports()), all jobs in one go: a step or a token every millisecond must
// not redraw the window every millisecond (with OpenGL views in it every repaint recomposes the whole window, which
// in software rendering takes tens of milliseconds). Cancel, pause and resume go to the JobControl.
#include "vindex/core/JobControl.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPair>
#include <QStringList>

#include <atomic>
#include <mutex>
#include <optional>

class QThread;

namespace vindex::studio {

class Job : public QObject {
    Q_OBJECT

public:
    enum class Kind { Decode, Ground, Train, Evaluate, OpenDataset, Report };
    enum class State { Queued, Running, Paused, Finished, Failed, Cancelled };
    Q_ENUM(State)

    Job(Kind kind, QString name, QObject *parent = nullptr);
    ~Job() override; // cancels and waits for the thread

    Kind kind() const { return m_kind; }
    QString name() const { return m_name; }
    State state() const { return m_state; }
    // Whether the job has not ended yet (queued, running or paused).
    bool isActive() const;
    // Of the whole job, 0..1; negative while unknown.
    double progress() const { return m_progress; }
    // What it is doing now ("epoch 2/5 step 3/8", "4 of 6 captions").
    QString statusText() const { return m_status; }
    // Seconds left; negative while unknown.
    double etaSeconds() const { return m_eta; }
    // Why it failed (core's message), empty otherwise.
    QString errorText() const { return m_error; }
    QStringList logLines() const { return m_log; }
    QDateTime startedAt() const { return m_startedAt; }
    // Wall-clock seconds since the start (to the end once ended), pauses included.
    double elapsedSeconds() const;
    // Seconds spent working: elapsedSeconds() less the time paused (what an ETA is estimated from).
    double workingSeconds() const;
    // The jobs dock's Time column: "0:42 left" while it runs, "paused", "stopping…", "ran 1:05" once it has ended —
    // never a time left for a job that is paused or has ended.
    QString timeText() const;

    virtual bool canPause() const { return false; }
    static QString kindLabel(Kind kind);
    static QString stateLabel(State state);
    static QString durationText(double seconds); // "1:05", "1:02:03", "–" when unknown

    // The JobManager makes names of jobs alike distinct ("… (2)").
    void setName(const QString &name);

    // Runs work() on a new thread (JobManager calls it).
    void start();
    // GUI thread: shows what the worker reported since the last call (JobManager's tick calls it).
    void deliverReports();
    // Blocks until the thread has ended (for shutdown and tests); false on timeout.
    bool wait(int milliseconds);

public slots:
    // Asks the work to stop at its next safe point; state becomes Cancelled when it has.
    void cancel();
    // Where canPause(): the work waits at its next pause point until resume() (or cancel()).
    void pause();
    void resume();

signals:
    void changed(); // state, progress, status or ETA
    void logAppended(const QString &line);
    // The job ended (Finished, Failed or Cancelled).
    void ended();

protected:
    // On the job's thread: the core call, given control(). Throws vindex::Cancelled when cancelled, any
    // std::exception on failure.
    virtual void work() = 0;
    // The JobControl the work is given (its handlers are the job's; cancel/pause/resume go through the slots).
    JobControl &control() { return m_control; }
    // On the GUI thread, a few times a second: the latest progress the work reported (default: fraction, the
    // message or "stage done of total", and an ETA from the elapsed time).
    virtual void showProgress(const JobProgress &progress);
    // On the GUI thread: partial results reported since the last tick, in order, the latest text per key.
    virtual void showPartials(const QList<QPair<QString, QString>> &partials) { Q_UNUSED(partials); }
    // On the GUI thread: take what a job's own worker callbacks stored under workerMutex() and show it.
    virtual void flushWorker() {}
    // On the GUI thread, after cancel(), for work that has its own way to stop besides control().
    virtual void requestCancel() {}
    // On the GUI thread once the state is Finished (after the last flush), before ended(): final results.
    virtual void workFinished() {}
    // On the GUI thread once the state is Cancelled (status "Cancelled after …" set), before ended(): what was kept.
    virtual void workCancelled() {}

    // For destructors of derived jobs: cancel and wait for the thread while the derived members still exist.
    void stopAndWait();

    // From the worker: there is something new for flushWorker().
    void markReportsPending();
    std::mutex &workerMutex() { return m_workerMutex; }
    // The GUI side of the hand-over: the lock when the worker does not hold it now. A job thread runs at a low
    // priority and may wait for a core while it holds the lock; the window never waits for it (that would be
    // priority inversion): what it stored comes with the next tick.
    std::unique_lock<std::mutex> tryLockReports();
    bool isCancelRequested() const { return m_control.isCancelled(); }

    // GUI thread only.
    void setState(State state);
    void setProgress(double fraction, const QString &status, double etaSeconds = -1);
    void appendLog(const QString &line);

private:
    void onThreadEnded(State state, const QString &error);
    void deliverControlReports();

    Kind m_kind;
    QString m_name;
    State m_state = State::Queued;
    double m_progress = -1, m_eta = -1;
    QString m_status, m_error;
    QStringList m_log;
    QDateTime m_startedAt;
    QElapsedTimer m_clock;
    double m_endedAfter = -1;
    QElapsedTimer m_pausedClock; // running while paused
    double m_pausedSeconds = 0;  // of the pauses that have ended
    QThread *m_thread = nullptr;
    JobControl m_control;
    std::atomic<bool> m_reportsPending{false};
    std::mutex m_workerMutex;
    // Written by the work through m_control's handlers under m_workerMutex.
    std::optional<JobProgress> m_pendingProgress;
    QList<QPair<QString, QString>> m_pendingPartials; // at most one entry per key, first seen first
};

} // namespace vindex::studio
