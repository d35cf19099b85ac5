#include "ReportExporter.h"

#include "DatasetToolBar.h"
#include "JobManager.h"
#include "MainWindow.h"
#include "ReportJob.h"
#include "ResultsController.h"
#include "StudioSettings.h"

#include "TrialBrowser.h"
#include "TrialFilterModel.h"
#include "TrialTableModel.h"

#include "vindex/core/Log.h"
#include "vindex/report/ReportExport.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QStatusBar>

#include <exception>

namespace vindex::studio {

ReportExporter::ReportExporter(MainWindow *window) : QObject(window), m_window(window) {}

ReportExporter::~ReportExporter() = default; // the job belongs to the jobs dock, which waits for it

bool ReportExporter::isBusy() const
{
    return m_job && m_job->isActive();
}

report::CaptionReportOptions ReportExporter::options(QString *error) const
{
    report::CaptionReportOptions options;
    for (const auto &result : m_window->resultsController()->results()) {
        if (result->kind != widgets::DecodingResult::Kind::Captions)
            continue;
        options.results.push_back(result->resultsPath.toStdString());
        options.labels.push_back(result->label.toStdString());
        if (options.references.empty())
            options.references = result->referencesPath.toStdString();
    }
    if (options.results.empty()) {
        *error = tr("Load caption results first (File ▸ Load Results…); the report compares their captions");
        return options;
    }
    options.title = tr("Caption decoding report").toStdString();
    // The trials listed are those the table shows, with their stimuli, when it shows the test split.
    const DatasetController *dataset = m_window->datasetController();
    const widgets::TrialBrowser *browser = m_window->trialBrowser();
    if (dataset->isOpen() && m_window->datasetToolBar()->currentSplit() == QLatin1String("test") &&
        browser->visibleRowCount() > 0) {
        QStringList trials;
        const QAbstractItemModel *model = browser->filterModel();
        for (int row = 0; row < model->rowCount(); ++row)
            trials << QString::number(model->index(row, 0).data(widgets::TrialTableModel::TrialIndexRole).toLongLong());
        options.trials = trials.join(QLatin1Char(',')).toStdString();
        options.nsdRoot = dataset->dataset().root.toStdString();
        options.subject = m_window->datasetToolBar()->currentSubject();
    } else {
        options.trials = "0:20"; // a sample; corpus scores always cover every trial
    }
    return options;
}

QString ReportExporter::exportFolder() const
{
    StudioSettings settings;
    const QString remembered = settings.store().value(QStringLiteral("export/folder")).toString();
    if (!remembered.isEmpty() && QFileInfo(remembered).isDir())
        return remembered;
    const auto results = m_window->resultsController()->results();
    if (!results.isEmpty()) {
        const QString folder = QFileInfo(results.first()->resultsPath).absolutePath();
        if (QFileInfo(folder).isDir())
            return folder;
    }
    const DatasetController *dataset = m_window->datasetController();
    if (dataset->isOpen() && QFileInfo(dataset->dataset().root).isDir())
        return dataset->dataset().root;
    return QDir::homePath();
}

void ReportExporter::rememberExport(const QString &path)
{
    StudioSettings settings;
    settings.store().setValue(QStringLiteral("export/folder"), QFileInfo(path).absolutePath());
}

void ReportExporter::showDialog()
{
    QString error;
    options(&error);
    if (!error.isEmpty()) {
        QMessageBox::information(m_window, tr("Export Report"), error);
        return;
    }
    QString selected;
    const QString path = QFileDialog::getSaveFileName(
        m_window, tr("Export Report"), QDir(exportFolder()).filePath(QStringLiteral("caption-report.html")),
        tr("HTML report (*.html);;PDF report (*.pdf);;CSV table (*.csv);;JSON (*.json)"), &selected);
    if (path.isEmpty())
        return;
    QString withSuffix = path;
    if (QFileInfo(path).suffix().isEmpty()) // the chosen filter's extension: "HTML report (*.html)" → ".html"
        withSuffix += selected.mid(selected.indexOf(QLatin1String("*.")) + 1).chopped(1);
    exportTo(withSuffix);
}

void ReportExporter::exportTo(const QString &path)
{
    if (isBusy()) {
        fail(path, tr("Cannot export %1: another report is being written").arg(QDir::toNativeSeparators(path)));
        return;
    }
    QString error;
    const report::CaptionReportOptions reportOptions = options(&error);
    report::ReportFormat format{};
    try {
        if (error.isEmpty())
            format = report::ReportExport::fromPath(path.toStdString());
    } catch (const std::exception &bad) {
        error = QString::fromStdString(bad.what());
    }
    if (!error.isEmpty()) {
        fail(path, tr("Cannot export %1: %2").arg(QDir::toNativeSeparators(path), error));
        return;
    }
    m_job = new ReportJob(reportOptions, format, path);
    ReportJob *job = m_job;
    connect(job, &Job::ended, this, [this, job] { onEnded(job); });
    m_window->statusBar()->showMessage(tr("Writing report %1…").arg(QDir::toNativeSeparators(path)));
    m_window->jobManager()->add(job);
}

void ReportExporter::onEnded(ReportJob *job)
{
    const QString path = job->path();
    if (job->state() == Job::State::Cancelled) {
        m_window->statusBar()->showMessage(tr("Report %1 cancelled").arg(QDir::toNativeSeparators(path)), 5000);
        emit exportFailed(path, tr("cancelled"));
        return;
    }
    if (job->state() != Job::State::Finished) {
        fail(path, tr("Cannot export %1: %2").arg(QDir::toNativeSeparators(path), job->errorText()));
        return;
    }
    vindex::logInfo(tr("Exported report %1").arg(QDir::toNativeSeparators(path)).toStdString());
    m_window->statusBar()->showMessage(tr("Exported report %1").arg(QDir::toNativeSeparators(path)), 15000);
    rememberExport(path);
    emit exported(path);
}

void ReportExporter::fail(const QString &path, const QString &message)
{
    vindex::logError(message.toStdString());
    m_window->statusBar()->showMessage(message, 15000); // one notice, not blocking
    emit exportFailed(path, message);
}

} // namespace vindex::studio
