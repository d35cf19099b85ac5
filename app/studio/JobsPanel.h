#pragma once
// The jobs dock: every job of the JobManager with its state, progress bar and time (left while it runs, taken once it
// has ended); Pause/Resume (training), Cancel and Remove Finished for the selected job; and its details: a training
// job's live loss curve, a decoding job's captions as they arrive (grounding: its answers), and the job's log.
// Every text of a job (name, status, a core error of any length) is elided to one line with the whole text in a tool
// tip: nothing a job says may change the dock's minimum size, so the main window keeps its size.
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
class ElidedLabel;
class LossChart;
} // namespace vindex::widgets

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
    // The selected job's name and status on one line, elided (the whole text in its tool tip).
    QLabel *headingLabel() const;
    // The Time column (3) of the job list.
    static constexpr int kTimeColumn = 3;

private:
    void addJob(Job *job);
    void removeJob(Job *job);
    void updateRow(Job *job);
    void updateButtons();
    void showDetails(Job *job);
    // page: the chart, the output table, the hint when no job is selected, or nullptr (the job's log alone).
    void showPage(QWidget *page);
    void onCurrentItemChanged(QTreeWidgetItem *item);
    static QString timeToolTip(const Job *job);

    JobManager *m_manager;
    QTreeWidget *m_list = nullptr;
    QPushButton *m_pause = nullptr, *m_cancel = nullptr, *m_remove = nullptr;
    widgets::ElidedLabel *m_heading = nullptr;
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
