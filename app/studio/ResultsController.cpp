#include "ResultsController.h"

#include "DatasetToolBar.h"
#include "EvaluateJob.h"
#include "FigureExportDialog.h"
#include "JobManager.h"
#include "MainWindow.h"
#include "ReportExporter.h"
#include "ResultLoader.h"
#include "StudioSettings.h"

#include "StimulusPanel.h"
#include "TrialBrowser.h"
#include "TrialTableModel.h"
#include "VolumeView.h"

#include "vindex/core/Log.h"
#include "vindex/eval/CaptionEvaluation.h"
#include "vindex/report/CaptionReport.h"

#include <QAction>
#include <QActionGroup>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonArray>
#include <QLabel>
#include <QMenu>
#include <QStatusBar>
#include <QTabWidget>

#include <exception>

namespace vindex::studio {

ResultsController::ResultsController(MainWindow *window) : QObject(window), m_window(window)
{
    m_compare = new widgets::CompareView;
    m_reportExporter = new ReportExporter(window);
    connect(m_window, &MainWindow::trialShown, this, &ResultsController::onTrialShown);
    // A new trial list (another subject or split): its score columns, or none off the test split.
    connect(m_window->datasetController(), &DatasetController::trialsLoaded, this,
            &ResultsController::updateTrialTable);
}

ResultsController::~ResultsController()
{
    m_queue.clear();
    if (m_job) // the job manager owns the job and waits for it; its result is not wanted any more
        disconnect(m_job, nullptr, this, nullptr);
}

QString ResultsController::brainHubFolder() const
{
    const DatasetController *dataset = m_window->datasetController();
    if (dataset->isOpen() && !dataset->dataset().brainHubFolder.isEmpty())
        return dataset->dataset().brainHubFolder;
    return StudioSettings().brainHubFolder();
}

void ResultsController::load(const QStringList &paths)
{
    for (const QString &path : paths)
        if (!path.isEmpty())
            m_queue << QFileInfo(path).absoluteFilePath();
    startNext();
}

void ResultsController::startNext()
{
    if (m_running)
        return;
    if (m_queue.isEmpty()) {
        emit idle();
        return;
    }
    m_running = true;
    // The metric models and data of the settings: results loaded after a change are scored with them.
    const ResultLoader::Request request = ResultLoader::requestFor(m_queue.takeFirst(), brainHubFolder());
    vindex::logInfo(tr("Loading and scoring %1").arg(QDir::toNativeSeparators(request.path)).toStdString());
    m_window->statusBar()->showMessage(tr("Scoring %1…").arg(QFileInfo(request.path).fileName()));
    // Reading and scoring 982 captions (METEOR included) takes seconds: a job of the jobs dock, off the GUI thread.
    m_job = new EvaluateJob(request);
    connect(m_job, &Job::ended, this, [this, job = m_job] {
        const QString error = job->state() == Job::State::Cancelled ? tr("cancelled") : job->errorText();
        finish({job->request().path, job->state() == Job::State::Finished ? job->result() : nullptr, error});
    });
    m_window->jobManager()->add(m_job);
}

void ResultsController::finish(const Outcome &outcome)
{
    m_running = false;
    m_job = nullptr;
    if (!outcome.result) {
        const QString text =
            tr("Cannot load results %1: %2").arg(QDir::toNativeSeparators(outcome.path), outcome.error);
        // One notice, not blocking: the status bar (the log keeps it; the failed job stays in the jobs dock).
        vindex::logError(text.toStdString());
        m_window->statusBar()->showMessage(text, 15000);
        emit loadFailed(outcome.path, text);
    } else {
        for (int i = 0; i < m_results.size(); ++i)
            if (m_results[i]->path == outcome.path)
                m_results.removeAt(i--);
        m_results << outcome.result;
        m_baseLabels.insert(outcome.path, outcome.result->label);
        QStringList scores;
        for (int s = 0; s < outcome.result->scoreNames.size(); ++s)
            scores << QStringLiteral("%1 %2")
                          .arg(outcome.result->scoreLabels.value(s))
                          .arg(outcome.result->corpus.value(s) * 100, 0, 'f', 2);
        vindex::logInfo(tr("Loaded %1: %2 trials; %3")
                            .arg(QDir::toNativeSeparators(outcome.path))
                            .arg(outcome.result->trialCount)
                            .arg(scores.join(QStringLiteral(", ")))
                            .toStdString());
        if (!outcome.result->warning.isEmpty()) {
            vindex::logWarning(
                tr("%1: %2").arg(QDir::toNativeSeparators(outcome.path), outcome.result->warning).toStdString());
            m_window->statusBar()->showMessage(
                tr("Loaded %1 — %2").arg(QFileInfo(outcome.path).fileName(), outcome.result->warning), 10000);
        } else {
            m_window->statusBar()->showMessage(tr("Loaded %1").arg(QFileInfo(outcome.path).fileName()), 5000);
        }
        publish();
        emit loaded(outcome.path);
    }
    startNext();
}

void ResultsController::publish()
{
    // Short labels (ResultLoader::shortLabel: the method's or run's folder, a manifest's label); results of a kind
    // that would share one get core's labels that tell the files apart, elided too. Colours by position, the same in
    // every view.
    for (auto kind : {widgets::DecodingResult::Kind::Captions, widgets::DecodingResult::Kind::Grounding}) {
        QHash<QString, QList<int>> byLabel;
        for (int i = 0; i < m_results.size(); ++i)
            if (m_results[i]->kind == kind) {
                m_results[i]->label = m_baseLabels.value(m_results[i]->path, m_results[i]->label);
                byLabel[m_results[i]->label] << i;
            }
        for (const QList<int> &positions : std::as_const(byLabel)) {
            if (positions.size() < 2)
                continue;
            std::vector<std::string> paths;
            for (int i : positions)
                paths.push_back(m_results[i]->resultsPath.toStdString());
            const auto labels = report::CaptionReport::labelsFor(paths);
            for (int j = 0; j < positions.size(); ++j) {
                QString label = ResultLoader::elideMiddle(QString::fromStdString(labels[static_cast<std::size_t>(j)]));
                if (kind == widgets::DecodingResult::Kind::Grounding)
                    label = tr("%1 (boxes)").arg(label);
                m_results[positions[j]]->label = label;
            }
        }
    }
    for (int i = 0; i < m_results.size(); ++i)
        m_results[i]->color = widgets::CompareView::resultColor(i);
    m_compare->setResults(results());
    updateTrialTable();
    onTrialShown(m_window->trialBrowser()->currentTrialIndex());
    emit changed();
}

void ResultsController::removeAll()
{
    m_queue.clear();
    m_results.clear();
    publish();
}

QStringList ResultsController::paths() const
{
    QStringList paths;
    for (const auto &result : m_results)
        paths << result->path;
    return paths;
}

widgets::CompareView::ResultList ResultsController::results() const
{
    widgets::CompareView::ResultList list;
    for (const auto &result : m_results)
        list << result;
    return list;
}

void ResultsController::setTableScore(const QString &name)
{
    if (name.isEmpty() || name == m_tableScore)
        return;
    m_tableScore = name;
    if (m_scoreActions)
        for (QAction *action : m_scoreActions->actions())
            action->setChecked(action->data().toString() == name);
    updateTrialTable();
}

void ResultsController::updateTrialTable()
{
    // Scores belong to test indices: only the test split's rows get them.
    QList<widgets::TrialTableModel::ScoreColumn> columns;
    if (m_window->datasetToolBar()->currentSplit() == QLatin1String("test")) {
        for (const auto &result : m_results) {
            const bool captions = result->kind == widgets::DecodingResult::Kind::Captions;
            const int score = result->scoreIndex(captions ? m_tableScore : QStringLiteral("IoU"));
            if (score < 0)
                continue;
            widgets::TrialTableModel::ScoreColumn column;
            const QString label = result->scoreLabels.value(score);
            column.title = QStringLiteral("%1 · %2").arg(result->label, label);
            column.toolTip =
                tr("%1 of each trial's decoded %2 (×100), from %3")
                    .arg(label, captions ? tr("caption") : tr("boxes"), QDir::toNativeSeparators(result->resultsPath));
            for (auto it = result->trialScores.constBegin(); it != result->trialScores.constEnd(); ++it)
                if (score < it.value().size())
                    column.scores.insert(it.key(), it.value()[score]);
            columns << column;
        }
    }
    m_window->trialBrowser()->model()->setScoreColumns(columns);
}

void ResultsController::onTrialShown(qint64 index)
{
    if (m_window->datasetToolBar()->currentSplit() != QLatin1String("test") || index < 0) {
        m_compare->clearTrial(m_results.isEmpty()
                                  ? tr("Load decoding results with File ▸ Load Results… and select a test trial")
                                  : tr("Results are scored on the test split: choose it and a trial"));
        return;
    }
    const widgets::StimulusView *stimulus = m_window->stimulusPanel()->view();
    m_compare->showTrial(index, m_window->stimulusPanel()->headingLabel()->text(), stimulus->image(),
                         stimulus->boxes());
}

QJsonObject ResultsController::sessionState() const
{
    QJsonObject state;
    state[QStringLiteral("tableScore")] = m_tableScore;
    QJsonArray hidden;
    if (!m_compare->sourceVisible(-1))
        hidden.append(QStringLiteral("truth"));
    for (int i = 0; i < m_results.size(); ++i)
        if (!m_compare->sourceVisible(i))
            hidden.append(m_results[i]->path);
    state[QStringLiteral("hiddenBoxes")] = hidden;
    return state;
}

void ResultsController::restoreSessionState(const QJsonObject &state)
{
    setTableScore(state.value(QStringLiteral("tableScore")).toString());
    const QJsonArray hidden = state.value(QStringLiteral("hiddenBoxes")).toArray();
    auto isHidden = [&hidden](const QString &key) { return hidden.contains(QJsonValue(key)); };
    m_compare->setSourceVisible(-1, !isHidden(QStringLiteral("truth")));
    for (int i = 0; i < m_results.size(); ++i)
        m_compare->setSourceVisible(i, !isHidden(m_results[i]->path));
}

void ResultsController::addMenuActions(QMenu *menu)
{
    QAction *load = menu->addAction(tr("&Load Results…"), this, &ResultsController::showLoadDialog);
    load->setObjectName(QStringLiteral("actionLoadResults"));
    load->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    load->setToolTip(tr("Decoded captions or boxes (BrainHub's layout, vindex caption and ground outputs)"));
    QAction *remove = menu->addAction(tr("Remove All Res&ults"), this, &ResultsController::removeAll);
    remove->setObjectName(QStringLiteral("actionRemoveResults"));

    QMenu *scores = menu->addMenu(tr("Trial Table &Score"));
    m_scoreActions = new QActionGroup(this);
    for (const QString &name : widgets::CompareView::trialScoreNames()) {
        QAction *action =
            scores->addAction(QString::fromStdString(eval::CaptionEvaluation::scoreLabel(name.toStdString())));
        action->setCheckable(true);
        action->setChecked(name == m_tableScore);
        action->setData(name);
        m_scoreActions->addAction(action);
        connect(action, &QAction::triggered, this, [this, name] { setTableScore(name); });
    }
    menu->addSeparator();
    QAction *report = menu->addAction(tr("Export &Report…"), m_reportExporter, &ReportExporter::showDialog);
    report->setObjectName(QStringLiteral("actionExportReport"));
    report->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction *figure = menu->addAction(tr("Export &Figure…"), this, &ResultsController::showExportFigureDialog);
    figure->setObjectName(QStringLiteral("actionExportFigure"));
    figure->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
}

void ResultsController::showExportFigureDialog()
{
    const QList<FigureExportDialog::View> views{
        {tr("3D brain view"), m_window->volumeView()},
        {tr("Stimulus"), m_window->stimulusPanel()->view()},
        {tr("Compare view"), m_compare},
        {tr("Compare view: corpus chart"), m_compare->chartView()},
        {tr("Compare view: stimulus with decoded boxes"), m_compare->stimulusView()},
        {tr("Whole window"), m_window},
    };
    FigureExportDialog dialog(
        views, QDir(m_reportExporter->exportFolder()).filePath(QStringLiteral("vindex-figure.png")), m_window);
    if (m_window->centralTabs()->currentWidget() == m_compare)
        dialog.viewCombo()->setCurrentIndex(2);
    if (dialog.exec() != QDialog::Accepted)
        return;
    ReportExporter::rememberExport(dialog.path());
    m_window->statusBar()->showMessage(tr("Exported figure %1").arg(QDir::toNativeSeparators(dialog.path())), 15000);
}

void ResultsController::showLoadDialog()
{
    QString start = brainHubFolder();
    if (!m_results.isEmpty())
        start = QFileInfo(m_results.last()->resultsPath).absolutePath();
    const QStringList files = QFileDialog::getOpenFileNames(m_window, tr("Load Results"), start,
                                                            tr("Decoding results (*.json);;All files (*)"));
    if (files.isEmpty())
        return;
    load(files);
    m_window->centralTabs()->setCurrentWidget(m_compare); // where they will show
}

} // namespace vindex::studio
