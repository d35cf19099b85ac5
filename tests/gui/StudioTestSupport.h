#pragma once
// Helpers of the GUI tests that drive the whole main window: the mini-nsd fixture, waiting until the dataset has
// answered, and running the vindex-studio binary as a script does.
#include "MainWindow.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QStringList>

#include <functional>

class StudioTestSupport {
public:
    static QString miniNsd() { return QDir(QStringLiteral(VINDEX_FIXTURES_DIR)).filePath(QStringLiteral("mini-nsd")); }
    static bool hasMiniNsd() { return QFileInfo::exists(QDir(miniNsd()).filePath(QStringLiteral("expected.json"))); }

    // Runs action and, when it asked the dataset for something, waits until all is answered and shown.
    static bool settle(vindex::studio::MainWindow &window, const std::function<void()> &action, int timeoutMs = 60000)
    {
        QSignalSpy settled(&window, &vindex::studio::MainWindow::datasetSettled);
        action();
        if (!window.isDatasetBusy())
            return true;
        return settled.wait(timeoutMs);
    }

    struct Run {
        int exitCode = -1; // -1: crashed or timed out
        QString output;    // stdout and stderr
    };

    // vindex-studio with its settings in settingsFile (never the user's).
    static Run runStudio(const QString &settingsFile, const QStringList &arguments)
    {
        QProcess process;
        process.setProgram(QStringLiteral(VINDEX_STUDIO_BINARY));
        process.setArguments(QStringList{QStringLiteral("--settings-file"), settingsFile} + arguments);
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start();
        if (!process.waitForFinished(150000)) {
            process.kill();
            process.waitForFinished();
        }
        Run run;
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.output = QString::fromLocal8Bit(process.readAll());
        return run;
    }
};
