#pragma once
// --screenshot: shows the main window at a given size, opens a volume or a dataset, waits until it is loaded and
// drawn (for a dataset: its subject, split and trial shown in full), saves the window as a PNG image and reports an
// exit status. This is how tests and users make figures without clicking.
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

    void start();

signals:
    // 0: saved; 1: the image could not be made or written; 2: the volume or dataset could not be opened.
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
    bool m_volumeReady = false;
    bool m_finished = false;
};

} // namespace vindex::studio
