#pragma once
// The main window's dock layout: its default arrangement, and the window's geometry and dock state kept in the
// settings from one start to the next. A state saved for another set of docks (another kLayoutVersion) is not
// applied: the default arrangement is. A saved geometry larger than the screen the window opens on (saved on a
// bigger screen, or after something had widened the window) is shrunk and moved onto that screen's available area.
#include <QRect>

class QDockWidget;
class QMainWindow;
class QToolBar;

namespace vindex::studio {

class WindowLayoutStore {
public:
    // Bumped when the docks change so that an old saved layout is not applied to a different set of docks.
    // 4: layouts saved by a window that job messages had widened past the screen (docks squeezed) are dropped.
    static constexpr int kLayoutVersion = 4;

    struct Docks {
        QDockWidget *trials = nullptr, *stimulus = nullptr, *brain = nullptr, *volume = nullptr, *log = nullptr,
                    *jobs = nullptr, *decode = nullptr;
    };

    WindowLayoutStore(QMainWindow *window, const Docks &docks);

    // The tool bar that reset() shows again (made after the docks).
    void setToolBar(QToolBar *toolBar) { m_toolBar = toolBar; }
    // Scripted runs write nothing to the settings.
    void setPersistent(bool persistent) { m_persistent = persistent; }

    // Docks back to their default places and sizes, all visible but the jobs dock (a tab beside the log, shown when a
    // job starts).
    void reset();
    // The saved geometry (fitted to the screen) and dock layout, else the default layout at the window's size.
    void restore();
    // Writes the window geometry and dock layout to the settings.
    void save();

    // A window frame moved and shrunk to lie within the available area of a screen (unchanged when it does).
    static QRect fitToScreen(const QRect &frame, const QRect &available);

private:
    void fitWindowToScreen();

    QMainWindow *m_window;
    Docks m_docks;
    QToolBar *m_toolBar = nullptr;
    bool m_persistent = true;
};

} // namespace vindex::studio
