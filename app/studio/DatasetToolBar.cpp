#include "DatasetToolBar.h"

#include "TrialTableModel.h"

#include "vindex/data/Trial.h"

#include <QComboBox>
#include <QLabel>
#include <QProgressBar>
#include <QSignalBlocker>

namespace vindex::studio {

DatasetToolBar::DatasetToolBar(QWidget *parent) : QToolBar(parent)
{
    setObjectName(QStringLiteral("datasetToolBar")); // saveState() identifies tool bars by name
    setWindowTitle(tr("Dataset"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setMovable(true);

    auto *subjectLabel = new QLabel(tr("&Subject:"), this);
    subjectLabel->setContentsMargins(8, 0, 4, 0);
    m_subjects = new QComboBox(this);
    m_subjects->setObjectName(QStringLiteral("subjectCombo"));
    m_subjects->setToolTip(tr("The NSD subject whose trials are shown"));
    m_subjects->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_subjects->setMinimumContentsLength(12);
    m_subjects->setEnabled(false);
    subjectLabel->setBuddy(m_subjects);
    connect(m_subjects, &QComboBox::activated, this, [this] { emit subjectChosen(currentSubject()); });

    auto *splitLabel = new QLabel(tr("S&plit:"), this);
    splitLabel->setContentsMargins(12, 0, 4, 0);
    m_splits = new QComboBox(this);
    m_splits->setObjectName(QStringLiteral("splitCombo"));
    m_splits->setToolTip(tr("Training, validation or test trials (the test split is the one BrainHub evaluates)"));
    m_splits->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_splits->setMinimumContentsLength(14);
    for (const data::Split split : data::kSplits) {
        const QString name = QString::fromLatin1(data::splitName(split));
        m_splits->addItem(widgets::TrialTableModel::splitLabel(name), name);
    }
    m_splits->setCurrentIndex(2);
    m_splits->setEnabled(false);
    splitLabel->setBuddy(m_splits);
    connect(m_splits, &QComboBox::activated, this, [this] { emit splitChosen(currentSplit()); });

    addWidget(subjectLabel);
    addWidget(m_subjects);
    addWidget(splitLabel);
    addWidget(m_splits);

    auto *spacer = new QWidget(this);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    addWidget(spacer);
    m_busyLabel = new QLabel(this);
    m_busyLabel->setContentsMargins(0, 0, 6, 0);
    m_busyLabelAction = addWidget(m_busyLabel);
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("busyIndicator"));
    m_busy->setRange(0, 0); // indeterminate: core reports no fraction for opening
    m_busy->setTextVisible(false);
    m_busy->setFixedWidth(110);
    m_busy->setMaximumHeight(14);
    m_busyAction = addWidget(m_busy);
    setBusy(false);
}

void DatasetToolBar::setSubjects(const QList<int> &subjects, int current)
{
    const QSignalBlocker blocker(m_subjects);
    m_subjects->clear();
    for (int subject : subjects)
        m_subjects->addItem(tr("Subject %1").arg(subject), subject);
    const int index = m_subjects->findData(current);
    m_subjects->setCurrentIndex(index >= 0 ? index : 0);
    m_subjects->setEnabled(!subjects.isEmpty());
    m_splits->setEnabled(!subjects.isEmpty());
}

int DatasetToolBar::currentSubject() const
{
    return m_subjects->currentIndex() >= 0 ? m_subjects->currentData().toInt() : 0;
}

void DatasetToolBar::setSplitSizes(const std::array<qint64, 3> &sizes)
{
    for (int i = 0; i < 3 && i < m_splits->count(); ++i)
        m_splits->setItemText(i, tr("%1 (%2 trials)")
                                     .arg(widgets::TrialTableModel::splitLabel(m_splits->itemData(i).toString()))
                                     .arg(sizes[static_cast<std::size_t>(i)]));
}

QString DatasetToolBar::currentSplit() const
{
    return m_splits->currentData().toString();
}

void DatasetToolBar::setCurrentSplit(const QString &split)
{
    const QSignalBlocker blocker(m_splits);
    const int index = m_splits->findData(split);
    if (index >= 0)
        m_splits->setCurrentIndex(index);
}

void DatasetToolBar::setBusy(bool busy, const QString &message)
{
    m_busyAction->setVisible(busy);
    m_busyLabel->setText(message);
    m_busyLabelAction->setVisible(busy && !message.isEmpty());
}

bool DatasetToolBar::isBusy() const
{
    return m_busyAction->isVisible();
}

} // namespace vindex::studio
