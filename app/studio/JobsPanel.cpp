#include "JobsPanel.h"

#include "DecodeJob.h"
#include "GroundJob.h"
#include "JobManager.h"
#include "JobOutputTable.h"
#include "TrainJob.h"

#include "LossChart.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace vindex::studio {
namespace {

enum Column { NameColumn, StateColumn, ProgressColumn, EtaColumn };

} // namespace

JobsPanel::JobsPanel(JobManager *manager, QWidget *parent) : QWidget(parent), m_manager(manager)
{
    m_list = new QTreeWidget;
    m_list->setObjectName(QStringLiteral("jobList"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({tr("Job"), tr("State"), tr("Progress"), tr("ETA")});
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(StateColumn, QHeaderView::ResizeToContents);
    m_list->header()->resizeSection(ProgressColumn, 90);
    m_list->header()->setSectionResizeMode(EtaColumn, QHeaderView::ResizeToContents);
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

    m_heading = new QLabel;
    m_heading->setObjectName(QStringLiteral("jobHeading"));
    m_heading->setWordWrap(false); // one line: a wrapping label would re-layout the dock at every update
    m_heading->setTextFormat(Qt::PlainText);
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
    auto *middle = new QWidget;
    auto *middleLayout = new QVBoxLayout(middle);
    middleLayout->setContentsMargins(0, 0, 0, 0);
    middleLayout->addWidget(m_heading);
    middleLayout->addWidget(m_detailStack, 1);

    m_log = new QPlainTextEdit;
    m_log->setObjectName(QStringLiteral("jobLog"));
    m_log->setReadOnly(true);
    m_log->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_log->setMaximumBlockCount(5000);
    m_log->setPlaceholderText(tr("The selected job's log"));

    // The list on the left; the selected job's curve or captions above its log on the right.
    auto *details = new QSplitter(Qt::Vertical);
    details->addWidget(middle);
    details->addWidget(m_log);
    details->setStretchFactor(0, 3);
    details->setStretchFactor(1, 1);
    details->setChildrenCollapsible(false);
    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(left);
    splitter->addWidget(details);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({330, 670}); // proportions: names readable, the curve as wide as it can be
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(m_manager, &JobManager::jobAdded, this, &JobsPanel::addJob);
    connect(m_manager, &JobManager::jobRemoved, this, &JobsPanel::removeJob);
    for (Job *job : m_manager->jobs())
        addJob(job);
    showDetails(nullptr);
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
    item->setText(NameColumn, job->name());
    item->setToolTip(NameColumn,
                     QStringLiteral("%1: %2\n%3").arg(Job::kindLabel(job->kind()), job->name(), job->statusText()));
    item->setText(StateColumn, Job::stateLabel(job->state()));
    item->setToolTip(StateColumn, job->state() == Job::State::Failed ? job->errorText() : job->statusText());
    item->setForeground(StateColumn, job->state() == Job::State::Failed ? QBrush(QColor(0xc0, 0x20, 0x20))
                                                                        : m_list->palette().text());
    item->setText(EtaColumn,
                  job->isActive() ? Job::durationText(job->etaSeconds()) : Job::durationText(job->elapsedSeconds()));
    item->setToolTip(EtaColumn, job->isActive() ? tr("Time left") : tr("Time taken"));
    if (QProgressBar *bar = progressBarOf(job)) {
        // No "busy" animation while the amount is unknown: it would repaint the window all the time.
        const double fraction = std::clamp(job->progress(), 0.0, 1.0);
        bar->setValue(static_cast<int>(std::lround(1000 * fraction)));
        bar->setFormat(job->progress() < 0 && job->isActive() ? tr("starting…")
                                                              : QStringLiteral("%1%").arg(qRound(100 * fraction)));
    }
    if (job == m_current) {
        m_heading->setText(QStringLiteral("%1 — %2").arg(job->name(), job->statusText()));
        updateButtons();
    }
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
        m_detailStack->setCurrentWidget(m_noDetails);
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
        m_detailStack->setCurrentWidget(m_chart);
    } else if (auto *decode = qobject_cast<DecodeJob *>(job)) {
        m_output->showAll(decode);
        m_currentConnections << connect(
            decode, &DecodeJob::captionsChanged, m_output,
            [this, decode](const QList<int> &changed) { m_output->showRows(decode, changed); });
        m_detailStack->setCurrentWidget(m_output);
    } else if (qobject_cast<GroundJob *>(job)) {
        m_output->showAll(job);
        m_currentConnections << connect(job, &Job::ended, m_output, [this, job] { m_output->showAll(job); });
        m_detailStack->setCurrentWidget(m_output);
    } else {
        m_detailStack->setCurrentWidget(m_noDetails);
    }
    updateRow(job);
}

} // namespace vindex::studio
