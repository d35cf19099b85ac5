#pragma once
// Helpers of the GUI tests that drive the whole main window: the mini-nsd fixture and its expected.json, opening a
// dataset and waiting until the dataset has answered, choosing in combo boxes as a user does, and running the
// vindex-studio binary as a script does.
#include "MainWindow.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStringList>

#include <functional>

class StudioTestSupport {
public:
    static QString miniNsd() { return QDir(QStringLiteral(VINDEX_FIXTURES_DIR)).filePath(QStringLiteral("mini-nsd")); }
    static bool hasMiniNsd() { return QFileInfo::exists(QDir(miniNsd()).filePath(QStringLiteral("expected.json"))); }

    static QJsonObject expected()
    {
        QFile file(QDir(miniNsd()).filePath(QStringLiteral("expected.json")));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(file.readAll()).object();
    }

    // Runs action and, when it asked the dataset for something, waits until all is answered and shown.
    static bool settle(vindex::studio::MainWindow &window, const std::function<void()> &action, int timeoutMs = 60000)
    {
        QSignalSpy settled(&window, &vindex::studio::MainWindow::datasetSettled);
        action();
        if (!window.isDatasetBusy())
            return true;
        return settled.wait(timeoutMs);
    }

    static bool openAndSettle(vindex::studio::MainWindow &window, const QString &root)
    {
        QSignalSpy failed(&window, &vindex::studio::MainWindow::datasetOpenFailed);
        const bool settled = settle(window, [&] { window.openDataset(root); });
        return settled && failed.isEmpty() && !window.isDatasetBusy();
    }

    // Picks the item with this data as a user's choice does (activated, not only currentIndexChanged).
    static bool choose(QComboBox *combo, const QVariant &data)
    {
        const int index = combo->findData(data);
        if (index < 0)
            return false;
        combo->setCurrentIndex(index);
        emit combo->activated(index);
        return true;
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
