#include "WindowLayoutStore.h"

#include "StudioSettings.h"

#include <QDockWidget>
#include <QList>
#include <QMainWindow>
#include <QScreen>
#include <QScrollArea>
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
    m_window->tabifyDockWidget(d.log, d.jobs); // a job's start shows this tab; nothing else moves
    m_window->tabifyDockWidget(d.volume, d.decode);
    for (QDockWidget *dock : docks)
        dock->show();
    d.jobs->hide(); // until a job starts: then it is a tab where the log is (MainWindow::startJob)
    d.log->raise();
    d.brain->raise();
    if (m_toolBar)
        m_toolBar->show();
    // Proportions of the window: the table wide enough for its captions, the stimulus and volume controls beside
    // the 3D view, some lines of log — as high as the jobs tab that comes beside it needs for a loss curve above a
    // job's log (a job's start resizes nothing).
    const int width = std::max(m_window->width(), 900);
    const int height = std::max(m_window->height(), 600);
    m_window->resizeDocks({d.trials, d.stimulus}, {width * 28 / 100, width * 26 / 100}, Qt::Horizontal);
    // The Brain dock gets the height its panel asks for (betas, colours, threshold, cursor all visible), within
    // 35–64 % of the window; the stimulus the rest.
    int brainHeight = height * 55 / 100;
    if (const auto *scroll = qobject_cast<QScrollArea *>(d.brain->widget()); scroll && scroll->widget())
        brainHeight = scroll->widget()->sizeHint().height() +
                      8 * d.brain->fontMetrics().height(); // title, tabs, a wrapped cursor line
    brainHeight = std::clamp(brainHeight, height * 35 / 100, height * 64 / 100);
    m_window->resizeDocks({d.stimulus, d.brain}, {height - brainHeight, brainHeight}, Qt::Vertical);
    m_window->resizeDocks({d.log}, {height * 22 / 100}, Qt::Vertical);
}

void WindowLayoutStore::restore()
{
    StudioSettings settings;
    const QByteArray geometry = settings.windowGeometry();
    if (!geometry.isEmpty() && m_window->restoreGeometry(geometry))
        fitWindowToScreen();
    const QByteArray state = settings.windowState();
    if (state.isEmpty() || !m_window->restoreState(state, kLayoutVersion))
        reset(); // again, now that the window has its size: the docks get their proportions of it
}

QRect WindowLayoutStore::fitToScreen(const QRect &frame, const QRect &available)
{
    if (available.isEmpty())
        return frame;
    QRect fitted = frame;
    fitted.setWidth(std::min(frame.width(), available.width()));
    fitted.setHeight(std::min(frame.height(), available.height()));
    // Then onto the screen: the right and bottom edges first, so that the top-left corner (the title bar) wins.
    fitted.moveRight(std::min(fitted.right(), available.right()));
    fitted.moveBottom(std::min(fitted.bottom(), available.bottom()));
    fitted.moveLeft(std::max(fitted.left(), available.left()));
    fitted.moveTop(std::max(fitted.top(), available.top()));
    return fitted;
}

void WindowLayoutStore::fitWindowToScreen()
{
    if (m_window->isMaximized() || m_window->isFullScreen())
        return;
    const QScreen *screen = m_window->screen();
    if (!screen)
        return;
    const QRect available = screen->availableGeometry();
    // The frame (title bar and borders) must fit too; before the window is shown it has none yet.
    const QRect frame = m_window->frameGeometry();
    const QRect inner = m_window->geometry();
    const QMargins decoration(inner.left() - frame.left(), inner.top() - frame.top(), frame.right() - inner.right(),
                              frame.bottom() - inner.bottom());
    const QRect fitted = fitToScreen(frame, available);
    if (fitted == frame)
        return;
    m_window->resize(fitted.size().shrunkBy(decoration));
    m_window->move(fitted.topLeft());
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
