#pragma once
// File ▸ Export Report…: a caption report of the loaded caption results through core's report writer (HTML, PDF,
// CSV or JSON, by the file's extension), as `vindex report` writes it: corpus scores and charts, and the trials
// the trial table shows (test split) one by one with references, every result's caption, scores and the stimulus
// thumbnail from the open dataset. Built and written as a job of the jobs dock (ReportJob), which can cancel it
// before the file is written. Grounding results are not part of caption reports.
#include "vindex/report/CaptionReport.h"

#include <QObject>
#include <QPointer>
#include <QString>

namespace vindex::studio {

class MainWindow;
class ReportJob;

class ReportExporter : public QObject {
    Q_OBJECT

public:
    explicit ReportExporter(MainWindow *window);
    ~ReportExporter() override;

    // What the report will hold, from the window's results, dataset and trial table. Error text (empty: fine).
    report::CaptionReportOptions options(QString *error) const;
    // Writes the report; exported or exportFailed follows.
    void exportTo(const QString &path);
    bool isBusy() const;
    // Where export dialogs start: the folder of the last export (a setting that persists), else the folder of the
    // first loaded result, else the open dataset's, else the home folder.
    QString exportFolder() const;
    // Remembers the folder of an exported file for the next export.
    static void rememberExport(const QString &path);

public slots:
    void showDialog();

signals:
    void exported(const QString &path);
    void exportFailed(const QString &path, const QString &message);

private:
    void onEnded(ReportJob *job);
    void fail(const QString &path, const QString &message);

    MainWindow *m_window;
    QPointer<ReportJob> m_job; // the report being written, if any
};

} // namespace vindex::studio
