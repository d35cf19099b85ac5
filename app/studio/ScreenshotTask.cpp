#include "ScreenshotTask.h"

#include "LogPanel.h"
#include "MainWindow.h"
#include "SessionController.h"

#include "vindex/core/Log.h"

#include <QDir>
#include <QImage>
#include <QSaveFile>
#include <QStatusBar>
#include <QTimer>
#include <QWindow>

namespace vindex::studio {
namespace {

// A stuck load must not keep a script waiting for ever.
constexpr int kTimeoutMs = 120000;
// After the window is exposed and the volume set: time for queued log lines and the first paint to land.
constexpr int kSettleMs = 250;

} // namespace

ScreenshotTask::ScreenshotTask(MainWindow *window, QString outputPath, QSize size, QString volumePath,
                               QString datasetPath, QObject *parent)
    : QObject(parent), m_window(window), m_outputPath(std::move(outputPath)), m_size(size),
      m_volumePath(std::move(volumePath)), m_datasetPath(std::move(datasetPath))
{
}

void ScreenshotTask::start()
{
    m_window->setScripted(true);
    m_window->setWindowState(Qt::WindowNoState);
    m_window->resize(m_size);
    m_window->show();

    QTimer::singleShot(kTimeoutMs, this, [this] {
        vindex::logError(tr("Screenshot timed out after %1 s").arg(kTimeoutMs / 1000).toStdString());
        finish(1);
    });

    if (!m_sessionPath.isEmpty()) {
        SessionController *sessions = m_window->sessionController();
        connect(sessions, &SessionController::openFailed, this, [this] { finish(2); });
        connect(sessions, &SessionController::restored, this, [this] {
            m_volumeReady = true;
            waitForExposure(200);
        });
        sessions->open(m_sessionPath);
        return;
    }
    if (!m_datasetPath.isEmpty()) {
        // Settled after the open: the subject's trials are listed and the current trial is shown in full.
        connect(m_window, &MainWindow::datasetOpenFailed, this, [this] { finish(2); });
        connect(m_window, &MainWindow::datasetSettled, this, [this] {
            if (m_volumeReady)
                return;
            m_volumeReady = true;
            waitForExposure(200);
        });
        m_window->openDataset(m_datasetPath);
        return;
    }
    if (m_volumePath.isEmpty()) {
        m_volumeReady = true;
        waitForExposure(200);
        return;
    }
    connect(m_window, &MainWindow::volumeOpened, this, [this] {
        m_volumeReady = true;
        waitForExposure(200);
    });
    connect(m_window, &MainWindow::volumeOpenFailed, this, [this] { finish(2); });
    m_window->openVolume(m_volumePath);
}

void ScreenshotTask::waitForExposure(int attemptsLeft)
{
    if (m_finished)
        return;
    QWindow *handle = m_window->windowHandle();
    if ((handle && handle->isExposed()) || attemptsLeft <= 0) {
        // The default layout at this size, whatever the user's saved one: the same command gives the same picture.
        // A session brings its own layout.
        if (m_sessionPath.isEmpty())
            m_window->resetLayout();
        QTimer::singleShot(kSettleMs, this, &ScreenshotTask::captureAndSave);
        return;
    }
    QTimer::singleShot(25, this, [this, attemptsLeft] { waitForExposure(attemptsLeft - 1); });
}

void ScreenshotTask::captureAndSave()
{
    if (m_finished)
        return;
    // A message such as "Opened …" stays for some seconds: whether it is still there would depend on timing.
    m_window->statusBar()->clearMessage();
    // The log is this run's history, with times: not part of a session's view, and different in every run.
    if (!m_sessionPath.isEmpty())
        m_window->logPanel()->clear();
    QImage image = m_window->capture();
    if (image.isNull()) {
        vindex::logError(tr("Cannot render the window for the screenshot").toStdString());
        finish(1);
        return;
    }
    if (image.size() != m_size) {
        // HiDPI screens give device pixels, and a window manager may refuse a size: the file has the size asked.
        if (image.size() != m_size * image.devicePixelRatio())
            vindex::logWarning(tr("The window is %1x%2 instead of %3x%4; the screenshot is scaled")
                                   .arg(image.width())
                                   .arg(image.height())
                                   .arg(m_size.width())
                                   .arg(m_size.height())
                                   .toStdString());
        image = image.scaled(m_size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    }
    image.setDevicePixelRatio(1.0);

    QSaveFile file(m_outputPath);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        vindex::logError(
            tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_outputPath), file.errorString()).toStdString());
        finish(1);
        return;
    }
    vindex::logInfo(tr("Saved screenshot %1 (%2x%3)")
                        .arg(QDir::toNativeSeparators(m_outputPath))
                        .arg(image.width())
                        .arg(image.height())
                        .toStdString());
    finish(0);
}

void ScreenshotTask::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    emit finished(exitCode);
}

} // namespace vindex::studio
