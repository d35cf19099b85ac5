#pragma once
// A VINDEX Studio session file (.vindex.json): everything needed to bring a view back — the dataset with its
// subject, split, selected trial and trial filter, the window geometry and dock layout, the brain view's state
// (camera, slices, and whatever the view adds through VolumeView::sessionState()) and the loaded result files.
//
//   {"format": "vindex-studio-session", "version": 1,
//    "dataset": {"root": "...", "subject": 1, "split": "test", "trial": 3, "filter": "red"},
//    "window": {"geometry": "<base64>", "state": "<base64>", "layoutVersion": 2},
//    "brainView": {...}, "results": ["...", ...], "resultsView": {...}, "centralTab": 0}
//
// Paths below the session file's folder are written relative to it, others absolute; relative paths are read
// against the session file's folder, so a session travels with its data. Files are written atomically.
#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace vindex::studio {

class SessionDocument {
    Q_DECLARE_TR_FUNCTIONS(SessionDocument)

public:
    static constexpr int kVersion = 1;
    static constexpr const char *kFormat = "vindex-studio-session";
    static constexpr const char *kSuffix = ".vindex.json";

    QString datasetRoot; // absolute; empty: no dataset
    int subject = 0;
    QString split = QStringLiteral("test");
    qint64 trial = -1;
    QString filter;
    QByteArray windowGeometry; // QMainWindow::saveGeometry()
    QByteArray windowState;    // QMainWindow::saveState(layoutVersion)
    int layoutVersion = 0;
    QJsonObject brainView;   // VolumeView::sessionState()
    QStringList resultFiles; // absolute
    QJsonObject resultsView; // ResultsController::sessionState(): table score, hidden boxes
    int centralTab = 0;      // 0: brain view, 1: compare view

    // Reads a session file. False with a message naming the file when it cannot be read, is not JSON, is not a
    // session, or comes from a newer version.
    bool read(const QString &path, QString *error);
    // Writes atomically (QSaveFile). False with a message naming the file.
    bool write(const QString &path, QString *error) const;

    QJsonObject toJson(const QString &sessionFolder) const;
    // Throws nothing: false with a message (without the file name) for what is not a session.
    bool fromJson(const QJsonObject &json, const QString &sessionFolder, QString *error);

    // "name.vindex.json" for a path that lacks the suffix.
    static QString withSuffix(const QString &path);
};

} // namespace vindex::studio
