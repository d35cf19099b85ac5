#pragma once
// The main window's menus and their actions: File (dataset, volume, recent files, sessions, results, screenshot,
// quit), Edit (undo / redo of view changes), View (the panels, the dataset tool bar, camera and layout), Trials
// (find, next, previous, ground-truth boxes), Tools (decode, train), Settings and Help; and Open Dataset at the front
// of the dataset tool bar. Each action calls the window, or the view or panel that does the work.
#include <QObject>

class QAction;
class QMenu;

namespace vindex::studio {

class MainWindow;

class MainWindowActions : public QObject {
    Q_OBJECT

public:
    // Fills the window's menu bar; the window's views, docks, controllers and dataset tool bar exist already.
    explicit MainWindowActions(MainWindow *window);

    QMenu *recentMenu() const { return m_recentMenu; }
    QAction *boxesAction() const { return m_boxesAction; }

private:
    void createFileMenu();
    void createEditMenu();
    void createViewMenu();
    void createTrialsMenu();
    void createToolsMenu();
    void createSettingsAndHelpMenus();
    void updateRecentMenu();

    MainWindow *m_window;
    QMenu *m_recentMenu = nullptr;
    QAction *m_boxesAction = nullptr;
};

} // namespace vindex::studio
