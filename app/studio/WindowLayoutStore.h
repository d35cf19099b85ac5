#pragma once
// The main window's dock layout: its default arrangement, and the window's geometry and dock state kept in the
// settings from one start to the next. A state saved for another set of docks (another kLayoutVersion) is not
// applied: the default arrangement is.
class QDockWidget;
class QMainWindow;
class QToolBar;

namespace vindex::studio {

class WindowLayoutStore {
public:
    // Bumped when the docks change so that an old saved layout is not applied to a different set of docks.
    static constexpr int kLayoutVersion = 3;

    struct Docks {
        QDockWidget *trials = nullptr, *stimulus = nullptr, *brain = nullptr, *volume = nullptr, *log = nullptr,
                    *jobs = nullptr, *decode = nullptr;
    };

    WindowLayoutStore(QMainWindow *window, const Docks &docks);

    // The tool bar that reset() shows again (made after the docks).
    void setToolBar(QToolBar *toolBar) { m_toolBar = toolBar; }
    // Scripted runs write nothing to the settings.
    void setPersistent(bool persistent) { m_persistent = persistent; }

    // Docks back to their default places and sizes, all visible (the jobs dock hidden until a job starts).
    void reset();
    // The saved geometry and dock layout, else the default layout at the window's size.
    void restore();
    // Writes the window geometry and dock layout to the settings.
    void save();

private:
    QMainWindow *m_window;
    Docks m_docks;
    QToolBar *m_toolBar = nullptr;
    bool m_persistent = true;
};

} // namespace vindex::studio
