#pragma once
// The main window of VINDEX Studio: the 3D brain view above three linked slice views in the centre, dockable panels
// around it (the trials of an NSD dataset, the selected trial's stimulus and captions, brain overlay and volume
// controls, log, jobs, decoding), a dataset tool bar (subject, split), and volumes opened on a worker thread. It
// composes the rooms that do the rest: MainWindowActions (menus with undo/redo of view changes, recent files,
// settings, keyboard shortcuts and About), DatasetPresenter (the open dataset in the views; the dataset with the
// selected subject, split and trial is kept in the settings and restored at the next start) and WindowLayoutStore
// (the window's size and dock layout, kept in the settings).
#include "DatasetController.h"
#include "WindowLayoutStore.h"

#include <QFutureWatcher>
#include <QMainWindow>

#include <memory>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QTabWidget;
class QUndoStack;

namespace vindex::train {
struct TrainRequest;
}

namespace vindex::widgets {
class BrainPanel;
class LogPanel;
class OrthogonalSlices;
class StimulusPanel;
class TrialBrowser;
class VolumeData;
class VolumePanel;
class VolumeView;
} // namespace vindex::widgets

namespace vindex::studio {

class BrainController;
class DatasetPresenter;
class DatasetToolBar;
class DecodePanel;
class Job;
class JobManager;
class JobsPanel;
class MainWindowActions;
class RecentFiles;
class ResultsController;
class SessionController;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    // Bumped when the docks change so that an old saved layout is not applied to a different set of docks.
    static constexpr int kLayoutVersion = WindowLayoutStore::kLayoutVersion;

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Reads the volume on a worker thread and shows it; volumeOpened or volumeOpenFailed follows.
    void openVolume(const QString &path);
    bool isLoading() const;

    // Opens an NSD dataset root (any layout) on a worker thread, then its subject and split and a trial: those
    // saved in the settings when root is the dataset last open, else the first subject, the test split and its
    // first trial. datasetOpened or datasetOpenFailed follows; datasetSettled once everything is shown.
    void openDataset(const QString &root);
    // The same with this subject, split and trial (a session file's); the first subject / trial when they are gone.
    void openDatasetAt(const QString &root, int subject, const QString &split, qint64 trial);
    // Opens the dataset that was open when the window last closed, if it still exists.
    bool restoreLastDataset();
    bool isDatasetBusy() const;

    // Scripted runs (--screenshot): no dialogs, nothing written to the settings (layout, recent files).
    void setScripted(bool scripted);
    bool isScripted() const { return m_scripted; }

    // The window as it looks, OpenGL views included.
    QImage capture();

    // Docks back to their default places and sizes, all visible.
    void resetLayout();
    // Writes the window geometry and dock layout to the settings (also done when the window closes).
    void saveLayout();

    widgets::VolumeView *volumeView() const { return m_view; }
    widgets::LogPanel *logPanel() const { return m_logPanel; }
    widgets::VolumePanel *volumePanel() const { return m_volumePanel; }
    QDockWidget *logDock() const { return m_logDock; }
    QDockWidget *volumeDock() const { return m_volumeDock; }
    RecentFiles *recentFiles() const { return m_recentFiles; }
    DatasetController *datasetController() const { return m_dataset; }
    SessionController *sessionController() const { return m_sessions; }
    ResultsController *resultsController() const { return m_results; }
    // The central area: the 3D brain view and the compare view as tabs.
    QTabWidget *centralTabs() const { return m_centralTabs; }
    DatasetToolBar *datasetToolBar() const { return m_datasetBar; }
    widgets::TrialBrowser *trialBrowser() const { return m_trialBrowser; }
    widgets::StimulusPanel *stimulusPanel() const { return m_stimulusPanel; }
    QDockWidget *trialsDock() const { return m_trialsDock; }
    QDockWidget *stimulusDock() const { return m_stimulusDock; }
    QAction *boxesAction() const;
    // The brain: slice views, Brain panel and dock, and what ties them to the 3D view; undo of view changes.
    widgets::OrthogonalSlices *sliceViews() const { return m_slices; }
    widgets::BrainPanel *brainPanel() const { return m_brainPanel; }
    QDockWidget *brainDock() const { return m_brainDock; }
    BrainController *brainController() const { return m_brain; }
    QUndoStack *undoStack() const { return m_undoStack; }
    JobManager *jobManager() const { return m_jobs; }
    JobsPanel *jobsPanel() const { return m_jobsPanel; }
    QDockWidget *jobsDock() const { return m_jobsDock; }
    DecodePanel *decodePanel() const { return m_decodePanel; }
    QDockWidget *decodeDock() const { return m_decodeDock; }

    // Starts a training job in the jobs dock (what Tools ▸ Train Brain Encoder… does once the dialog is accepted).
    Job *startTraining(const train::TrainRequest &request);
    // Adds a job to the jobs dock and brings that to the front as a tab where the log is (nothing is resized);
    // failures are reported in the log (and a message box).
    Job *startJob(Job *job);
    QMenu *recentMenu() const;
    // A folder is opened as a dataset, a file as a volume (recent files, drops).
    void openRecent(const QString &path);

public slots:
    void showOpenDialog();
    void showSettings();
    void showAbout();
    void showShortcuts();
    void saveScreenshotDialog();
    void showOpenDatasetDialog();
    void showTrainDialog();

signals:
    void volumeOpened(const QString &path);
    void volumeOpenFailed(const QString &path, const QString &message);
    void datasetOpened(const QString &root);
    void datasetOpenFailed(const QString &root, const QString &message);
    // A trial is shown in full: stimulus, captions, boxes and betas.
    void trialShown(qint64 index);
    // The dataset's requests are all answered and shown.
    void datasetSettled();
    // A decoding job wrote a complete results file (BrainHub's layout + manifest): a result to be loaded.
    void resultsWritten(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    struct LoadResult {
        std::shared_ptr<const widgets::VolumeData> volume;
        QString error;
    };

    void createBrainViews();
    void createDocks();
    void createDatasetToolBar();
    void createStatusBar();
    void onLoadFinished();
    void updateVolumeStatus();
    void onJobEnded(Job *job);
    // Whether the window may close: no job runs, or the user agreed to cancel them (scripted: cancelled silently).
    bool stopJobsBeforeClosing();

    widgets::VolumeView *m_view = nullptr;
    widgets::VolumePanel *m_volumePanel = nullptr;
    widgets::LogPanel *m_logPanel = nullptr;
    QDockWidget *m_volumeDock = nullptr;
    QDockWidget *m_logDock = nullptr;
    widgets::TrialBrowser *m_trialBrowser = nullptr;
    widgets::StimulusPanel *m_stimulusPanel = nullptr;
    QDockWidget *m_trialsDock = nullptr;
    QDockWidget *m_stimulusDock = nullptr;
    DatasetToolBar *m_datasetBar = nullptr;
    DatasetController *m_dataset = nullptr;
    DatasetPresenter *m_datasetPresenter = nullptr;
    SessionController *m_sessions = nullptr;
    ResultsController *m_results = nullptr;
    QTabWidget *m_centralTabs = nullptr;
    JobManager *m_jobs = nullptr;
    JobsPanel *m_jobsPanel = nullptr;
    QDockWidget *m_jobsDock = nullptr;
    DecodePanel *m_decodePanel = nullptr;
    QDockWidget *m_decodeDock = nullptr;
    MainWindowActions *m_actions = nullptr;
    std::unique_ptr<WindowLayoutStore> m_layout;
    widgets::OrthogonalSlices *m_slices = nullptr;
    widgets::BrainPanel *m_brainPanel = nullptr;
    QDockWidget *m_brainDock = nullptr;
    BrainController *m_brain = nullptr;
    QUndoStack *m_undoStack = nullptr;
    QLabel *m_statusVoxel = nullptr;
    QLabel *m_statusVolume = nullptr;
    RecentFiles *m_recentFiles = nullptr;
    QFutureWatcher<LoadResult> m_loadWatcher;
    QString m_loadingPath;
    bool m_scripted = false;
};

} // namespace vindex::studio
