#pragma once
// The command line of vindex-studio:
//   vindex-studio [--settings-file PATH] [--screenshot FILE [--size WxH]] [--session S.vindex.json | --dataset DIR |
//                 FILE]
#include <QCoreApplication>
#include <QSize>
#include <QString>
#include <QStringList>

namespace vindex::studio {

class StudioCommandLine {
    Q_DECLARE_TR_FUNCTIONS(StudioCommandLine)

public:
    // The settings file named on the command line, if any. Read before the full parse because the language
    // setting (and so the translation of --help) depends on it.
    static QString settingsFileFromArguments(const QStringList &arguments);

    // Parses the arguments; prints help or version and exits, or prints an error and exits with status 2.
    void process(const QStringList &arguments);

    QString file;           // a volume to open
    QString dataset;        // an NSD dataset root to open
    QString session;        // a session file (.vindex.json) to restore
    QString screenshotPath; // empty: normal interactive run
    QSize screenshotSize{1280, 800};
    QString settingsFile;
};

} // namespace vindex::studio
