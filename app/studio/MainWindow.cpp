#include "MainWindow.h"

#include "AboutDialog.h"
#include "BrainController.h"
#include "DatasetToolBar.h"
#include "DecodePanel.h"
#include "JobManager.h"
#include "JobsPanel.h"
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
#include "ViewChangeCommand.h"

#include "BrainPanel.h"
#include "LogPanel.h"
#include "OrthogonalSlices.h"
#include "StimulusPanel.h"
#include "TrialBrowser.h"
#include "TrialTableModel.h"
#include "VolumeData.h"
#include "VolumePanel.h"
#include "VolumeView.h"
#include "WindowGrabber.h"

#include "vindex/core/BuildInfo.h"
#include "vindex/core/Log.h"

#include <vtkVersion.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
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
    connect(m_recentFiles, &RecentFiles::changed, this, &MainWindow::updateRecentMenu);

    m_dataset = new DatasetController(this);
    connect(m_dataset, &DatasetController::opened, this, &MainWindow::onDatasetOpened);
    connect(m_dataset, &DatasetController::openFailed, this, &MainWindow::onDatasetOpenFailed);
    connect(m_dataset, &DatasetController::trialsLoaded, this, &MainWindow::onTrialsLoaded);
    connect(m_dataset, &DatasetController::trialLoaded, this, &MainWindow::onTrialLoaded);
    connect(m_dataset, &DatasetController::busyChanged, this, &MainWindow::onDatasetBusyChanged);
    connect(m_dataset, &DatasetController::idle, this, &MainWindow::datasetSettled);
    m_busyDelay.setSingleShot(true);
    m_busyDelay.setInterval(300);
    connect(&m_busyDelay, &QTimer::timeout, this, [this] {
        if (m_dataset->isBusy())
            m_datasetBar->setBusy(true, m_dataset->isOpen() ? tr("Reading…") : tr("Opening dataset…"));
    });

    m_jobs = new JobManager(this);
    connect(m_jobs, &JobManager::jobEnded, this, &MainWindow::onJobEnded);

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
    createMenus();

    m_statusVoxel = new QLabel(this);
    m_statusVoxel->setObjectName(QStringLiteral("voxelReadout"));
    statusBar()->addWidget(m_statusVoxel, 1);
    connect(m_brain, &BrainController::hoverTextChanged, m_statusVoxel, &QLabel::setText);
    m_statusVolume = new QLabel(this);
    statusBar()->addPermanentWidget(m_statusVolume);
    connect(m_view, &widgets::VolumeView::volumeChanged, this, &MainWindow::updateVolumeStatus);
    updateVolumeStatus();
    statusBar()->showMessage(tr("Ready"), 3000);

    connect(&m_loadWatcher, &QFutureWatcher<LoadResult>::finished, this, &MainWindow::onLoadFinished);

    resize(1280, 800);
    restoreLayout();

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

void MainWindow::createEditMenu()
{
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undoStack->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("actionUndo"));
    undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    edit->addAction(undo);
    QAction *redo = m_undoStack->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("actionRedo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(redo);
}

void MainWindow::recordTrialSelection(qint64 index)
{
    const qint64 before = m_shownTrial;
    m_shownTrial = index;
    if (m_selectingFromUndo || before < 0 || index == before)
        return;
    const auto select = [this](qint64 trial) {
        m_selectingFromUndo = true;
        m_trialBrowser->selectTrial(trial);
        m_selectingFromUndo = false;
    };
    m_undoStack->push(new ViewChangeCommand(
        tr("Select Trial %1").arg(index), -1, false, [select, before] { select(before); },
        [select, index] { select(index); }));
}

void MainWindow::createDocks()
{
    m_trialBrowser = new widgets::TrialBrowser;
    m_trialBrowser->clear(tr("Open a dataset with File ▸ Open Dataset…"));
    connect(m_trialBrowser, &widgets::TrialBrowser::currentTrialChanged, this, &MainWindow::onCurrentTrialChanged);
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
    connect(m_trialBrowser, &widgets::TrialBrowser::selectionChanged, this, &MainWindow::updateDecodeSelection);
    connect(m_decodePanel, &DecodePanel::loadResultRequested, this, [this](const QString &path) {
        if (m_results)
            m_results->load({path});
    });
    auto *decodeScroll = new QScrollArea;
    decodeScroll->setWidget(m_decodePanel);
    decodeScroll->setWidgetResizable(true);
    decodeScroll->setFrameShape(QFrame::NoFrame);
    m_decodeDock = new QDockWidget(tr("Decode"), this);
    m_decodeDock->setObjectName(QStringLiteral("decodeDock"));
    m_decodeDock->setWidget(decodeScroll);

    resetLayout();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *openDataset = file->addAction(QIcon::fromTheme(QStringLiteral("folder-open")), tr("Open &Dataset…"), this,
                                           &MainWindow::showOpenDatasetDialog);
    openDataset->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    openDataset->setObjectName(QStringLiteral("actionOpenDataset"));
    openDataset->setToolTip(tr("Open an NSD dataset folder (webdataset, MindEye2 or native layout)"));
    QAction *open = file->addAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open Volume…"), this,
                                    &MainWindow::showOpenDialog);
    open->setShortcut(QKeySequence::Open);
    open->setObjectName(QStringLiteral("actionOpen"));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    updateRecentMenu();
    file->addSeparator();
    m_sessions->addMenuActions(file);
    file->addSeparator();
    m_results->addMenuActions(file);
    file->addSeparator();
    QAction *screenshot = file->addAction(tr("Save &Screenshot…"), this, &MainWindow::saveScreenshotDialog);
    screenshot->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    file->addSeparator();
    QAction *quit =
        file->addAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q)); // QKeySequence::Quit is empty on some platforms
    quit->setMenuRole(QAction::QuitRole);

    createEditMenu();

    m_datasetBar = new DatasetToolBar(this);
    m_datasetBar->insertAction(m_datasetBar->actions().value(0), openDataset);
    m_datasetBar->insertSeparator(m_datasetBar->actions().value(1));
    addToolBar(Qt::TopToolBarArea, m_datasetBar);
    connect(m_datasetBar, &DatasetToolBar::subjectChosen, this, [this] {
        m_wantedTrial = m_trialBrowser->currentTrialIndex(); // the same test index is the same image for all
        requestTrials();
    });
    connect(m_datasetBar, &DatasetToolBar::splitChosen, this, [this] {
        m_wantedTrial = -1;
        requestTrials();
    });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *trialsToggle = m_trialsDock->toggleViewAction();
    trialsToggle->setText(tr("&Trials Panel"));
    view->addAction(trialsToggle);
    QAction *stimulusToggle = m_stimulusDock->toggleViewAction();
    stimulusToggle->setText(tr("&Stimulus Panel"));
    view->addAction(stimulusToggle);
    QAction *volumeToggle = m_volumeDock->toggleViewAction();
    volumeToggle->setText(tr("&Volume Panel"));
    view->addAction(volumeToggle);
    QAction *brainToggle = m_brainDock->toggleViewAction();
    brainToggle->setText(tr("&Brain Panel"));
    view->addAction(brainToggle);
    QAction *logToggle = m_logDock->toggleViewAction();
    logToggle->setText(tr("&Log Panel"));
    view->addAction(logToggle);
    QAction *decodeToggle = m_decodeDock->toggleViewAction();
    decodeToggle->setText(tr("D&ecode Panel"));
    view->addAction(decodeToggle);
    QAction *jobsToggle = m_jobsDock->toggleViewAction();
    jobsToggle->setText(tr("&Jobs Panel"));
    jobsToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    view->addAction(jobsToggle);
    QAction *toolBarToggle = m_datasetBar->toggleViewAction();
    toolBarToggle->setText(tr("&Dataset Tool Bar"));
    view->addAction(toolBarToggle);
    view->addSeparator();
    QAction *resetCamera = view->addAction(tr("Reset &Camera"), m_view, &widgets::VolumeView::resetCamera);
    resetCamera->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    view->addAction(tr("Reset &Layout"), this, &MainWindow::resetLayout);

    QMenu *trials = menuBar()->addMenu(tr("T&rials"));
    QAction *find = trials->addAction(QIcon::fromTheme(QStringLiteral("edit-find")), tr("&Find Trials…"), this, [this] {
        m_trialsDock->show();
        m_trialsDock->raise();
        m_trialBrowser->focusFilter();
    });
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    find->setObjectName(QStringLiteral("actionFindTrials"));
    QAction *next = trials->addAction(tr("&Next Trial"), m_trialBrowser, &widgets::TrialBrowser::selectNext);
    next->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Down));
    QAction *previous =
        trials->addAction(tr("&Previous Trial"), m_trialBrowser, &widgets::TrialBrowser::selectPrevious);
    previous->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Up));
    trials->addSeparator();
    m_boxesAction = trials->addAction(tr("Show Ground-Truth &Boxes"));
    m_boxesAction->setObjectName(QStringLiteral("actionShowBoxes"));
    m_boxesAction->setCheckable(true);
    m_boxesAction->setChecked(m_stimulusPanel->view()->boxesVisible());
    m_boxesAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    connect(m_boxesAction, &QAction::toggled, m_stimulusPanel->view(), &widgets::StimulusView::setBoxesVisible);
    connect(m_stimulusPanel->view(), &widgets::StimulusView::boxesVisibleChanged, m_boxesAction, &QAction::setChecked);

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    QAction *decode = tools->addAction(tr("&Decode…"), this, [this] {
        m_decodeDock->show();
        m_decodeDock->raise();
        m_decodePanel->setFocus();
    });
    decode->setObjectName(QStringLiteral("actionDecode"));
    decode->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    decode->setToolTip(tr("Caption or ground trials with a brain encoder or their images"));
    QAction *train = tools->addAction(tr("&Train Brain Encoder…"), this, &MainWindow::showTrainDialog);
    train->setObjectName(QStringLiteral("actionTrain"));
    train->setToolTip(tr("Train a brain encoder on the open dataset as a background job"));

    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    QAction *preferences = settings->addAction(tr("&Settings…"), this, &MainWindow::showSettings);
    preferences->setShortcut(QKeySequence::Preferences);
    preferences->setMenuRole(QAction::PreferencesRole);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *shortcuts = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    shortcuts->setShortcut(QKeySequence(Qt::Key_F1));
    help->addSeparator();
    QAction *about = help->addAction(tr("&About VINDEX Studio"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::updateRecentMenu()
{
    m_recentFiles->fillMenu(m_recentMenu, [this](const QString &path) { openRecent(path); });
}

void MainWindow::resetLayout()
{
    // Re-adding a dock moves it; floating docks come back into the window. The trials on the left, what the
    // trial showed on the right above the brain and volume controls (the decode panel in a tab beside them), the log
    // under the 3D view (the jobs in a tab beside it).
    const QList<QDockWidget *> docks{m_trialsDock, m_stimulusDock, m_brainDock, m_volumeDock,
                                     m_logDock,    m_jobsDock,     m_decodeDock};
    for (QDockWidget *dock : docks) {
        dock->setFloating(false);
        removeDockWidget(dock);
    }
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    addDockWidget(Qt::LeftDockWidgetArea, m_trialsDock);
    addDockWidget(Qt::RightDockWidgetArea, m_stimulusDock);
    addDockWidget(Qt::RightDockWidgetArea, m_brainDock);
    splitDockWidget(m_stimulusDock, m_brainDock, Qt::Vertical);
    tabifyDockWidget(m_brainDock, m_volumeDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    tabifyDockWidget(m_logDock, m_jobsDock); // the jobs come to the front when one starts
    tabifyDockWidget(m_volumeDock, m_decodeDock);
    for (QDockWidget *dock : docks)
        dock->show();
    m_jobsDock->hide(); // until a job starts (View ▸ Jobs Panel shows it): the log keeps its few lines
    m_logDock->raise();
    m_brainDock->raise();
    if (m_datasetBar)
        m_datasetBar->show();
    // Proportions of the window: the table wide enough for its captions, the stimulus and volume controls beside
    // the 3D view, a few lines of log.
    const int width = std::max(this->width(), 900);
    const int height = std::max(this->height(), 600);
    resizeDocks({m_trialsDock, m_stimulusDock}, {width * 28 / 100, width * 26 / 100}, Qt::Horizontal);
    resizeDocks({m_stimulusDock, m_brainDock}, {height * 45 / 100, height * 55 / 100}, Qt::Vertical);
    resizeDocks({m_logDock}, {height * 13 / 100}, Qt::Vertical);
}

void MainWindow::restoreLayout()
{
    StudioSettings settings;
    const QByteArray geometry = settings.windowGeometry();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = settings.windowState();
    if (state.isEmpty() || !restoreState(state, kLayoutVersion))
        resetLayout(); // again, now that the window has its size: the docks get their proportions of it
}

void MainWindow::saveLayout()
{
    if (m_scripted)
        return;
    StudioSettings settings;
    settings.setWindowGeometry(saveGeometry());
    settings.setWindowState(saveState(kLayoutVersion));
    settings.sync();
}

void MainWindow::setScripted(bool scripted)
{
    m_scripted = scripted;
    m_recentFiles->setPersistent(!scripted);
    m_brain->setPersistent(!scripted);
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
    const QString absolute = QFileInfo(root).absoluteFilePath();
    const StudioSettings settings;
    // The selection saved with this dataset comes back; another dataset starts at its first subject's test split.
    if (!settings.lastDataset().isEmpty() && QDir(settings.lastDataset()) == QDir(absolute))
        openDatasetAt(absolute, settings.lastSubject(), settings.lastSplit(), settings.lastTrial());
    else
        openDatasetAt(absolute, 0, QStringLiteral("test"), -1);
}

void MainWindow::openDatasetAt(const QString &root, int subject, const QString &split, qint64 trial)
{
    const QString absolute = QFileInfo(root).absoluteFilePath();
    m_wantedSubject = subject;
    m_wantedSplit = split;
    m_wantedTrial = trial;
    vindex::logInfo(tr("Opening dataset %1").arg(QDir::toNativeSeparators(absolute)).toStdString());
    statusBar()->showMessage(tr("Opening dataset %1…").arg(QDir::toNativeSeparators(absolute)));
    m_datasetBar->setBusy(true, tr("Opening dataset…"));
    m_dataset->open(absolute, StudioSettings().brainHubFolder());
}

bool MainWindow::restoreLastDataset()
{
    const QString root = StudioSettings().lastDataset();
    if (root.isEmpty() || !QFileInfo(root).isDir())
        return false;
    openDataset(root);
    return true;
}

bool MainWindow::isDatasetBusy() const
{
    return m_dataset->isBusy();
}

void MainWindow::onDatasetOpened(const DatasetController::Dataset &dataset)
{
    const QString name = QFileInfo(dataset.root).fileName();
    for (const QString &problem : dataset.problems)
        vindex::logWarning(problem.toStdString());
    QStringList subjects;
    for (int subject : dataset.subjects)
        subjects << QString::number(subject);
    vindex::logInfo(tr("Opened dataset %1: subjects %2")
                        .arg(QDir::toNativeSeparators(dataset.root), subjects.join(QStringLiteral(", ")))
                        .toStdString());
    if (!dataset.brainHubFolder.isEmpty())
        vindex::logInfo(tr("Test split boxes and captions from BrainHub: %1")
                            .arg(QDir::toNativeSeparators(dataset.brainHubFolder))
                            .toStdString());
    statusBar()->showMessage(dataset.problems.isEmpty() ? tr("Opened %1").arg(QDir::toNativeSeparators(dataset.root))
                                                        : tr("Opened %1 with %2 problems (see the log)")
                                                              .arg(QDir::toNativeSeparators(dataset.root))
                                                              .arg(dataset.problems.size()),
                             8000);
    setWindowTitle(tr("%1 — VINDEX Studio").arg(name));
    setWindowFilePath(dataset.root);
    m_recentFiles->add(dataset.root);
    if (!m_scripted) {
        StudioSettings settings;
        settings.setLastDataset(dataset.root);
        settings.sync();
    }
    m_shownSubject = 0;
    m_shownSplit.clear();
    m_shownUnderlay.reset();
    m_datasetBar->setSubjects(dataset.subjects, m_wantedSubject);
    m_datasetBar->setCurrentSplit(m_wantedSplit);
    emit datasetOpened(dataset.root);
    requestTrials();
}

void MainWindow::onDatasetOpenFailed(const QString &root, const QString &message)
{
    const QString text = tr("Cannot open dataset %1: %2").arg(QDir::toNativeSeparators(root), message);
    vindex::logError(text.toStdString());
    statusBar()->showMessage(text, 10000);
    if (!QFileInfo(root).isDir())
        m_recentFiles->remove(root);
    if (!m_scripted) {
        // Window-modal but not blocking; the dataset that was open stays open.
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Cannot Open Dataset"), text, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    emit datasetOpenFailed(root, message);
}

void MainWindow::requestTrials()
{
    const int subject = m_datasetBar->currentSubject();
    if (!m_dataset->isOpen() || subject <= 0)
        return;
    rememberSelection(false);
    m_dataset->loadTrials(subject, m_datasetBar->currentSplit());
}

void MainWindow::onTrialsLoaded(const DatasetController::TrialList &trials)
{
    if (trials.subject != m_datasetBar->currentSubject() || trials.split != m_datasetBar->currentSplit())
        return; // the user chose another one meanwhile; its list is on the way
    m_shownSubject = trials.subject;
    m_shownSplit = trials.split;
    m_decodePanel->setTrialSource(
        {m_dataset->dataset().root, trials.subject, trials.split, m_dataset->dataset().brainHubFolder});
    if (!trials.error.isEmpty()) {
        const QString text = tr("Cannot read the %1 trials of subject %2: %3")
                                 .arg(widgets::TrialTableModel::splitLabel(trials.split))
                                 .arg(trials.subject)
                                 .arg(trials.error);
        vindex::logError(text.toStdString());
        statusBar()->showMessage(text, 10000);
        m_trialBrowser->clear(text);
        return;
    }
    m_datasetBar->setSplitSizes(trials.splitSizes);
    vindex::logInfo(tr("Subject %1, %2 split: %3 trials")
                        .arg(trials.subject)
                        .arg(widgets::TrialTableModel::splitLabel(trials.split))
                        .arg(trials.rows.size())
                        .toStdString());

    // The brain of this subject: its T1 (or ROI) once, the betas of each trial over it.
    if (trials.underlay != m_shownUnderlay) {
        m_shownUnderlay = trials.underlay;
        m_brain->setUnderlay(trials.underlay, trials.roiCentre);
        if (!trials.underlay)
            m_view->setPlaceholderText(trials.brainNote);
        if (!trials.brainNote.isEmpty())
            vindex::logInfo(trials.brainNote.toStdString());
    }

    // The undo history is about this list's trials and brain: it starts again with each list.
    m_undoStack->clear();
    m_shownTrial = -1;
    const qint64 wanted = m_wantedTrial;
    m_wantedTrial = -1;
    m_trialBrowser->setRows(trials.rows, wanted); // announces the current trial: onCurrentTrialChanged
    if (trials.rows.isEmpty())
        m_trialBrowser->clear(tr("Subject %1 has no %2 trials")
                                  .arg(trials.subject)
                                  .arg(widgets::TrialTableModel::splitLabel(trials.split)));
}

void MainWindow::onCurrentTrialChanged(int position)
{
    if (position < 0) {
        m_stimulusPanel->clear(m_trialBrowser->model()->rowCount() > 0 ? tr("No trial matches the filter")
                                                                       : tr("No trial selected"));
        m_brain->clearBetas();
        return;
    }
    const auto &row = m_trialBrowser->model()->row(position);
    recordTrialSelection(row.index);
    rememberSelection(true);
    updateDecodeSelection();
    m_dataset->loadTrial(m_shownSubject, m_shownSplit, row.index);
}

void MainWindow::onTrialLoaded(const DatasetController::TrialDetails &details)
{
    if (details.subject != m_shownSubject || details.split != m_shownSplit ||
        details.index != m_trialBrowser->currentTrialIndex())
        return; // another trial is current by now
    if (!details.error.isEmpty()) {
        const QString text = tr("Cannot read trial %1: %2").arg(details.index).arg(details.error);
        vindex::logError(text.toStdString());
        m_stimulusPanel->clear(text);
        m_brain->clearBetas();
        emit trialShown(details.index);
        return;
    }
    const QString heading = tr("Trial %1 · image %2 · %3 · %4 repeats")
                                .arg(details.index)
                                .arg(details.imageId)
                                .arg(widgets::TrialTableModel::splitLabel(details.split))
                                .arg(details.repeats);
    m_stimulusPanel->showTrial(heading, details.image, details.boxes, details.captions, details.boxesNote);
    if (!details.imageError.isEmpty()) {
        const QString text =
            tr("Cannot show the stimulus of image %1: %2").arg(details.imageId).arg(details.imageError);
        vindex::logWarning(text.toStdString());
        m_stimulusPanel->view()->setPlaceholderText(text);
    }
    if (details.betas) {
        m_brain->showBetas(details.betas, details.repeatBetas);
        if (!m_view->overlay())
            vindex::logWarning(
                tr("The betas of trial %1 are not on the grid of the volume shown").arg(details.index).toStdString());
    } else {
        m_brain->clearBetas();
    }
    if (!details.betasError.isEmpty())
        vindex::logWarning(
            tr("Cannot show the betas of trial %1: %2").arg(details.index).arg(details.betasError).toStdString());
    emit trialShown(details.index);
    // The neighbours are read ahead, so that stepping through the trials shows each at once: from a zero timer, which
    // runs after the repaint this trial asked for, so that reading does not take CPU from drawing.
    QTimer::singleShot(0, this, [this, subject = m_shownSubject, split = m_shownSplit] {
        if (subject == m_shownSubject && split == m_shownSplit)
            m_dataset->prefetchTrials(subject, split,
                                      {m_trialBrowser->trialIndexAtOffset(1), m_trialBrowser->trialIndexAtOffset(-1)});
    });
}

void MainWindow::onDatasetBusyChanged(bool busy)
{
    // Quick answers (one trial) do not make the indicator blink; anything slower shows it.
    if (busy) {
        m_busyDelay.start();
    } else {
        m_busyDelay.stop();
        m_datasetBar->setBusy(false);
    }
}

void MainWindow::rememberSelection(bool withTrial)
{
    if (m_scripted || !m_dataset->isOpen())
        return;
    StudioSettings settings;
    settings.setLastSubject(m_datasetBar->currentSubject());
    settings.setLastSplit(m_datasetBar->currentSplit());
    if (withTrial)
        settings.setLastTrial(m_trialBrowser->currentTrialIndex());
}

void MainWindow::updateDecodeSelection()
{
    m_decodePanel->setTrialSelection(m_trialBrowser->currentTrialIndex(), m_trialBrowser->selectedTrialIndices());
}

// ---- Jobs -------------------------------------------------------------------------------------------------------

Job *MainWindow::startJob(Job *job)
{
    m_jobs->add(job);
    vindex::logInfo(tr("Started job: %1").arg(job->name()).toStdString());
    m_jobsDock->show();
    m_jobsDock->raise();
    // Tabbed with the log, the dock may be a few lines high: give a curve or captions room.
    const int wanted = height() * 36 / 100;
    if (!m_jobsDock->isFloating() && m_jobsDock->height() < wanted)
        resizeDocks({m_jobsDock}, {wanted}, Qt::Vertical);
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
        return;
    }
    const QString text = tr("%1 failed: %2").arg(job->name(), job->errorText());
    vindex::logError(text.toStdString());
    statusBar()->showMessage(text, 10000);
    if (!m_scripted) {
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
