#include "SessionController.h"

#include "BrainController.h"

#include "DatasetToolBar.h"
#include "MainWindow.h"
#include "RecentFiles.h"
#include "ResultsController.h"
#include "SessionAutosave.h"
#include "StudioSettings.h"

#include "TrialBrowser.h"
#include "VolumeView.h"

#include "vindex/core/Log.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

namespace vindex::studio {

SessionController::SessionController(MainWindow *window) : QObject(window), m_window(window)
{
    m_recent = new RecentFiles(this, RecentFiles::Kind::Sessions);
    connect(m_recent, &RecentFiles::changed, this, &SessionController::updateRecentMenu);
    m_autosave = new SessionAutosave(
        [this](SessionDocument &session) {
            // Nothing open, nothing worth restoring.
            if (!m_window->datasetController()->isOpen())
                return false;
            session = capture();
            return true;
        },
        this);
    connect(m_window, &MainWindow::datasetSettled, this, &SessionController::onDatasetSettled);
    connect(m_window, &MainWindow::datasetOpenFailed, this, &SessionController::onDatasetOpenFailed);
    connect(m_window->resultsController(), &ResultsController::idle, this, &SessionController::onResultsIdle);
}

SessionController::~SessionController() = default;

SessionDocument SessionController::capture() const
{
    SessionDocument session;
    const DatasetController *dataset = m_window->datasetController();
    if (dataset->isOpen()) {
        session.datasetRoot = dataset->dataset().root;
        session.subject = m_window->datasetToolBar()->currentSubject();
        session.split = m_window->datasetToolBar()->currentSplit();
        session.trial = m_window->trialBrowser()->currentTrialIndex();
        session.filter = m_window->trialBrowser()->filterEdit()->text();
    }
    session.windowGeometry = m_window->saveGeometry();
    session.layoutVersion = MainWindow::kLayoutVersion;
    session.windowState = m_window->saveState(MainWindow::kLayoutVersion);
    session.brainView = m_window->volumeView()->sessionState();
    m_window->brainController()->addSessionState(session.brainView);
    session.resultFiles = m_window->resultsController()->paths();
    session.resultsView = m_window->resultsController()->sessionState();
    session.centralTab = m_window->centralTabs()->currentIndex();
    return session;
}

bool SessionController::save(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QString error;
    if (!capture().write(absolute, &error)) {
        reportError(tr("Cannot Save Session"), error);
        return false;
    }
    m_currentPath = absolute;
    m_recent->add(absolute);
    vindex::logInfo(tr("Saved session %1").arg(QDir::toNativeSeparators(absolute)).toStdString());
    m_window->statusBar()->showMessage(tr("Saved session %1").arg(QDir::toNativeSeparators(absolute)), 5000);
    emit saved(absolute);
    return true;
}

void SessionController::open(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    SessionDocument session;
    QString error;
    if (!session.read(absolute, &error)) {
        if (!QFileInfo::exists(absolute))
            m_recent->remove(absolute);
        reportError(tr("Cannot Open Session"), error);
        emit openFailed(absolute, error);
        return;
    }
    vindex::logInfo(tr("Opening session %1").arg(QDir::toNativeSeparators(absolute)).toStdString());
    m_restoring = session;
    m_restoringPath = absolute;

    // A script gives the window its size (--size); a person gets the window as it was.
    if (!m_window->isScripted() && !session.windowGeometry.isEmpty())
        m_window->restoreGeometry(session.windowGeometry);
    if (!session.windowState.isEmpty() && session.layoutVersion == MainWindow::kLayoutVersion)
        m_window->restoreState(session.windowState, MainWindow::kLayoutVersion);
    else
        m_window->resetLayout();
    // Before the trials arrive, so that the saved trial is chosen among the rows the filter keeps.
    m_window->trialBrowser()->setFilterText(session.filter);
    m_window->centralTabs()->setCurrentIndex(session.centralTab);
    m_window->resultsController()->removeAll();
    m_waitingForResults = !session.resultFiles.isEmpty(); // loaded once the dataset (its BrainHub folder) is open

    if (!session.datasetRoot.isEmpty()) {
        m_waitingForDataset = true;
        m_window->openDatasetAt(session.datasetRoot, session.subject, session.split, session.trial);
    } else if (m_waitingForResults) {
        m_window->resultsController()->load(session.resultFiles);
    } else {
        // Nothing to wait for; still announced from the event loop, as when there is.
        QTimer::singleShot(0, this, &SessionController::finishRestore);
    }
}

void SessionController::onDatasetSettled()
{
    if (!m_restoring || !m_waitingForDataset)
        return;
    m_waitingForDataset = false;
    if (m_waitingForResults)
        m_window->resultsController()->load(m_restoring->resultFiles);
    else
        finishRestore();
}

void SessionController::onResultsIdle()
{
    if (!m_restoring || !m_waitingForResults)
        return;
    m_waitingForResults = false;
    finishRestore();
}

void SessionController::onDatasetOpenFailed(const QString &root, const QString &message)
{
    if (!m_restoring || !m_waitingForDataset)
        return;
    const QString path = m_restoringPath;
    m_restoring.reset();
    m_waitingForDataset = false;
    m_waitingForResults = false;
    // MainWindow has shown the dataset's error; this one says which session asked for it.
    const QString text = tr("Cannot open session %1: its dataset %2 cannot be opened: %3")
                             .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(root), message);
    vindex::logError(text.toStdString());
    emit openFailed(path, text);
}

void SessionController::finishRestore()
{
    if (!m_restoring || m_waitingForDataset || m_waitingForResults)
        return;
    const SessionDocument session = *m_restoring;
    const QString path = m_restoringPath;
    m_restoring.reset();
    // Last: loading the dataset reset the camera and the slices to the subject's brain.
    m_window->volumeView()->restoreSessionState(session.brainView);
    m_window->brainController()->restoreSessionState(session.brainView);
    m_window->resultsController()->restoreSessionState(session.resultsView);
    if (path != m_autosave->autosavePath()) { // a recovered autosave is not the user's file
        m_currentPath = path;
        m_recent->add(path);
    }
    m_window->statusBar()->showMessage(tr("Opened session %1").arg(QDir::toNativeSeparators(path)), 5000);
    emit restored(path);
}

void SessionController::reportError(const QString &title, const QString &message)
{
    vindex::logError(message.toStdString());
    m_window->statusBar()->showMessage(message, 10000);
    if (!m_window->isScripted()) {
        // Window-modal but not blocking: what is open stays usable.
        auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, m_window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
}

void SessionController::addMenuActions(QMenu *menu)
{
    QAction *open = menu->addAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("Open S&ession…"), this,
                                    &SessionController::showOpenDialog);
    open->setObjectName(QStringLiteral("actionOpenSession"));
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O));
    m_recentMenu = menu->addMenu(tr("Open Recent Sess&ion"));
    m_recentMenu->setObjectName(QStringLiteral("recentSessionsMenu"));
    updateRecentMenu();
    QAction *save = menu->addAction(QIcon::fromTheme(QStringLiteral("document-save")), tr("Save Sessio&n"), this,
                                    &SessionController::saveCurrent);
    save->setObjectName(QStringLiteral("actionSaveSession"));
    save->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_S));
    QAction *saveAs = menu->addAction(QIcon::fromTheme(QStringLiteral("document-save-as")), tr("Save Session &As…"),
                                      this, &SessionController::showSaveAsDialog);
    saveAs->setObjectName(QStringLiteral("actionSaveSessionAs"));
    saveAs->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S));
}

void SessionController::updateRecentMenu()
{
    if (m_recentMenu)
        m_recent->fillMenu(m_recentMenu, [this](const QString &path) { open(path); });
}

void SessionController::showOpenDialog()
{
    QString start = StudioSettings().dataFolder();
    if (!m_recent->files().isEmpty())
        start = QFileInfo(m_recent->files().constFirst()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Open Session"), start,
                                                      tr("VINDEX Studio sessions (*.vindex.json);;All files (*)"));
    if (!path.isEmpty())
        open(path);
}

void SessionController::saveCurrent()
{
    if (m_currentPath.isEmpty())
        showSaveAsDialog();
    else
        save(m_currentPath);
}

void SessionController::showSaveAsDialog()
{
    QString start = m_currentPath;
    if (start.isEmpty()) {
        const QString name = m_window->datasetController()->isOpen()
                                 ? QFileInfo(m_window->datasetController()->dataset().root).fileName()
                                 : QStringLiteral("session");
        const QString folder =
            m_recent->files().isEmpty() ? QDir::homePath() : QFileInfo(m_recent->files().constFirst()).absolutePath();
        start = QDir(folder).filePath(name + QLatin1String(SessionDocument::kSuffix));
    }
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Save Session As"), start,
                                                      tr("VINDEX Studio sessions (*.vindex.json)"));
    if (!path.isEmpty())
        save(SessionDocument::withSuffix(path));
}

bool SessionController::startAutosave(bool offerRecovery)
{
    if (m_window->isScripted())
        return false;
    const QString recoverable = offerRecovery ? m_autosave->recoverablePath() : QString();
    bool restoring = false;
    if (!recoverable.isEmpty()) {
        const QString when = QLocale().toString(QFileInfo(recoverable).lastModified(), QLocale::ShortFormat);
        bool restore = false;
        if (m_recoveryPrompt) {
            restore = m_recoveryPrompt(recoverable);
        } else {
            restore = QMessageBox::question(m_window, tr("Restore Session"),
                                            tr("VINDEX Studio did not exit cleanly last time. Restore the session "
                                               "autosaved at %1?")
                                                .arg(when),
                                            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes) == QMessageBox::Yes;
        }
        if (restore) {
            vindex::logInfo(tr("Restoring the session autosaved at %1").arg(when).toStdString());
            // Read before autosaving starts: the next autosave replaces the file.
            open(recoverable);
            restoring = true;
        }
    }
    if (m_autosave->start(StudioSettings().autosaveSeconds()) && !restoring)
        QFile::remove(m_autosave->autosavePath()); // declined or none: a fresh start
    return restoring;
}

void SessionController::windowClosing()
{
    m_autosave->stop();
}

} // namespace vindex::studio
