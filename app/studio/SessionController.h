#pragma once
// Session files for the main window: File ▸ Open Session…, Open Recent Session, Save Session (Ctrl+S) and Save
// Session As…; capturing the window into a SessionDocument and restoring one (window layout, dataset with subject,
// split, trial and filter, brain view, result files) with a signal once everything is shown; autosave of the
// current session and, at start, the offer to restore the autosave of a run that did not exit cleanly.
#include "SessionDocument.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class QMenu;

namespace vindex::studio {

class MainWindow;
class RecentFiles;
class SessionAutosave;

class SessionController : public QObject {
    Q_OBJECT

public:
    explicit SessionController(MainWindow *window);
    ~SessionController() override;

    // The window as it is now.
    SessionDocument capture() const;
    // Writes the current session; on failure a message (a dialog unless scripted) and false.
    bool save(const QString &path);
    // Reads a session and restores it; restored or openFailed follows (a readable message naming the file).
    void open(const QString &path);
    bool isRestoring() const { return m_restoring.has_value(); }
    // The session file last opened or saved (empty: none yet; Save asks for a name).
    QString currentPath() const { return m_currentPath; }

    // Adds Open Session…, Open Recent Session, Save Session and Save Session As… to a menu.
    void addMenuActions(QMenu *menu);
    QMenu *recentMenu() const { return m_recentMenu; }
    RecentFiles *recentSessions() const { return m_recent; }
    SessionAutosave *autosave() const { return m_autosave; }

    // For interactive runs, once at start: offers the autosave of a run that did not exit cleanly (when
    // offerRecovery; through the prompt set below, else a question box) and starts autosaving. True when a
    // recovered session is being restored. Scripted windows never prompt and never autosave.
    bool startAutosave(bool offerRecovery = true);
    // Replaces the question box (tests, scripts): return true to restore the autosave at that path.
    void setRecoveryPrompt(std::function<bool(const QString &autosavePath)> prompt)
    {
        m_recoveryPrompt = std::move(prompt);
    }
    // The window closes normally: the autosave and its marker are removed.
    void windowClosing();

public slots:
    void showOpenDialog();
    // Saves to the current session file, or asks for one.
    void saveCurrent();
    void showSaveAsDialog();

signals:
    void restored(const QString &path);
    void openFailed(const QString &path, const QString &message);
    void saved(const QString &path);

private:
    void reportError(const QString &title, const QString &message);
    void onDatasetSettled();
    void onDatasetOpenFailed(const QString &root, const QString &message);
    void onResultsIdle();
    void finishRestore();
    void updateRecentMenu();

    MainWindow *m_window;
    RecentFiles *m_recent = nullptr;
    SessionAutosave *m_autosave = nullptr;
    QMenu *m_recentMenu = nullptr;
    QString m_currentPath;
    std::function<bool(const QString &)> m_recoveryPrompt;

    // A restore in progress: what is being restored and what it still waits for.
    std::optional<SessionDocument> m_restoring;
    QString m_restoringPath;
    bool m_waitingForDataset = false;
    bool m_waitingForResults = false;
};

} // namespace vindex::studio
