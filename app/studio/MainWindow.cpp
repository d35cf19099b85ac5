#include "MainWindow.h"

#include "AboutDialog.h"
#include "RecentFiles.h"
#include "SettingsDialog.h"
#include "StudioResources.h"
#include "StudioSettings.h"

#include "LogPanel.h"
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
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSaveFile>
#include <QScrollArea>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace vindex::studio {
namespace {

// Bumped when the docks change so that an old saved layout is not applied to a different set of docks.
constexpr int kLayoutVersion = 1;

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
        tr("Open a NIfTI volume with File ▸ Open Volume… (%1),\nor drop a .nii or .nii.gz file here.")
            .arg(QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText)));
    setCentralWidget(m_view);

    m_recentFiles = new RecentFiles(this);
    connect(m_recentFiles, &RecentFiles::changed, this, &MainWindow::updateRecentMenu);

    createDocks();
    createMenus();

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

void MainWindow::createDocks()
{
    m_volumePanel = new widgets::VolumePanel;
    m_volumePanel->setView(m_view);
    auto *scroll = new QScrollArea;
    scroll->setWidget(m_volumePanel);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_volumeDock = new QDockWidget(tr("Volume"), this);
    m_volumeDock->setObjectName(QStringLiteral("volumeDock")); // saveState() identifies docks by name
    m_volumeDock->setWidget(scroll);

    m_logPanel = new widgets::LogPanel;
    m_logDock = new QDockWidget(tr("Log"), this);
    m_logDock->setObjectName(QStringLiteral("logDock"));
    m_logDock->setWidget(m_logPanel);

    resetLayout();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open Volume…"), this,
                                    &MainWindow::showOpenDialog);
    open->setShortcut(QKeySequence::Open);
    open->setObjectName(QStringLiteral("actionOpen"));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    updateRecentMenu();
    file->addSeparator();
    QAction *screenshot = file->addAction(tr("Save &Screenshot…"), this, &MainWindow::saveScreenshotDialog);
    screenshot->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    file->addSeparator();
    QAction *quit =
        file->addAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q)); // QKeySequence::Quit is empty on some platforms
    quit->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *volumeToggle = m_volumeDock->toggleViewAction();
    volumeToggle->setText(tr("&Volume Panel"));
    view->addAction(volumeToggle);
    QAction *logToggle = m_logDock->toggleViewAction();
    logToggle->setText(tr("&Log Panel"));
    view->addAction(logToggle);
    view->addSeparator();
    QAction *resetCamera = view->addAction(tr("Reset &Camera"), m_view, &widgets::VolumeView::resetCamera);
    resetCamera->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    view->addAction(tr("Reset &Layout"), this, &MainWindow::resetLayout);

    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    QAction *preferences = settings->addAction(tr("&Settings…"), this, &MainWindow::showSettings);
    preferences->setShortcut(QKeySequence::Preferences);
    preferences->setMenuRole(QAction::PreferencesRole);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About VINDEX Studio"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = m_recentFiles->files();
    for (int i = 0; i < files.size(); ++i) {
        const QString &path = files.at(i);
        // "&1 name" gives keyboard access to the first nine entries.
        const QString label =
            i < 9 ? QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()) : QFileInfo(path).fileName();
        QAction *action = m_recentMenu->addAction(label, this, [this, path] { openVolume(path); });
        action->setData(path);
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
    }
    if (!files.isEmpty())
        m_recentMenu->addSeparator();
    QAction *clear = m_recentMenu->addAction(tr("&Clear Menu"), m_recentFiles, &RecentFiles::clear);
    clear->setEnabled(!files.isEmpty());
    m_recentMenu->setEnabled(true);
    m_recentMenu->setToolTipsVisible(true);
}

void MainWindow::resetLayout()
{
    // Re-adding a dock moves it; floating docks come back into the window.
    for (QDockWidget *dock : {m_volumeDock, m_logDock}) {
        dock->setFloating(false);
        removeDockWidget(dock);
    }
    addDockWidget(Qt::RightDockWidgetArea, m_volumeDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    m_volumeDock->show();
    m_logDock->show();
    resizeDocks({m_volumeDock}, {300}, Qt::Horizontal);
    resizeDocks({m_logDock}, {170}, Qt::Vertical);
}

void MainWindow::restoreLayout()
{
    StudioSettings settings;
    const QByteArray geometry = settings.windowGeometry();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = settings.windowState();
    if (!state.isEmpty() && !restoreState(state, kLayoutVersion))
        resetLayout();
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
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
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

    m_view->setVolume(result.volume);
    m_recentFiles->add(path);
    setWindowTitle(tr("%1 — VINDEX Studio").arg(QFileInfo(path).fileName()));
    setWindowFilePath(path);
    const auto &volume = *result.volume;
    const auto dims = volume.dimensions();
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
    dialog.exec();
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const auto urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile() && isVolumeFile(urls.first().toLocalFile()))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const auto urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile()) {
        openVolume(urls.first().toLocalFile());
        event->acceptProposedAction();
    }
}

} // namespace vindex::studio
