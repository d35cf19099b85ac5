#include "RecentFiles.h"

#include "StudioSettings.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>

namespace vindex::studio {

RecentFiles::RecentFiles(QObject *parent, Kind kind) : QObject(parent), m_kind(kind)
{
    const StudioSettings settings;
    m_files = kind == Kind::Sessions ? settings.recentSessions() : settings.recentFiles();
    m_files.removeAll(QString());
    m_files.removeDuplicates();
    while (m_files.size() > maximumCount)
        m_files.removeLast();
}

void RecentFiles::add(const QString &path)
{
    if (path.isEmpty())
        return;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_files.removeAll(absolute);
    m_files.prepend(absolute);
    while (m_files.size() > maximumCount)
        m_files.removeLast();
    store();
}

void RecentFiles::remove(const QString &path)
{
    if (m_files.removeAll(QFileInfo(path).absoluteFilePath()) > 0)
        store();
}

void RecentFiles::clear()
{
    m_files.clear();
    store();
}

void RecentFiles::fillMenu(QMenu *menu, const std::function<void(const QString &)> &open)
{
    menu->clear();
    for (int i = 0; i < m_files.size(); ++i) {
        const QString &path = m_files.at(i);
        // "&1 name" gives keyboard access to the first nine entries.
        const QString label =
            i < 9 ? QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()) : QFileInfo(path).fileName();
        QAction *action = menu->addAction(label, menu, [open, path] { open(path); });
        action->setData(path);
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
    }
    if (!m_files.isEmpty())
        menu->addSeparator();
    QAction *clear = menu->addAction(tr("&Clear Menu"), this, &RecentFiles::clear);
    clear->setEnabled(!m_files.isEmpty());
    menu->setEnabled(true);
    menu->setToolTipsVisible(true);
}

void RecentFiles::store()
{
    if (m_persistent) {
        // Written at once: another window or a crash must not lose the list.
        StudioSettings settings;
        if (m_kind == Kind::Sessions)
            settings.setRecentSessions(m_files);
        else
            settings.setRecentFiles(m_files);
        settings.sync();
    }
    emit changed();
}

} // namespace vindex::studio
