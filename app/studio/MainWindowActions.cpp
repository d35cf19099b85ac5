#include "MainWindowActions.h"

#include "DatasetToolBar.h"
#include "DecodePanel.h"
#include "MainWindow.h"
#include "RecentFiles.h"
#include "ResultsController.h"
#include "SessionController.h"

#include "StimulusPanel.h"
#include "TrialBrowser.h"
#include "VolumeView.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QIcon>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QUndoStack>

namespace vindex::studio {

MainWindowActions::MainWindowActions(MainWindow *window) : QObject(window), m_window(window)
{
    connect(m_window->recentFiles(), &RecentFiles::changed, this, &MainWindowActions::updateRecentMenu);
    createFileMenu();
    createEditMenu();
    createViewMenu();
    createTrialsMenu();
    createToolsMenu();
    createSettingsAndHelpMenus();
}

void MainWindowActions::createFileMenu()
{
    QMenu *file = m_window->menuBar()->addMenu(tr("&File"));
    QAction *openDataset = file->addAction(QIcon::fromTheme(QStringLiteral("folder-open")), tr("Open &Dataset…"),
                                           m_window, &MainWindow::showOpenDatasetDialog);
    openDataset->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    openDataset->setObjectName(QStringLiteral("actionOpenDataset"));
    openDataset->setToolTip(tr("Open an NSD dataset folder (webdataset, MindEye2 or native layout)"));
    QAction *open = file->addAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open Volume…"), m_window,
                                    &MainWindow::showOpenDialog);
    open->setShortcut(QKeySequence::Open);
    open->setObjectName(QStringLiteral("actionOpen"));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    updateRecentMenu();
    file->addSeparator();
    m_window->sessionController()->addMenuActions(file);
    file->addSeparator();
    m_window->resultsController()->addMenuActions(file);
    file->addSeparator();
    QAction *screenshot = file->addAction(tr("Save &Screenshot…"), m_window, &MainWindow::saveScreenshotDialog);
    screenshot->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    file->addSeparator();
    QAction *quit =
        file->addAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"), m_window, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q)); // QKeySequence::Quit is empty on some platforms
    quit->setMenuRole(QAction::QuitRole);

    DatasetToolBar *bar = m_window->datasetToolBar();
    bar->insertAction(bar->actions().value(0), openDataset);
    bar->insertSeparator(bar->actions().value(1));
}

void MainWindowActions::createEditMenu()
{
    QMenu *edit = m_window->menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_window->undoStack()->createUndoAction(m_window, tr("&Undo"));
    undo->setObjectName(QStringLiteral("actionUndo"));
    undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    edit->addAction(undo);
    QAction *redo = m_window->undoStack()->createRedoAction(m_window, tr("&Redo"));
    redo->setObjectName(QStringLiteral("actionRedo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(redo);
}

void MainWindowActions::createViewMenu()
{
    QMenu *view = m_window->menuBar()->addMenu(tr("&View"));
    const auto addToggle = [view](QAction *toggle, const QString &text) {
        toggle->setText(text);
        view->addAction(toggle);
        return toggle;
    };
    addToggle(m_window->trialsDock()->toggleViewAction(), tr("&Trials Panel"));
    addToggle(m_window->stimulusDock()->toggleViewAction(), tr("&Stimulus Panel"));
    addToggle(m_window->volumeDock()->toggleViewAction(), tr("&Volume Panel"));
    addToggle(m_window->brainDock()->toggleViewAction(), tr("&Brain Panel"));
    addToggle(m_window->logDock()->toggleViewAction(), tr("&Log Panel"));
    addToggle(m_window->decodeDock()->toggleViewAction(), tr("D&ecode Panel"));
    addToggle(m_window->jobsDock()->toggleViewAction(), tr("&Jobs Panel"))
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    addToggle(m_window->datasetToolBar()->toggleViewAction(), tr("&Dataset Tool Bar"));
    view->addSeparator();
    QAction *resetCamera =
        view->addAction(tr("Reset &Camera"), m_window->volumeView(), &widgets::VolumeView::resetCamera);
    resetCamera->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    view->addAction(tr("Reset &Layout"), m_window, &MainWindow::resetLayout);
}

void MainWindowActions::createTrialsMenu()
{
    QMenu *trials = m_window->menuBar()->addMenu(tr("T&rials"));
    widgets::TrialBrowser *browser = m_window->trialBrowser();
    QAction *find = trials->addAction(QIcon::fromTheme(QStringLiteral("edit-find")), tr("&Find Trials…"), m_window,
                                      [window = m_window] {
                                          window->trialsDock()->show();
                                          window->trialsDock()->raise();
                                          window->trialBrowser()->focusFilter();
                                      });
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    find->setObjectName(QStringLiteral("actionFindTrials"));
    QAction *next = trials->addAction(tr("&Next Trial"), browser, &widgets::TrialBrowser::selectNext);
    next->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Down));
    QAction *previous = trials->addAction(tr("&Previous Trial"), browser, &widgets::TrialBrowser::selectPrevious);
    previous->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Up));
    trials->addSeparator();
    widgets::StimulusView *stimulus = m_window->stimulusPanel()->view();
    m_boxesAction = trials->addAction(tr("Show Ground-Truth &Boxes"));
    m_boxesAction->setObjectName(QStringLiteral("actionShowBoxes"));
    m_boxesAction->setCheckable(true);
    m_boxesAction->setChecked(stimulus->boxesVisible());
    m_boxesAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    connect(m_boxesAction, &QAction::toggled, stimulus, &widgets::StimulusView::setBoxesVisible);
    connect(stimulus, &widgets::StimulusView::boxesVisibleChanged, m_boxesAction, &QAction::setChecked);
}

void MainWindowActions::createToolsMenu()
{
    QMenu *tools = m_window->menuBar()->addMenu(tr("&Tools"));
    QAction *decode = tools->addAction(tr("&Decode…"), m_window, [window = m_window] {
        window->decodeDock()->show();
        window->decodeDock()->raise();
        window->decodePanel()->setFocus();
    });
    decode->setObjectName(QStringLiteral("actionDecode"));
    decode->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    decode->setToolTip(tr("Caption or ground trials with a brain encoder or their images"));
    QAction *train = tools->addAction(tr("&Train Brain Encoder…"), m_window, &MainWindow::showTrainDialog);
    train->setObjectName(QStringLiteral("actionTrain"));
    train->setToolTip(tr("Train a brain encoder on the open dataset as a background job"));
}

void MainWindowActions::createSettingsAndHelpMenus()
{
    QMenu *settings = m_window->menuBar()->addMenu(tr("&Settings"));
    QAction *preferences = settings->addAction(tr("&Settings…"), m_window, &MainWindow::showSettings);
    preferences->setShortcut(QKeySequence::Preferences);
    preferences->setMenuRole(QAction::PreferencesRole);

    QMenu *help = m_window->menuBar()->addMenu(tr("&Help"));
    QAction *shortcuts = help->addAction(tr("&Keyboard Shortcuts"), m_window, &MainWindow::showShortcuts);
    shortcuts->setShortcut(QKeySequence(Qt::Key_F1));
    help->addSeparator();
    QAction *about = help->addAction(tr("&About VINDEX Studio"), m_window, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

void MainWindowActions::updateRecentMenu()
{
    m_window->recentFiles()->fillMenu(m_recentMenu,
                                      [window = m_window](const QString &path) { window->openRecent(path); });
}

} // namespace vindex::studio
