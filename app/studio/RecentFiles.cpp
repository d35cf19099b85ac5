#include "RecentFiles.h"

#include "StudioSettings.h"

#include <QFileInfo>

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
