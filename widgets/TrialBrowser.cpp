#include "TrialBrowser.h"

#include "TrialFilterModel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace vindex::widgets {

TrialBrowser::TrialBrowser(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("trialBrowser"));

    m_model = new TrialTableModel(this);
    m_filter = new TrialFilterModel(this);
    m_filter->setSourceModel(m_model);

    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("trialFilter"));
    m_filterEdit->setPlaceholderText(tr("Filter by caption words or category"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->addAction(QIcon::fromTheme(QStringLiteral("edit-find")), QLineEdit::LeadingPosition);
    m_filterEdit->setToolTip(tr("Keeps the trials whose captions or box categories contain words starting with "
                                "every word typed here (case is ignored). Up/Down move through the trials, Enter "
                                "goes to the table, Escape clears the filter."));
    m_filterEdit->installEventFilter(this);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &TrialBrowser::setFilterText);

    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("trialCount"));
    m_count->setForegroundRole(QPalette::PlaceholderText);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("trialTable"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection); // Shift/Ctrl+click: several trials to decode
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(TrialTableModel::IndexColumn, Qt::AscendingOrder);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const QFontMetrics metrics = m_table->fontMetrics();
    const int padding = 24;
    header->resizeSection(TrialTableModel::IndexColumn,
                          std::max(metrics.horizontalAdvance(QStringLiteral("00000")),
                                   metrics.horizontalAdvance(
                                       m_model->headerData(TrialTableModel::IndexColumn, Qt::Horizontal).toString())) +
                              padding);
    header->resizeSection(
        TrialTableModel::ImageIdColumn,
        std::max(
            metrics.horizontalAdvance(QStringLiteral("000000")),
            metrics.horizontalAdvance(m_model->headerData(TrialTableModel::ImageIdColumn, Qt::Horizontal).toString())) +
            padding);
    header->resizeSection(TrialTableModel::SplitColumn,
                          std::max(metrics.horizontalAdvance(TrialTableModel::splitLabel(QStringLiteral("train"))),
                                   metrics.horizontalAdvance(
                                       m_model->headerData(TrialTableModel::SplitColumn, Qt::Horizontal).toString())) +
                              padding);
    header->resizeSection(
        TrialTableModel::RepeatsColumn,
        metrics.horizontalAdvance(m_model->headerData(TrialTableModel::RepeatsColumn, Qt::Horizontal).toString()) +
            padding);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this, &TrialBrowser::announceCurrent);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TrialBrowser::selectionChanged);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &TrialBrowser::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &TrialBrowser::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &TrialBrowser::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &TrialBrowser::updateCount);

    // Shown over the empty table: what to do to fill it.
    m_emptyHint = new QLabel(m_table->viewport());
    m_emptyHint->setObjectName(QStringLiteral("trialEmptyHint"));
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setForegroundRole(QPalette::PlaceholderText);
    m_emptyHint->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_table->viewport()->installEventFilter(this);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filterEdit, 1);
    top->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    setFocusProxy(m_table);

    clear();
}

void TrialBrowser::setRows(QList<TrialTableModel::Row> rows, qint64 currentTrial)
{
    m_lastPosition = -2; // new rows: the current trial is announced even at the same position
    m_model->setRows(std::move(rows));
    m_emptyHint->setText(tr("This split has no trials"));
    if (currentTrial < 0 || !selectTrial(currentTrial))
        ensureCurrent();
    updateCount();
    announceCurrent();
}

void TrialBrowser::clear(const QString &message)
{
    m_model->clear();
    m_emptyHint->setText(message.isEmpty() ? tr("No dataset open") : message);
    updateCount();
    announceCurrent();
}

int TrialBrowser::currentPosition() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return -1;
    return m_filter->mapToSource(current).row();
}

qint64 TrialBrowser::currentTrialIndex() const
{
    const int position = currentPosition();
    return position >= 0 ? m_model->row(position).index : -1;
}

qint64 TrialBrowser::trialIndexAtOffset(int delta) const
{
    const QModelIndex current = m_table->currentIndex();
    const int row = current.row() + delta;
    if (!current.isValid() || row < 0 || row >= m_filter->rowCount())
        return -1;
    return m_model->row(m_filter->mapToSource(m_filter->index(row, 0)).row()).index;
}

QList<qint64> TrialBrowser::selectedTrialIndices() const
{
    QList<qint64> indices;
    for (const QModelIndex &proxy : m_table->selectionModel()->selectedRows()) {
        const QModelIndex source = m_filter->mapToSource(proxy);
        if (source.isValid())
            indices << m_model->row(source.row()).index;
    }
    std::sort(indices.begin(), indices.end());
    return indices;
}

bool TrialBrowser::selectTrial(qint64 index)
{
    const int position = m_model->positionOfTrial(index);
    if (position < 0)
        return false;
    const QModelIndex proxy = m_filter->mapFromSource(m_model->index(position, 0));
    if (!proxy.isValid())
        return false;
    m_table->selectionModel()->setCurrentIndex(proxy, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(proxy);
    return true;
}

int TrialBrowser::visibleRowCount() const
{
    return m_filter->rowCount();
}

void TrialBrowser::focusFilter()
{
    m_filterEdit->setFocus(Qt::ShortcutFocusReason);
    m_filterEdit->selectAll();
}

void TrialBrowser::setFilterText(const QString &text)
{
    if (m_filterEdit->text() != text)
        m_filterEdit->setText(text); // comes back here through textChanged
    if (m_filter->filterText() == text)
        return;
    m_filter->setFilterText(text);
    ensureCurrent();
    updateCount();
    announceCurrent();
}

void TrialBrowser::selectNext()
{
    step(1);
}

void TrialBrowser::selectPrevious()
{
    step(-1);
}

void TrialBrowser::step(int delta)
{
    const int rows = m_filter->rowCount();
    if (rows == 0 || delta == 0)
        return;
    const QModelIndex current = m_table->currentIndex();
    const int row = current.isValid() ? std::clamp(current.row() + delta, 0, rows - 1) : 0;
    const QModelIndex next = m_filter->index(row, 0);
    m_table->selectionModel()->setCurrentIndex(next, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(next);
}

int TrialBrowser::pageStep() const
{
    const int rowHeight = std::max(1, m_table->verticalHeader()->defaultSectionSize());
    return std::max(1, m_table->viewport()->height() / rowHeight - 1);
}

void TrialBrowser::ensureCurrent()
{
    // After a reset or a filter change the current row may have gone: the first visible one takes its place.
    if (m_table->currentIndex().isValid() || m_filter->rowCount() == 0)
        return;
    const QModelIndex first = m_filter->index(0, 0);
    m_table->selectionModel()->setCurrentIndex(first, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(first);
}

void TrialBrowser::announceCurrent()
{
    const int position = currentPosition();
    if (position == m_lastPosition)
        return;
    m_lastPosition = position;
    emit currentTrialChanged(position);
}

void TrialBrowser::updateCount()
{
    const int total = m_model->rowCount();
    const int shown = m_filter->rowCount();
    if (total == 0)
        m_count->clear(); // nothing loaded: the hint over the table says why
    else
        m_count->setText(shown == total ? tr("%1 trials").arg(total) : tr("%1 of %2 trials").arg(shown).arg(total));
    m_emptyHint->setVisible(shown == 0);
    if (total > 0 && shown == 0)
        m_emptyHint->setText(tr("No trial matches \"%1\"").arg(m_filter->filterText()));
    m_emptyHint->setGeometry(m_table->viewport()->rect().adjusted(12, 12, -12, -12));
}

bool TrialBrowser::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize) {
        m_emptyHint->setGeometry(m_table->viewport()->rect().adjusted(12, 12, -12, -12));
    } else if (watched == m_filterEdit && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Up: step(-1); return true;
        case Qt::Key_Down: step(1); return true;
        case Qt::Key_PageUp: step(-pageStep()); return true;
        case Qt::Key_PageDown: step(pageStep()); return true;
        case Qt::Key_Return:
        case Qt::Key_Enter: m_table->setFocus(Qt::OtherFocusReason); return true;
        case Qt::Key_Escape:
            if (!m_filterEdit->text().isEmpty()) {
                m_filterEdit->clear();
                return true;
            }
            break;
        default: break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace vindex::widgets
