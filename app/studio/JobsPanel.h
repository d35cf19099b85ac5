#pragma once
// The jobs dock: every job of the JobManager with its state, progress bar and ETA; Pause/Resume (training), Cancel
// and Remove Finished for the selected job; and its details: a training job's live loss curve, a decoding job's
// captions as they arrive (grounding: its answers), and the job's log.
#include <QHash>
#include <QList>
#include <QMetaObject>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace vindex::widgets {
class LossChart;
}

namespace vindex::studio {

class Job;
class JobManager;
class JobOutputTable;

class JobsPanel : public QWidget {
    Q_OBJECT

public:
    explicit JobsPanel(JobManager *manager, QWidget *parent = nullptr);

    // Shows this job's details (and selects its row).
    void selectJob(Job *job);
    Job *currentJob() const { return m_current; }

    QTreeWidget *jobList() const { return m_list; }
    QProgressBar *progressBarOf(Job *job) const;
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *removeButton() const { return m_remove; }
    widgets::LossChart *lossChart() const { return m_chart; }
    JobOutputTable *outputTable() const { return m_output; }
    QPlainTextEdit *logView() const { return m_log; }
    QLabel *headingLabel() const { return m_heading; }

private:
    void addJob(Job *job);
    void removeJob(Job *job);
    void updateRow(Job *job);
    void updateButtons();
    void showDetails(Job *job);
    void onCurrentItemChanged(QTreeWidgetItem *item);

    JobManager *m_manager;
    QTreeWidget *m_list = nullptr;
    QPushButton *m_pause = nullptr, *m_cancel = nullptr, *m_remove = nullptr;
    QLabel *m_heading = nullptr;
    QStackedWidget *m_detailStack = nullptr;
    widgets::LossChart *m_chart = nullptr;
    JobOutputTable *m_output = nullptr;
    QLabel *m_noDetails = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QHash<Job *, QTreeWidgetItem *> m_items;
    Job *m_current = nullptr;
    QList<QMetaObject::Connection> m_currentConnections;
};

} // namespace vindex::studio
