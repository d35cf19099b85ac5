#include "DatasetPresenter.h"

#include "BrainController.h"
#include "DatasetToolBar.h"
#include "DecodePanel.h"
#include "MainWindow.h"
#include "RecentFiles.h"
#include "StudioSettings.h"
#include "ViewChangeCommand.h"

#include "StimulusPanel.h"
#include "TrialBrowser.h"
#include "TrialTableModel.h"
#include "VolumeView.h"

#include "vindex/core/Log.h"

#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QStatusBar>
#include <QUndoStack>

namespace vindex::studio {

DatasetPresenter::DatasetPresenter(MainWindow *window)
    : QObject(window), m_window(window), m_dataset(window->datasetController())
{
    connect(m_dataset, &DatasetController::opened, this, &DatasetPresenter::onOpened);
    connect(m_dataset, &DatasetController::openFailed, this, &DatasetPresenter::onOpenFailed);
    connect(m_dataset, &DatasetController::trialsLoaded, this, &DatasetPresenter::onTrialsLoaded);
    connect(m_dataset, &DatasetController::trialLoaded, this, &DatasetPresenter::onTrialLoaded);
    connect(m_dataset, &DatasetController::busyChanged, this, &DatasetPresenter::onBusyChanged);
    connect(m_dataset, &DatasetController::idle, this, &DatasetPresenter::settled);
    m_busyDelay.setSingleShot(true);
    m_busyDelay.setInterval(300);
    connect(&m_busyDelay, &QTimer::timeout, this, [this] {
        if (m_dataset->isBusy())
            m_window->datasetToolBar()->setBusy(true, m_dataset->isOpen() ? tr("Reading…") : tr("Opening dataset…"));
    });
}

void DatasetPresenter::open(const QString &root)
{
    const QString absolute = QFileInfo(root).absoluteFilePath();
    const StudioSettings settings;
    // The selection saved with this dataset comes back; another dataset starts at its first subject's test split.
    if (!settings.lastDataset().isEmpty() && QDir(settings.lastDataset()) == QDir(absolute))
        openAt(absolute, settings.lastSubject(), settings.lastSplit(), settings.lastTrial());
    else
        openAt(absolute, 0, QStringLiteral("test"), -1);
}

void DatasetPresenter::openAt(const QString &root, int subject, const QString &split, qint64 trial)
{
    const QString absolute = QFileInfo(root).absoluteFilePath();
    m_wantedSubject = subject;
    m_wantedSplit = split;
    m_wantedTrial = trial;
    vindex::logInfo(tr("Opening dataset %1").arg(QDir::toNativeSeparators(absolute)).toStdString());
    m_window->statusBar()->showMessage(tr("Opening dataset %1…").arg(QDir::toNativeSeparators(absolute)));
    m_window->datasetToolBar()->setBusy(true, tr("Opening dataset…"));
    m_dataset->open(absolute, StudioSettings().brainHubFolder());
}

bool DatasetPresenter::restoreLast()
{
    const QString root = StudioSettings().lastDataset();
    if (root.isEmpty() || !QFileInfo(root).isDir())
        return false;
    open(root);
    return true;
}

void DatasetPresenter::onSubjectChosen()
{
    m_wantedTrial = m_window->trialBrowser()->currentTrialIndex(); // the same test index is the same image for all
    requestTrials();
}

void DatasetPresenter::onSplitChosen()
{
    m_wantedTrial = -1;
    requestTrials();
}

void DatasetPresenter::onOpened(const DatasetController::Dataset &dataset)
{
    const QString name = QFileInfo(dataset.root).fileName();
    for (const QString &problem : dataset.problems)
        vindex::logWarning(problem.toStdString());
    QStringList subjects;
    for (int subject : dataset.subjects)
        subjects << QString::number(subject);
    vindex::logInfo(tr("Opened dataset %1: subjects %2")
                        .arg(QDir::toNativeSeparators(dataset.root), subjects.join(QStringLiteral(", ")))
                        .toStdString());
    if (!dataset.brainHubFolder.isEmpty())
        vindex::logInfo(tr("Test split boxes and captions from BrainHub: %1")
                            .arg(QDir::toNativeSeparators(dataset.brainHubFolder))
                            .toStdString());
    m_window->statusBar()->showMessage(dataset.problems.isEmpty()
                                           ? tr("Opened %1").arg(QDir::toNativeSeparators(dataset.root))
                                           : tr("Opened %1 with %2 problems (see the log)")
                                                 .arg(QDir::toNativeSeparators(dataset.root))
                                                 .arg(dataset.problems.size()),
                                       8000);
    m_window->setWindowTitle(tr("%1 — VINDEX Studio").arg(name));
    m_window->setWindowFilePath(dataset.root);
    m_window->recentFiles()->add(dataset.root);
    if (!m_window->isScripted()) {
        StudioSettings settings;
        settings.setLastDataset(dataset.root);
        settings.sync();
    }
    m_shownSubject = 0;
    m_shownSplit.clear();
    m_shownUnderlay.reset();
    m_window->datasetToolBar()->setSubjects(dataset.subjects, m_wantedSubject);
    m_window->datasetToolBar()->setCurrentSplit(m_wantedSplit);
    emit opened(dataset.root);
    requestTrials();
}

void DatasetPresenter::onOpenFailed(const QString &root, const QString &message)
{
    const QString text = tr("Cannot open dataset %1: %2").arg(QDir::toNativeSeparators(root), message);
    vindex::logError(text.toStdString());
    m_window->statusBar()->showMessage(text, 10000);
    if (!QFileInfo(root).isDir())
        m_window->recentFiles()->remove(root);
    if (!m_window->isScripted()) {
        // Window-modal but not blocking; the dataset that was open stays open.
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Cannot Open Dataset"), text, QMessageBox::Ok, m_window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    emit openFailed(root, message);
}

void DatasetPresenter::requestTrials()
{
    const int subject = m_window->datasetToolBar()->currentSubject();
    if (!m_dataset->isOpen() || subject <= 0)
        return;
    rememberSelection(false);
    m_dataset->loadTrials(subject, m_window->datasetToolBar()->currentSplit());
}

void DatasetPresenter::onTrialsLoaded(const DatasetController::TrialList &trials)
{
    DatasetToolBar *bar = m_window->datasetToolBar();
    widgets::TrialBrowser *browser = m_window->trialBrowser();
    if (trials.subject != bar->currentSubject() || trials.split != bar->currentSplit())
        return; // the user chose another one meanwhile; its list is on the way
    m_shownSubject = trials.subject;
    m_shownSplit = trials.split;
    m_window->decodePanel()->setTrialSource(
        {m_dataset->dataset().root, trials.subject, trials.split, m_dataset->dataset().brainHubFolder});
    if (!trials.error.isEmpty()) {
        const QString text = tr("Cannot read the %1 trials of subject %2: %3")
                                 .arg(widgets::TrialTableModel::splitLabel(trials.split))
                                 .arg(trials.subject)
                                 .arg(trials.error);
        vindex::logError(text.toStdString());
        m_window->statusBar()->showMessage(text, 10000);
        browser->clear(text);
        return;
    }
    bar->setSplitSizes(trials.splitSizes);
    vindex::logInfo(tr("Subject %1, %2 split: %3 trials")
                        .arg(trials.subject)
                        .arg(widgets::TrialTableModel::splitLabel(trials.split))
                        .arg(trials.rows.size())
                        .toStdString());
    showBrainOf(trials);

    // The undo history is about this list's trials and brain: it starts again with each list.
    m_window->undoStack()->clear();
    m_shownTrial = -1;
    const qint64 wanted = m_wantedTrial;
    m_wantedTrial = -1;
    browser->setRows(trials.rows, wanted); // announces the current trial: onCurrentTrialChanged
    if (trials.rows.isEmpty())
        browser->clear(tr("Subject %1 has no %2 trials")
                           .arg(trials.subject)
                           .arg(widgets::TrialTableModel::splitLabel(trials.split)));
}

// The brain of this subject: its T1 (or ROI) once, the betas of each trial over it.
void DatasetPresenter::showBrainOf(const DatasetController::TrialList &trials)
{
    if (trials.underlay == m_shownUnderlay)
        return;
    m_shownUnderlay = trials.underlay;
    m_window->brainController()->setUnderlay(trials.underlay, trials.roiCentre);
    if (!trials.underlay)
        m_window->volumeView()->setPlaceholderText(trials.brainNote);
    if (!trials.brainNote.isEmpty())
        vindex::logInfo(trials.brainNote.toStdString());
}

void DatasetPresenter::onCurrentTrialChanged(int position)
{
    widgets::TrialBrowser *browser = m_window->trialBrowser();
    if (position < 0) {
        m_window->stimulusPanel()->clear(browser->model()->rowCount() > 0 ? tr("No trial matches the filter")
                                                                          : tr("No trial selected"));
        m_window->brainController()->clearBetas();
        return;
    }
    const auto &row = browser->model()->row(position);
    recordTrialSelection(row.index);
    rememberSelection(true);
    updateDecodeSelection();
    m_dataset->loadTrial(m_shownSubject, m_shownSplit, row.index);
}

void DatasetPresenter::onTrialLoaded(const DatasetController::TrialDetails &details)
{
    widgets::StimulusPanel *stimulus = m_window->stimulusPanel();
    if (details.subject != m_shownSubject || details.split != m_shownSplit ||
        details.index != m_window->trialBrowser()->currentTrialIndex())
        return; // another trial is current by now
    if (!details.error.isEmpty()) {
        const QString text = tr("Cannot read trial %1: %2").arg(details.index).arg(details.error);
        vindex::logError(text.toStdString());
        stimulus->clear(text);
        m_window->brainController()->clearBetas();
        emit trialShown(details.index);
        return;
    }
    const QString heading = tr("Trial %1 · image %2 · %3 · %4 repeats")
                                .arg(details.index)
                                .arg(details.imageId)
                                .arg(widgets::TrialTableModel::splitLabel(details.split))
                                .arg(details.repeats);
    stimulus->showTrial(heading, details.image, details.boxes, details.captions, details.boxesNote);
    if (!details.imageError.isEmpty()) {
        const QString text =
            tr("Cannot show the stimulus of image %1: %2").arg(details.imageId).arg(details.imageError);
        vindex::logWarning(text.toStdString());
        stimulus->view()->setPlaceholderText(text);
    }
    showBetas(details);
    emit trialShown(details.index);
    readNeighboursAhead();
}

void DatasetPresenter::showBetas(const DatasetController::TrialDetails &details)
{
    BrainController *brain = m_window->brainController();
    if (details.betas) {
        brain->showBetas(details.betas, details.repeatBetas);
        if (!m_window->volumeView()->overlay())
            vindex::logWarning(
                tr("The betas of trial %1 are not on the grid of the volume shown").arg(details.index).toStdString());
    } else {
        brain->clearBetas();
    }
    if (!details.betasError.isEmpty())
        vindex::logWarning(
            tr("Cannot show the betas of trial %1: %2").arg(details.index).arg(details.betasError).toStdString());
}

// The neighbours are read ahead, so that stepping through the trials shows each at once: from a zero timer, which
// runs after the repaint this trial asked for, so that reading does not take CPU from drawing.
void DatasetPresenter::readNeighboursAhead()
{
    QTimer::singleShot(0, this, [this, subject = m_shownSubject, split = m_shownSplit] {
        if (subject == m_shownSubject && split == m_shownSplit)
            m_dataset->prefetchTrials(
                subject, split,
                {m_window->trialBrowser()->trialIndexAtOffset(1), m_window->trialBrowser()->trialIndexAtOffset(-1)});
    });
}

void DatasetPresenter::onBusyChanged(bool busy)
{
    // Quick answers (one trial) do not make the indicator blink; anything slower shows it.
    if (busy) {
        m_busyDelay.start();
    } else {
        m_busyDelay.stop();
        m_window->datasetToolBar()->setBusy(false);
    }
}

void DatasetPresenter::rememberSelection(bool withTrial)
{
    if (m_window->isScripted() || !m_dataset->isOpen())
        return;
    StudioSettings settings;
    settings.setLastSubject(m_window->datasetToolBar()->currentSubject());
    settings.setLastSplit(m_window->datasetToolBar()->currentSplit());
    if (withTrial)
        settings.setLastTrial(m_window->trialBrowser()->currentTrialIndex());
}

void DatasetPresenter::updateDecodeSelection()
{
    const widgets::TrialBrowser *browser = m_window->trialBrowser();
    m_window->decodePanel()->setTrialSelection(browser->currentTrialIndex(), browser->selectedTrialIndices());
}

void DatasetPresenter::recordTrialSelection(qint64 index)
{
    const qint64 before = m_shownTrial;
    m_shownTrial = index;
    if (m_selectingFromUndo || before < 0 || index == before)
        return;
    const auto select = [this](qint64 trial) {
        m_selectingFromUndo = true;
        m_window->trialBrowser()->selectTrial(trial);
        m_selectingFromUndo = false;
    };
    m_window->undoStack()->push(new ViewChangeCommand(
        tr("Select Trial %1").arg(index), -1, false, [select, before] { select(before); },
        [select, index] { select(index); }));
}

} // namespace vindex::studio
