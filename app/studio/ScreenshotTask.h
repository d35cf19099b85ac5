#pragma once
// --screenshot: shows the main window at a given size, opens a volume, a dataset or a session, waits until it is
// loaded and drawn (for a dataset: its subject, split and trial shown in full; for a session: everything it
// restores), saves the window as a PNG image and reports an exit status. This is how tests and users make figures
// without clicking. The same command gives the same picture: transient status messages are not in it.
#include <QObject>
#include <QSize>
#include <QString>

namespace vindex::studio {

class MainWindow;

class ScreenshotTask : public QObject {
    Q_OBJECT

public:
    ScreenshotTask(MainWindow *window, QString outputPath, QSize size, QString volumePath, QString datasetPath = {},
                   QObject *parent = nullptr);

    // Restores this session file instead of opening a volume or dataset; its dock layout is kept.
    void setSessionPath(const QString &path) { m_sessionPath = path; }

    void start();

signals:
    // 0: saved; 1: the image could not be made or written; 2: the volume, dataset or session could not be opened.
    void finished(int exitCode);

private:
    void waitForExposure(int attemptsLeft);
    void captureAndSave();
    void finish(int exitCode);

    MainWindow *m_window;
    QString m_outputPath;
    QSize m_size;
    QString m_volumePath;
    QString m_datasetPath;
    QString m_sessionPath;
    bool m_volumeReady = false;
    bool m_finished = false;
};

} // namespace vindex::studio
