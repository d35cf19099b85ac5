#pragma once
// What the main window shows of an NSD dataset, between the DatasetController (which reads on worker threads) and
// the views: it opens a dataset at the subject, split and trial wanted (the settings' or a session's), fills the
// dataset tool bar and the trial table, shows the current trial's stimulus, captions, boxes and betas over the
// subject's brain, reads the neighbouring trials ahead, keeps the selection in the settings, makes trial selections
// undoable, tells the decode panel which trials are chosen, and reports in the log, the status bar and (when not
// scripted) a message box.
#include "DatasetController.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

namespace vindex::widgets {
class VolumeData;
}

namespace vindex::studio {

class MainWindow;

class DatasetPresenter : public QObject {
    Q_OBJECT

public:
    // Listens to the window's DatasetController from now on; the views are the window's, reached when needed.
    explicit DatasetPresenter(MainWindow *window);

    // Opens root at the selection saved with it when it is the dataset last open, else at its first subject's test
    // split.
    void open(const QString &root);
    // Opens root at this subject, split and trial (the first subject / trial when they are gone).
    void openAt(const QString &root, int subject, const QString &split, qint64 trial);
    // Opens the dataset that was open when the window last closed, if it still exists.
    bool restoreLast();

    // The dataset tool bar's choices and the trial browser's current trial and selection.
    void onSubjectChosen();
    void onSplitChosen();
    void onCurrentTrialChanged(int position);
    void updateDecodeSelection();

signals:
    void opened(const QString &root);
    void openFailed(const QString &root, const QString &message);
    // A trial is shown in full: stimulus, captions, boxes and betas.
    void trialShown(qint64 index);
    // The dataset's requests are all answered and shown.
    void settled();

private:
    void onOpened(const DatasetController::Dataset &dataset);
    void onOpenFailed(const QString &root, const QString &message);
    void onTrialsLoaded(const DatasetController::TrialList &trials);
    void showBrainOf(const DatasetController::TrialList &trials);
    void onTrialLoaded(const DatasetController::TrialDetails &details);
    void showBetas(const DatasetController::TrialDetails &details);
    void readNeighboursAhead();
    void onBusyChanged(bool busy);
    void requestTrials();
    void rememberSelection(bool withTrial);
    void recordTrialSelection(qint64 index);

    MainWindow *m_window;
    DatasetController *m_dataset;
    QTimer m_busyDelay;

    // What to select once the dataset, resp. its trials, are read (from the settings or kept across a change).
    int m_wantedSubject = 0;
    QString m_wantedSplit = QStringLiteral("test");
    qint64 m_wantedTrial = -1;
    // The trial list shown: subject and split, and the underlay of its brain view.
    int m_shownSubject = 0;
    QString m_shownSplit;
    std::shared_ptr<const widgets::VolumeData> m_shownUnderlay;
    qint64 m_shownTrial = -1;         // the trial selected last, for undo of trial selections
    bool m_selectingFromUndo = false; // the selection changes because of undo/redo: not recorded again
};

} // namespace vindex::studio
