#include "WindowLayoutStore.h"

#include "StudioSettings.h"

#include <QDockWidget>
#include <QList>
#include <QMainWindow>
#include <QToolBar>

#include <algorithm>

namespace vindex::studio {

WindowLayoutStore::WindowLayoutStore(QMainWindow *window, const Docks &docks) : m_window(window), m_docks(docks) {}

void WindowLayoutStore::reset()
{
    // Re-adding a dock moves it; floating docks come back into the window. The trials on the left, what the
    // trial showed on the right above the brain and volume controls (the decode panel in a tab beside them), the log
    // under the 3D view (the jobs in a tab beside it).
    const Docks &d = m_docks;
    const QList<QDockWidget *> docks{d.trials, d.stimulus, d.brain, d.volume, d.log, d.jobs, d.decode};
    for (QDockWidget *dock : docks) {
        dock->setFloating(false);
        m_window->removeDockWidget(dock);
    }
    m_window->setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    m_window->setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    m_window->addDockWidget(Qt::LeftDockWidgetArea, d.trials);
    m_window->addDockWidget(Qt::RightDockWidgetArea, d.stimulus);
    m_window->addDockWidget(Qt::RightDockWidgetArea, d.brain);
    m_window->splitDockWidget(d.stimulus, d.brain, Qt::Vertical);
    m_window->tabifyDockWidget(d.brain, d.volume);
    m_window->addDockWidget(Qt::BottomDockWidgetArea, d.log);
    m_window->tabifyDockWidget(d.log, d.jobs); // the jobs come to the front when one starts
    m_window->tabifyDockWidget(d.volume, d.decode);
    for (QDockWidget *dock : docks)
        dock->show();
    d.jobs->hide(); // until a job starts (View ▸ Jobs Panel shows it): the log keeps its few lines
    d.log->raise();
    d.brain->raise();
    if (m_toolBar)
        m_toolBar->show();
    // Proportions of the window: the table wide enough for its captions, the stimulus and volume controls beside
    // the 3D view, a few lines of log.
    const int width = std::max(m_window->width(), 900);
    const int height = std::max(m_window->height(), 600);
    m_window->resizeDocks({d.trials, d.stimulus}, {width * 28 / 100, width * 26 / 100}, Qt::Horizontal);
    m_window->resizeDocks({d.stimulus, d.brain}, {height * 45 / 100, height * 55 / 100}, Qt::Vertical);
    m_window->resizeDocks({d.log}, {height * 13 / 100}, Qt::Vertical);
}

void WindowLayoutStore::restore()
{
    StudioSettings settings;
    const QByteArray geometry = settings.windowGeometry();
    if (!geometry.isEmpty())
        m_window->restoreGeometry(geometry);
    const QByteArray state = settings.windowState();
    if (state.isEmpty() || !m_window->restoreState(state, kLayoutVersion))
        reset(); // again, now that the window has its size: the docks get their proportions of it
}

void WindowLayoutStore::save()
{
    if (!m_persistent)
        return;
    StudioSettings settings;
    settings.setWindowGeometry(m_window->saveGeometry());
    settings.setWindowState(m_window->saveState(kLayoutVersion));
    settings.sync();
}

} // namespace vindex::studio
