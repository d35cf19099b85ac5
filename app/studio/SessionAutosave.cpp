#include "SessionAutosave.h"

#include "SessionDocument.h"

#include "vindex/core/Log.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>

#include <cerrno>
#include <signal.h>

namespace vindex::studio {

SessionAutosave::SessionAutosave(Provider provider, QObject *parent)
    : QObject(parent), m_provider(std::move(provider)), m_folder(defaultFolder())
{
    m_timer.setSingleShot(false);
    connect(&m_timer, &QTimer::timeout, this, &SessionAutosave::saveNow);
}

SessionAutosave::~SessionAutosave() = default;

QString SessionAutosave::defaultFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("autosave"));
}

QString SessionAutosave::autosavePath() const
{
    return QDir(m_folder).filePath(QStringLiteral("autosave") + QLatin1String(SessionDocument::kSuffix));
}

QString SessionAutosave::markerPath() const
{
    return QDir(m_folder).filePath(QStringLiteral("running.pid"));
}

bool SessionAutosave::processIsRunning(qint64 pid)
{
    // kill(pid, 0) sends nothing; it fails with ESRCH when no such process exists.
    return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH);
}

qint64 SessionAutosave::markerProcess() const
{
    QFile marker(markerPath());
    if (!marker.open(QIODevice::ReadOnly))
        return 0;
    bool ok = false;
    const qint64 pid = marker.readAll().trimmed().toLongLong(&ok);
    return ok ? pid : 0;
}

QString SessionAutosave::recoverablePath() const
{
    if (!QFile::exists(markerPath()) || !QFile::exists(autosavePath()))
        return {};
    const qint64 pid = markerProcess();
    if (pid == QCoreApplication::applicationPid() || (pid > 0 && processIsRunning(pid)))
        return {}; // this window's own, or another window's that is still open
    return autosavePath();
}

bool SessionAutosave::start(int seconds)
{
    const qint64 pid = markerProcess();
    if (pid > 0 && pid != QCoreApplication::applicationPid() && processIsRunning(pid)) {
        vindex::logInfo(tr("Another VINDEX Studio window autosaves its session; this one does not").toStdString());
        return false;
    }
    QSaveFile marker(markerPath());
    if (!QDir().mkpath(m_folder) || !marker.open(QIODevice::WriteOnly) ||
        marker.write(QByteArray::number(QCoreApplication::applicationPid()) + '\n') < 0 || !marker.commit()) {
        vindex::logWarning(tr("Cannot write %1: %2; the session is not autosaved")
                               .arg(QDir::toNativeSeparators(markerPath()), marker.errorString())
                               .toStdString());
        return false;
    }
    m_owner = true;
    setInterval(seconds);
    return true;
}

void SessionAutosave::setInterval(int seconds)
{
    if (m_owner && seconds > 0)
        m_timer.start(seconds * 1000);
    else
        m_timer.stop();
}

bool SessionAutosave::saveNow()
{
    if (!m_owner)
        return false;
    SessionDocument session;
    if (!m_provider || !m_provider(session))
        return false;
    QString error;
    if (!session.write(autosavePath(), &error)) {
        vindex::logWarning(error.toStdString());
        return false;
    }
    emit saved(autosavePath());
    return true;
}

void SessionAutosave::stop()
{
    m_timer.stop();
    if (!m_owner)
        return;
    m_owner = false;
    QFile::remove(autosavePath());
    QFile::remove(markerPath());
}

void SessionAutosave::discardRecoverable()
{
    if (!recoverablePath().isEmpty())
        QFile::remove(autosavePath());
}

} // namespace vindex::studio
