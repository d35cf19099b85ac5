#include "MainWindow.h"

#include "AboutDialog.h"
#include "BrainController.h"
#include "DatasetPresenter.h"
#include "DatasetToolBar.h"
#include "DecodePanel.h"
#include "JobManager.h"
#include "JobsPanel.h"
#include "MainWindowActions.h"
#include "RecentFiles.h"
#include "ResultsController.h"
#include "SessionAutosave.h"
#include "SessionController.h"
#include "SettingsDialog.h"
#include "ShortcutsDialog.h"
#include "StudioResources.h"
#include "StudioSettings.h"
#include "TrainDialog.h"
#include "TrainJob.h"

#include "BrainPanel.h"
#include "LogPanel.h"
#include "OrthogonalSlices.h"
#include "StimulusPanel.h"
#include "TrialBrowser.h"
#include "VolumeData.h"
#include "VolumePanel.h"
#include "VolumeView.h"
#include "WindowGrabber.h"

#include "vindex/core/BuildInfo.h"
#include "vindex/core/Log.h"

#include <vtkVersion.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace vindex::studio {
namespace {

bool isVolumeFile(const QString &path)
{
    const QString lower = path.toLower();
    return lower.endsWith(QLatin1String(".nii")) || lower.endsWith(QLatin1String(".nii.gz"));
}

} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    StudioResources::initialize();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("VINDEX Studio"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/vindex.svg")));
    setAcceptDrops(true);
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);

    m_view = new widgets::VolumeView(this);
    m_view->setToolTip(tr("Left button: rotate · Middle button or Shift+left: pan · Right button or wheel: zoom"));
    m_view->setPlaceholderText(
        tr("Open an NSD dataset with File ▸ Open Dataset… (%1)\nor a NIfTI volume with File ▸ Open Volume… (%2),\n"
           "or drop a folder, .nii or .nii.gz file here.")
            .arg(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O).toString(QKeySequence::NativeText),
                 QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText)));
    m_undoStack = new QUndoStack(this);
    createBrainViews();

    m_recentFiles = new RecentFiles(this);

    m_dataset = new DatasetController(this);
    m_datasetPresenter = new DatasetPresenter(this);
    connect(m_datasetPresenter, &DatasetPresenter::opened, this, &MainWindow::datasetOpened);
    connect(m_datasetPresenter, &DatasetPresenter::openFailed, this, &MainWindow::datasetOpenFailed);
    connect(m_datasetPresenter, &DatasetPresenter::trialShown, this, &MainWindow::trialShown);
    connect(m_datasetPresenter, &DatasetPresenter::settled, this, &MainWindow::datasetSettled);

    m_jobs = new JobManager(this);
    connect(m_jobs, &JobManager::jobEnded, this, &MainWindow::onJobEnded);
    m_dataset->setJobManager(m_jobs); // opening a dataset is a job of the jobs dock (Cancel)

    createDocks();
    m_results = new ResultsController(this);
    // The central view and the compare view share the centre as tabs.
    m_centralTabs = new QTabWidget(this);
    m_centralTabs->setObjectName(QStringLiteral("centralTabs"));
    m_centralTabs->setDocumentMode(true);
    m_centralTabs->addTab(takeCentralWidget(), tr("&Brain"));
    m_centralTabs->addTab(m_results->compareView(), tr("&Compare"));
    setCentralWidget(m_centralTabs);
    m_sessions = new SessionController(this);
    createDatasetToolBar();
    m_actions = new MainWindowActions(this);
    createStatusBar();

    connect(&m_loadWatcher, &QFutureWatcher<LoadResult>::finished, this, &MainWindow::onLoadFinished);

    resize(1280, 800);
    m_layout->restore();

    vindex::logInfo(tr("VINDEX Studio %1 ready (Qt %2, VTK %3)")
                        .arg(QString::fromStdString(vindex::versionString()), QString::fromLatin1(qVersion()),
                             QString::fromLatin1(vtkVersion::GetVTKVersion()))
                        .toStdString());
}

MainWindow::~MainWindow() = default;

void MainWindow::createBrainViews()
{
    // The 3D view above the three orthogonal slices, all on one cursor (BrainController).
    m_slices = new widgets::OrthogonalSlices;
    m_slices->setToolTip(tr("Click or drag: move the cursor · Up/Down, Page Up/Page Down: step the slice"));
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("brainSplitter"));
    splitter->addWidget(m_view);
    splitter->addWidget(m_slices);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({600, 400}); // scaled to the window: 3D view 60 %, slices 40 %
    splitter->setChildrenCollapsible(false);
    setCentralWidget(splitter);

    m_brainPanel = new widgets::BrainPanel;
    m_brain = new BrainController(m_view, m_slices, m_brainPanel, m_undoStack, this);
}

void MainWindow::createDocks()
{
    m_trialBrowser = new widgets::TrialBrowser;
    m_trialBrowser->clear(tr("Open a dataset with File ▸ Open Dataset…"));
    connect(m_trialBrowser, &widgets::TrialBrowser::currentTrialChanged, m_datasetPresenter,
            &DatasetPresenter::onCurrentTrialChanged);
    m_trialsDock = new QDockWidget(tr("Trials"), this);
    m_trialsDock->setObjectName(QStringLiteral("trialsDock"));
    m_trialsDock->setWidget(m_trialBrowser);

    m_stimulusPanel = new widgets::StimulusPanel;
    m_stimulusDock = new QDockWidget(tr("Stimulus"), this);
    m_stimulusDock->setObjectName(QStringLiteral("stimulusDock"));
    m_stimulusDock->setWidget(m_stimulusPanel);

    m_volumePanel = new widgets::VolumePanel;
    m_volumePanel->setView(m_view);
    auto *scroll = new QScrollArea;
    scroll->setWidget(m_volumePanel);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_volumeDock = new QDockWidget(tr("Volume"), this);
    m_volumeDock->setObjectName(QStringLiteral("volumeDock")); // saveState() identifies docks by name
    m_volumeDock->setWidget(scroll);

    auto *brainScroll = new QScrollArea;
    brainScroll->setWidget(m_brainPanel);
    brainScroll->setWidgetResizable(true);
    brainScroll->setFrameShape(QFrame::NoFrame);
    brainScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // the panel fits the dock's width
    m_brainDock = new QDockWidget(tr("Brain"), this);
    m_brainDock->setObjectName(QStringLiteral("brainDock"));
    m_brainDock->setWidget(brainScroll);

    m_logPanel = new widgets::LogPanel;
    m_logDock = new QDockWidget(tr("Log"), this);
    m_logDock->setObjectName(QStringLiteral("logDock"));
    m_logDock->setWidget(m_logPanel);

    m_jobsPanel = new JobsPanel(m_jobs);
    m_jobsDock = new QDockWidget(tr("Jobs"), this);
    m_jobsDock->setObjectName(QStringLiteral("jobsDock"));
    m_jobsDock->setWidget(m_jobsPanel);

    m_decodePanel = new DecodePanel;
    connect(m_decodePanel, &DecodePanel::jobRequested, this, &MainWindow::startJob);
    connect(m_decodePanel, &DecodePanel::resultsWritten, this, [this](const QString &path) {
        vindex::logInfo(tr("Results written: %1").arg(QDir::toNativeSeparators(path)).toStdString());
        emit resultsWritten(path);
    });
    connect(m_trialBrowser, &widgets::TrialBrowser::selectionChanged, m_datasetPresenter,
            &DatasetPresenter::updateDecodeSelection);
    connect(m_decodePanel, &DecodePanel::loadResultRequested, this, [this](const QString &path) {
        if (m_results)
            m_results->load({path});
    });
    auto *decodeScroll = new QScrollArea;
    decodeScroll->setWidget(m_decodePanel);
    decodeScroll->setWidgetResizable(true);
    decodeScroll->setFrameShape(QFrame::NoFrame);
    // The panel fits the dock's width (it wraps its rows): never a horizontal scroll bar hiding its buttons.
    decodeScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_decodeDock = new QDockWidget(tr("Decode"), this);
    m_decodeDock->setObjectName(QStringLiteral("decodeDock"));
    m_decodeDock->setWidget(decodeScroll);

    m_layout = std::make_unique<WindowLayoutStore>(this, WindowLayoutStore::Docks{m_trialsDock, m_stimulusDock,
                                                                                  m_brainDock, m_volumeDock, m_logDock,
                                                                                  m_jobsDock, m_decodeDock});
    m_layout->reset();
}

void MainWindow::createDatasetToolBar()
{
    m_datasetBar = new DatasetToolBar(this);
    addToolBar(Qt::TopToolBarArea, m_datasetBar);
    connect(m_datasetBar, &DatasetToolBar::subjectChosen, m_datasetPresenter, &DatasetPresenter::onSubjectChosen);
    connect(m_datasetBar, &DatasetToolBar::splitChosen, m_datasetPresenter, &DatasetPresenter::onSplitChosen);
    m_layout->setToolBar(m_datasetBar);
}

void MainWindow::createStatusBar()
{
    m_statusVoxel = new QLabel(this);
    m_statusVoxel->setObjectName(QStringLiteral("voxelReadout"));
    statusBar()->addWidget(m_statusVoxel, 1);
    connect(m_brain, &BrainController::hoverTextChanged, m_statusVoxel, &QLabel::setText);
    m_statusVolume = new QLabel(this);
    statusBar()->addPermanentWidget(m_statusVolume);
    connect(m_view, &widgets::VolumeView::volumeChanged, this, &MainWindow::updateVolumeStatus);
    updateVolumeStatus();
    statusBar()->showMessage(tr("Ready"), 3000);
}

QMenu *MainWindow::recentMenu() const
{
    return m_actions->recentMenu();
}

QAction *MainWindow::boxesAction() const
{
    return m_actions->boxesAction();
}

void MainWindow::resetLayout()
{
    m_layout->reset();
}

void MainWindow::saveLayout()
{
    m_layout->save();
}

void MainWindow::setScripted(bool scripted)
{
    m_scripted = scripted;
    m_recentFiles->setPersistent(!scripted);
    m_brain->setPersistent(!scripted);
    m_layout->setPersistent(!scripted);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!stopJobsBeforeClosing()) {
        event->ignore();
        return;
    }
    saveLayout();
    m_sessions->windowClosing();
    QMainWindow::closeEvent(event);
}

void MainWindow::showOpenDialog()
{
    QString start = StudioSettings().dataFolder();
    if (!m_recentFiles->files().isEmpty())
        start = QFileInfo(m_recentFiles->files().constFirst()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Volume"), start,
                                                      tr("NIfTI images (*.nii *.nii.gz);;All files (*)"));
    if (!path.isEmpty())
        openVolume(path);
}

void MainWindow::openVolume(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_loadingPath = absolute;
    statusBar()->showMessage(tr("Loading %1…").arg(QDir::toNativeSeparators(absolute)));
    vindex::logInfo(tr("Opening %1").arg(QDir::toNativeSeparators(absolute)).toStdString());
    QApplication::setOverrideCursor(Qt::BusyCursor);
    // Reading and decompressing a large series takes seconds: off the GUI thread. Only plain data crosses back.
    m_loadWatcher.setFuture(QtConcurrent::run([absolute]() -> LoadResult {
        try {
            return {std::make_shared<const widgets::VolumeData>(widgets::VolumeData::fromNifti(absolute)), {}};
        } catch (const std::exception &error) {
            return {nullptr, QString::fromStdString(error.what())};
        }
    }));
}

bool MainWindow::isLoading() const
{
    return m_loadWatcher.isRunning();
}

void MainWindow::onLoadFinished()
{
    QApplication::restoreOverrideCursor();
    const LoadResult result = m_loadWatcher.result();
    const QString path = m_loadingPath;
    if (!result.volume) {
        const QString message = tr("Cannot open %1: %2").arg(QDir::toNativeSeparators(path), result.error);
        vindex::logError(message.toStdString());
        statusBar()->showMessage(message, 10000);
        if (!QFileInfo::exists(path))
            m_recentFiles->remove(path);
        if (!m_scripted) {
            // Window-modal but not blocking: the log and the rest of the window stay usable.
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Cannot Open Volume"), message, QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
        emit volumeOpenFailed(path, result.error);
        return;
    }

    const auto dims = result.volume->dimensions();
    m_brain->setUnderlay(result.volume, {dims[0] / 2, dims[1] / 2, dims[2] / 2});
    m_undoStack->clear();
    m_recentFiles->add(path);
    setWindowTitle(tr("%1 — VINDEX Studio").arg(QFileInfo(path).fileName()));
    setWindowFilePath(path);
    const auto &volume = *result.volume;
    const auto spacing = volume.spacing();
    const QLocale locale;
    vindex::logInfo(tr("Opened %1: %2 × %3 × %4 voxels of %5 × %6 × %7 mm, values %8 to %9")
                        .arg(QFileInfo(path).fileName())
                        .arg(dims[0])
                        .arg(dims[1])
                        .arg(dims[2])
                        .arg(locale.toString(spacing[0], 'g', 4), locale.toString(spacing[1], 'g', 4),
                             locale.toString(spacing[2], 'g', 4), locale.toString(volume.minimum(), 'g', 6),
                             locale.toString(volume.maximum(), 'g', 6))
                        .toStdString());
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 5000);
    emit volumeOpened(path);
}

void MainWindow::updateVolumeStatus()
{
    const auto volume = m_view->volume();
    if (!volume) {
        m_statusVolume->setText(tr("No volume open"));
        return;
    }
    const auto dims = volume->dimensions();
    m_statusVolume->setText(QStringLiteral("%1  ·  %2 × %3 × %4")
                                .arg(QFileInfo(volume->path()).fileName())
                                .arg(dims[0])
                                .arg(dims[1])
                                .arg(dims[2]));
}

QImage MainWindow::capture()
{
    return widgets::WindowGrabber::grab(this);
}

void MainWindow::saveScreenshotDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Screenshot"),
                                                      QDir::home().filePath(QStringLiteral("vindex-studio.png")),
                                                      tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path); // atomically: an existing figure is replaced only by a complete one
    const QImage image = capture();
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        QMessageBox::warning(this, tr("Save Screenshot"),
                             tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return;
    }
    vindex::logInfo(tr("Saved screenshot %1").arg(QDir::toNativeSeparators(path)).toStdString());
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        m_sessions->autosave()->setInterval(StudioSettings().autosaveSeconds());
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const auto urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile() &&
        (isVolumeFile(urls.first().toLocalFile()) || QFileInfo(urls.first().toLocalFile()).isDir()))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const auto urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile()) {
        openRecent(urls.first().toLocalFile()); // a folder is a dataset, a file a volume
        event->acceptProposedAction();
    }
}

void MainWindow::openRecent(const QString &path)
{
    if (QFileInfo(path).isDir())
        openDataset(path);
    else
        openVolume(path);
}

void MainWindow::showShortcuts()
{
    ShortcutsDialog dialog(menuBar(), this);
    dialog.exec();
}

// ---- NSD dataset ------------------------------------------------------------------------------------------------

void MainWindow::showOpenDatasetDialog()
{
    QString start = StudioSettings().dataFolder();
    if (m_dataset->isOpen())
        start = QFileInfo(m_dataset->dataset().root).absolutePath();
    const QString root = QFileDialog::getExistingDirectory(this, tr("Open Dataset"), start);
    if (!root.isEmpty())
        openDataset(root);
}

void MainWindow::openDataset(const QString &root)
{
    m_datasetPresenter->open(root);
}

void MainWindow::openDatasetAt(const QString &root, int subject, const QString &split, qint64 trial)
{
    m_datasetPresenter->openAt(root, subject, split, trial);
}

bool MainWindow::restoreLastDataset()
{
    return m_datasetPresenter->restoreLast();
}

bool MainWindow::isDatasetBusy() const
{
    return m_dataset->isBusy();
}

// ---- Jobs -------------------------------------------------------------------------------------------------------

Job *MainWindow::startJob(Job *job)
{
    m_jobs->add(job);
    vindex::logInfo(tr("Started job: %1").arg(job->name()).toStdString());
    // The jobs come to the front as a tab where the log is: the window and its docks keep their sizes (a dock
    // popping up with room of its own re-lays the whole window). With the log closed or floating, a closed jobs
    // dock stays closed; the status bar says the job started.
    const bool jobsOpen = m_jobsDock->toggleViewAction()->isChecked(); // open, if maybe behind another tab
    const bool logDocked = m_logDock->toggleViewAction()->isChecked() && !m_logDock->isFloating();
    if (!jobsOpen && logDocked) {
        tabifyDockWidget(m_logDock, m_jobsDock);
        m_jobsDock->show();
    }
    if (jobsOpen || logDocked)
        m_jobsDock->raise();
    statusBar()->showMessage(tr("Started: %1").arg(job->name()), 8000);
    m_jobsPanel->selectJob(job);
    return job;
}

Job *MainWindow::startTraining(const train::TrainRequest &request)
{
    return startJob(new TrainJob(request));
}

void MainWindow::showTrainDialog()
{
    const bool open = m_dataset->isOpen();
    TrainDialog dialog(open ? m_dataset->dataset().root : QString(), open ? m_datasetBar->currentSubject() : 0, this);
    if (dialog.exec() == QDialog::Accepted)
        startTraining(dialog.request());
}

void MainWindow::onJobEnded(Job *job)
{
    if (job->state() == Job::State::Finished) {
        vindex::logInfo(tr("Job finished: %1").arg(job->name()).toStdString());
        statusBar()->showMessage(tr("Finished: %1").arg(job->name()), 8000);
        return;
    }
    if (job->state() == Job::State::Cancelled) {
        vindex::logInfo(tr("Job cancelled: %1").arg(job->name()).toStdString());
        statusBar()->showMessage(job->statusText(), 10000); // a training run: where its checkpoint is
        return;
    }
    const QString text = tr("%1 failed: %2").arg(job->name(), job->errorText());
    vindex::logError(text.toStdString());
    statusBar()->showMessage(text, 10000);
    // Decoding, scoring and report failures are told where they were asked for (the decode panel's message line,
    // the status bar): one notice, not a box besides.
    const bool toldElsewhere = job->kind() == Job::Kind::Decode || job->kind() == Job::Kind::Ground ||
                               job->kind() == Job::Kind::Evaluate || job->kind() == Job::Kind::Report;
    if (!m_scripted && !toldElsewhere) {
        // Not blocking: the panels keep what the user entered, to be corrected and run again.
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Job Failed"), text, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
}

bool MainWindow::stopJobsBeforeClosing()
{
    const QList<Job *> active = m_jobs->activeJobs();
    if (active.isEmpty())
        return true;
    if (!m_scripted) {
        QStringList names;
        for (Job *job : active)
            names << QStringLiteral("• ") + job->name();
        QMessageBox box(QMessageBox::Question, tr("Jobs Are Running"),
                        tr("%n job(s) still running. Cancel and quit?", nullptr, static_cast<int>(active.size())),
                        QMessageBox::NoButton, this);
        box.setInformativeText(names.join(QLatin1Char('\n')) + QStringLiteral("\n\n") +
                               tr("Finished captions stay in their results files, and a training run saves its "
                                  "checkpoint; it can be continued later."));
        QPushButton *quit = box.addButton(tr("Cancel Jobs and Quit"), QMessageBox::DestructiveRole);
        QPushButton *stay = box.addButton(tr("Keep Running"), QMessageBox::RejectRole);
        box.setDefaultButton(stay);
        box.exec();
        if (box.clickedButton() != quit)
            return false;
    }
    statusBar()->showMessage(tr("Stopping jobs…"));
    m_jobs->cancelAll();
    // A cancelled training run writes its checkpoint before it ends; give it the time it needs.
    if (!m_jobs->waitForAll(120000))
        vindex::logWarning(tr("Some jobs did not stop in time").toStdString());
    return true;
}

} // namespace vindex::studio
