#pragma once
// Reads an NSD dataset for the window, always off the GUI thread: opening a root (an OpenDatasetJob in the jobs dock:
// data::Session, core's one scanner, and BrainHub's annotations; Cancel stops it), the trials of a subject's split
// with their captions, and one trial in full (stimulus, captions, ground-truth boxes, the betas of each repeat and
// their mean on the ROI). After the open, core's data objects are touched by one worker thread only, one request after
// the other; when requests come faster than they are served (a key held down), only the newest of each kind runs (a
// newer root cancels the open still running). Results come back as plain data through signals on the GUI thread. A
// failed or cancelled open leaves the open dataset as it was.
#include "StimulusView.h"
#include "TrialTableModel.h"
#include "VolumeData.h"
#include "VoxelOverlay.h"

#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <array>
#include <memory>
#include <optional>

namespace vindex::studio {

class JobManager;
class OpenDatasetJob;

class DatasetController : public QObject {
    Q_OBJECT

public:
    struct Dataset {
        QString root;
        QList<int> subjects;
        QStringList problems;   // one line per layout that did not open or problem found (core's words)
        QString brainHubFolder; // where the test split's boxes come from; empty: none
    };

    struct TrialList {
        int subject = 0;
        QString split; // "train", "val" or "test"
        QList<widgets::TrialTableModel::Row> rows;
        std::array<qint64, 3> splitSizes{0, 0, 0}; // train, val, test
        // The brain: the T1 on the functional grid (or the ROI mask when there is none) and the ROI's centre voxel;
        // no underlay when the subject has no native layout (no voxel geometry).
        std::shared_ptr<const widgets::VolumeData> underlay;
        std::array<int, 3> roiCentre{0, 0, 0};
        QString brainNote; // why there is no brain view, or what is shown instead of the T1
        QString error;     // the list could not be read
    };

    struct TrialDetails {
        int subject = 0;
        QString split;
        qint64 index = -1;
        qint64 imageId = -1;
        int repeats = 0;
        QImage image;
        QString imageError;
        QStringList captions;
        QList<widgets::StimulusView::Box> boxes;
        QString boxesNote;                                  // where the boxes come from, or why there are none
        std::shared_ptr<const widgets::VoxelOverlay> betas; // the mean of the repeats
        QList<std::shared_ptr<const widgets::VoxelOverlay>> repeatBetas; // repeat 1, 2, ... in the layout's order
        QString betasError;
        QString error; // the trial itself could not be read
    };

    explicit DatasetController(QObject *parent = nullptr);
    ~DatasetController() override;

    // Where opening jobs go (the window's jobs dock); without one the controller runs them itself.
    void setJobManager(JobManager *jobs) { m_jobs = jobs; }

    // Opens root with data::Session as an OpenDatasetJob; brainHubFolder (Settings) or else root/brainhub gives the
    // test split's boxes. opened, openFailed or (after the job's Cancel) openCancelled follows.
    void open(const QString &root, const QString &brainHubFolder = {});
    // The open job running now, else nullptr.
    OpenDatasetJob *openJob() const;
    // The trials of a split of a subject of the open dataset; trialsLoaded follows.
    void loadTrials(int subject, const QString &split);
    // One trial in full; trialLoaded follows (unless a newer request replaced it) — before the next repaint when the
    // trial was read ahead or read recently.
    void loadTrial(int subject, const QString &split, qint64 index);
    // Reads these trials ahead in the background (after any request), so that stepping to them shows them at once;
    // the few trials read last are kept. Replaces earlier wishes; does not make the controller busy.
    void prefetchTrials(int subject, const QString &split, const QList<qint64> &indexes);

    bool isOpen() const { return !m_dataset.root.isEmpty(); }
    const Dataset &dataset() const { return m_dataset; }
    // Whether a request is running or waiting.
    bool isBusy() const;
    // Whether trials are being read ahead (prefetchTrials).
    bool isReadingAhead() const { return m_prefetchRunning || !m_prefetchQueue.isEmpty(); }

signals:
    void opened(const DatasetController::Dataset &dataset);
    void openFailed(const QString &root, const QString &message);
    void openCancelled(const QString &root);
    void trialsLoaded(const DatasetController::TrialList &trials);
    void trialLoaded(const DatasetController::TrialDetails &details);
    void busyChanged(bool busy);
    // Nothing running and nothing waiting (after the signals of the last result were handled).
    void idle();

private:
    struct Worker;
    struct OpenRequest {
        QString root, brainHubFolder;
    };
    struct TrialsRequest {
        int subject = 0;
        QString split;
    };
    struct TrialRequest {
        int subject = 0;
        QString split;
        qint64 index = -1;
        bool operator==(const TrialRequest &other) const = default;
    };

    void startOpen(const OpenRequest &request);
    void startTrials(const TrialsRequest &request);
    void startTrial(const TrialRequest &request);
    static TrialDetails readTrial(const std::shared_ptr<Worker> &worker, const TrialRequest &request);
    void startPrefetch();
    void onPrefetchFinished();
    const TrialDetails *cached(const TrialRequest &request) const;
    void remember(const TrialDetails &details);
    void onOpenEnded(OpenDatasetJob *job);
    void onTrialsFinished();
    void onTrialFinished();
    void settle(bool wasBusy);

    QThreadPool m_pool; // one thread: core's objects are used from it only
    std::shared_ptr<Worker> m_worker;
    Dataset m_dataset;
    quint64 m_generation = 0; // bumped by each successful open; older results are dropped

    JobManager *m_jobs = nullptr;
    QPointer<OpenDatasetJob> m_openJob;
    QFutureWatcher<TrialList> m_trialsWatcher;
    QFutureWatcher<TrialDetails> m_trialWatcher;
    quint64 m_trialsGeneration = 0, m_trialGeneration = 0; // generation the running request was made in
    // Whether a request of each kind was started and its result not yet handled. (QFutureWatcher::isRunning() turns
    // false when the worker is done, before the result has been delivered to this thread.)
    bool m_openRunning = false, m_trialsRunning = false, m_trialRunning = false;
    std::optional<OpenRequest> m_pendingOpen;
    std::optional<TrialsRequest> m_pendingTrials;
    std::optional<TrialRequest> m_pendingTrial;

    // Reading ahead: what is wished for, the one being read, and the trials read last (newest first).
    QList<TrialRequest> m_prefetchQueue;
    QFutureWatcher<TrialDetails> m_prefetchWatcher;
    bool m_prefetchRunning = false;
    quint64 m_prefetchGeneration = 0;
    QList<TrialDetails> m_recentTrials;
    int m_cachedDeliveries = 0; // trials read earlier, on their way to trialLoaded
};

} // namespace vindex::studio

Q_DECLARE_METATYPE(vindex::studio::DatasetController::Dataset)
Q_DECLARE_METATYPE(vindex::studio::DatasetController::TrialList)
Q_DECLARE_METATYPE(vindex::studio::DatasetController::TrialDetails)
