#pragma once
// Autosave and crash recovery of the current session. While an interactive window runs, a marker file holding the
// process id lies in the autosave folder and the session is written there every few seconds (atomically); a clean
// exit removes both. At the next start a marker whose process is gone means the last run did not exit cleanly,
// and its autosave can be offered for restoring. A marker of a process that still runs belongs to another open
// window: that one autosaves, this one does not.
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace vindex::studio {

class SessionDocument;

class SessionAutosave : public QObject {
    Q_OBJECT

public:
    // provider gives the session to write; returning false skips this round (nothing open worth saving).
    using Provider = std::function<bool(SessionDocument &)>;

    explicit SessionAutosave(Provider provider, QObject *parent = nullptr);
    ~SessionAutosave() override;

    // Default: "autosave" under the application's data folder (QStandardPaths::AppDataLocation).
    static QString defaultFolder();
    void setFolder(const QString &folder) { m_folder = folder; }
    QString folder() const { return m_folder; }
    QString autosavePath() const;
    QString markerPath() const;

    // The autosave left by a run that did not exit cleanly, or empty. Call before start().
    QString recoverablePath() const;
    // Writes the marker and saves every `seconds` (0: marker only, no periodic saves). False when another running
    // window holds the folder or the marker cannot be written.
    bool start(int seconds);
    bool isRunning() const { return m_owner; }
    void setInterval(int seconds);
    // Writes the session now; false when nothing was written.
    bool saveNow();
    // A clean exit: removes the marker and the autosave.
    void stop();
    // After a recovery was declined or done: the old autosave is no longer offered.
    void discardRecoverable();

signals:
    void saved(const QString &path);

private:
    static bool processIsRunning(qint64 pid);
    qint64 markerProcess() const; // 0: no (readable) marker

    Provider m_provider;
    QString m_folder;
    QTimer m_timer;
    bool m_owner = false;
};

} // namespace vindex::studio
