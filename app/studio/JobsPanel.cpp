#include "JobsPanel.h"

#include "DecodeJob.h"
#include "GroundJob.h"
#include "JobManager.h"
#include "JobOutputTable.h"
#include "TrainJob.h"

#include "ElidedLabel.h"
#include "LossChart.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace vindex::studio {
namespace {

enum Column { NameColumn, StateColumn, ProgressColumn, TimeColumn };
static_assert(TimeColumn == JobsPanel::kTimeColumn);

} // namespace

JobsPanel::JobsPanel(JobManager *manager, QWidget *parent) : QWidget(parent), m_manager(manager)
{
    m_list = new QTreeWidget;
    m_list->setObjectName(QStringLiteral("jobList"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    // Names of jobs alike differ at their ends ("SE captions · brain · subject 1 test split"): cut in the middle.
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_list->setHeaderLabels({tr("Job"), tr("State"), tr("Progress"), tr("Time")});
    m_list->headerItem()->setToolTip(TimeColumn, tr("Time left while a job runs; how long it ran once it has ended"));
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(StateColumn, QHeaderView::ResizeToContents);
    m_list->header()->resizeSection(ProgressColumn,
                                    m_list->fontMetrics().horizontalAdvance(QStringLiteral("100%")) + 32);
    m_list->header()->setSectionResizeMode(TimeColumn, QHeaderView::ResizeToContents);
    connect(m_list, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *item) { onCurrentItemChanged(item); });

    m_pause = new QPushButton(tr("Pause"));
    m_pause->setObjectName(QStringLiteral("pauseJobButton"));
    m_pause->setToolTip(tr("Pause a training job at its next step, or let it go on"));
    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (!m_current)
            return;
        if (m_current->state() == Job::State::Paused)
            m_current->resume();
        else
            m_current->pause();
    });
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("cancelJobButton"));
    m_cancel->setToolTip(tr("Stop the job; finished captions and the training checkpoint are kept"));
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_current)
            m_current->cancel();
    });
    m_remove = new QPushButton(tr("Remove Finished"));
    m_remove->setToolTip(tr("Remove the jobs that have ended from the list (their files stay)"));
    connect(m_remove, &QPushButton::clicked, m_manager, &JobManager::removeEnded);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_pause);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);
    buttons->addWidget(m_remove);
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addLayout(buttons);

    // One line, elided, the whole text in its tool tip: a wrapping label would re-layout the dock at every update,
    // and a plain one would ask for the width of the longest error message (and widen the window past the screen).
    m_heading = new widgets::ElidedLabel;
    m_heading->setObjectName(QStringLiteral("jobHeading"));
    m_chart = new widgets::LossChart;
    m_output = new JobOutputTable(tr("Text"));
    m_output->setObjectName(QStringLiteral("jobOutput"));
    m_noDetails = new QLabel(tr("Decode with Tools ▸ Decode… or train with Tools ▸ Train Brain Encoder…; the jobs "
                                "run in the background. Select a job to see its loss curve or captions and its log."));
    m_noDetails->setAlignment(Qt::AlignCenter);
    m_noDetails->setWordWrap(true);
    m_detailStack = new QStackedWidget;
    m_detailStack->addWidget(m_noDetails);
    m_detailStack->addWidget(m_chart);
    m_detailStack->addWidget(m_output);

    m_log = new QPlainTextEdit;
    m_log->setObjectName(QStringLiteral("jobLog"));
    m_log->setReadOnly(true);
    m_log->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_log->setMaximumBlockCount(5000);
    m_log->setPlaceholderText(tr("The selected job's log"));
    m_log->setMinimumHeight(m_log->fontMetrics().lineSpacing() * 2 + 8); // the curve takes what the dock can spare

    // The list on the left; on the right the selected job's heading over its curve or captions above its log.
    auto *detailSplitter = new QSplitter(Qt::Vertical);
    detailSplitter->addWidget(m_detailStack);
    detailSplitter->addWidget(m_log);
    detailSplitter->setStretchFactor(0, 3);
    detailSplitter->setStretchFactor(1, 1);
    detailSplitter->setChildrenCollapsible(false);
    auto *details = new QWidget;
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(m_heading);
    detailsLayout->addWidget(detailSplitter, 1);
    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(left);
    splitter->addWidget(details);
    // Half each: in a narrow dock the names still read (cut in the middle), and the curve keeps half the width.
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({500, 500});
    splitter->setChildrenCollapsible(false);
    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(4, 4, 4, 4);
    contentLayout->addWidget(splitter);
    // In a scroll area: a dock shorter or narrower than the list, curve and log need scrolls instead of making the
    // main window taller or wider (the jobs dock is a tab beside the log, which needs only a few lines).
    auto *scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("jobsScroll"));
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    connect(m_manager, &JobManager::jobAdded, this, &JobsPanel::addJob);
    connect(m_manager, &JobManager::jobRemoved, this, &JobsPanel::removeJob);
    for (Job *job : m_manager->jobs())
        addJob(job);
    showDetails(nullptr);
}

QLabel *JobsPanel::headingLabel() const
{
    return m_heading;
}

QProgressBar *JobsPanel::progressBarOf(Job *job) const
{
    QTreeWidgetItem *item = m_items.value(job);
    return item ? qobject_cast<QProgressBar *>(m_list->itemWidget(item, ProgressColumn)) : nullptr;
}

void JobsPanel::addJob(Job *job)
{
    auto *item = new QTreeWidgetItem(m_list);
    item->setData(NameColumn, Qt::UserRole, QVariant::fromValue(static_cast<QObject *>(job)));
    auto *bar = new QProgressBar;
    bar->setRange(0, 1000);
    bar->setTextVisible(true);
    bar->setMaximumHeight(m_list->fontMetrics().height() + 4);
    m_list->setItemWidget(item, ProgressColumn, bar);
    m_items.insert(job, item);
    connect(job, &Job::changed, this, [this, job] { updateRow(job); });
    updateRow(job);
    selectJob(job); // the newest job is the one the user wants to watch
}

void JobsPanel::removeJob(Job *job)
{
    if (job == m_current)
        showDetails(nullptr);
    delete m_items.take(job);
    disconnect(job, nullptr, this, nullptr);
}

void JobsPanel::selectJob(Job *job)
{
    if (QTreeWidgetItem *item = m_items.value(job))
        m_list->setCurrentItem(item);
}

void JobsPanel::updateRow(Job *job)
{
    QTreeWidgetItem *item = m_items.value(job);
    if (!item)
        return;
    // The texts are elided to their columns; the tool tips have them whole (and wrap).
    item->setText(NameColumn, job->name());
    item->setToolTip(
        NameColumn, widgets::ElidedLabel::wrappingToolTip(
                        QStringLiteral("%1: %2\n%3").arg(Job::kindLabel(job->kind()), job->name(), job->statusText())));
    item->setText(StateColumn, Job::stateLabel(job->state()));
    item->setToolTip(StateColumn, widgets::ElidedLabel::wrappingToolTip(
                                      job->state() == Job::State::Failed ? job->errorText() : job->statusText()));
    item->setForeground(StateColumn, job->state() == Job::State::Failed ? QBrush(QColor(0xc0, 0x20, 0x20))
                                                                        : m_list->palette().text());
    item->setText(TimeColumn, job->timeText());
    item->setToolTip(TimeColumn, timeToolTip(job));
    if (QProgressBar *bar = progressBarOf(job)) {
        // No "busy" animation while the amount is unknown: it would repaint the window all the time.
        const double fraction = std::clamp(job->progress(), 0.0, 1.0);
        bar->setValue(static_cast<int>(std::lround(1000 * fraction)));
        bar->setFormat(job->progress() < 0 && job->isActive() ? tr("starting…")
                                                              : QStringLiteral("%1%").arg(qRound(100 * fraction)));
    }
    if (job == m_current) {
        m_heading->setText(QStringLiteral("%1 — %2").arg(job->name(), job->statusText())); // elided: tool tip whole
        updateButtons();
    }
}

QString JobsPanel::timeToolTip(const Job *job)
{
    switch (job->state()) {
    case Job::State::Queued: return tr("Waiting to start");
    case Job::State::Running:
        return job->etaSeconds() >= 0 ? tr("Time left, estimated from the pace so far")
                                      : tr("Time left: not known yet");
    case Job::State::Paused: return tr("Paused: no time left is estimated until it goes on");
    case Job::State::Finished: return tr("How long it ran");
    case Job::State::Cancelled: return tr("How long it ran before it was cancelled");
    case Job::State::Failed: return tr("How long it ran before it failed");
    }
    return {};
}

void JobsPanel::updateButtons()
{
    const bool active = m_current && m_current->isActive();
    m_cancel->setEnabled(active);
    m_pause->setEnabled(active && m_current->canPause() && m_current->state() != Job::State::Queued);
    m_pause->setText(m_current && m_current->state() == Job::State::Paused ? tr("Resume") : tr("Pause"));
}

void JobsPanel::onCurrentItemChanged(QTreeWidgetItem *item)
{
    Job *job = nullptr;
    if (item)
        job = qobject_cast<Job *>(item->data(NameColumn, Qt::UserRole).value<QObject *>());
    showDetails(job);
}

void JobsPanel::showPage(QWidget *page)
{
    // No job: the hint alone; a job without a curve or captions: its log alone (all the room for its messages).
    if (page)
        m_detailStack->setCurrentWidget(page);
    m_detailStack->setVisible(page != nullptr);
    m_log->setVisible(page != m_noDetails);
}

void JobsPanel::showDetails(Job *job)
{
    for (const auto &connection : std::as_const(m_currentConnections))
        disconnect(connection);
    m_currentConnections.clear();
    m_current = job;
    m_log->clear();
    m_chart->setExpectedSteps(0);
    m_chart->clear();
    m_output->setRowCount(0);
    if (!job) {
        m_heading->setText(QString());
        showPage(m_noDetails);
        updateButtons();
        return;
    }
    m_log->setPlainText(job->logLines().join(QLatin1Char('\n')));
    m_currentConnections << connect(job, &Job::logAppended, m_log, &QPlainTextEdit::appendPlainText);
    if (auto *train = qobject_cast<TrainJob *>(job)) {
        m_chart->setExpectedSteps(static_cast<double>(train->totalSteps()));
        m_chart->setPoints(train->trainLoss(), train->validationLoss());
        m_currentConnections << connect(train, &TrainJob::lossAdded, this,
                                        [this, train](const QList<QPointF> &points, const QList<QPointF> &validation) {
                                            m_chart->setExpectedSteps(static_cast<double>(train->totalSteps()));
                                            m_chart->addPoints(points, validation);
                                        });
        showPage(m_chart);
    } else if (auto *decode = qobject_cast<DecodeJob *>(job)) {
        m_output->showAll(decode);
        m_currentConnections << connect(
            decode, &DecodeJob::captionsChanged, m_output,
            [this, decode](const QList<int> &changed) { m_output->showRows(decode, changed); });
        showPage(m_output);
    } else if (qobject_cast<GroundJob *>(job)) {
        m_output->showAll(job);
        m_currentConnections << connect(job, &Job::ended, m_output, [this, job] { m_output->showAll(job); });
        showPage(m_output);
    } else {
        showPage(nullptr);
    }
    updateRow(job);
}

} // namespace vindex::studio
