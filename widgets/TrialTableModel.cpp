#include "TrialTableModel.h"

namespace vindex::widgets {

TrialTableModel::TrialTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void TrialTableModel::setRows(QList<Row> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void TrialTableModel::setScoreColumns(QList<ScoreColumn> columns)
{
    // Columns removed and inserted, not a reset: a reset would drop the view's current row.
    if (!m_scoreColumns.isEmpty()) {
        beginRemoveColumns({}, ColumnCount, ColumnCount + static_cast<int>(m_scoreColumns.size()) - 1);
        m_scoreColumns.clear();
        endRemoveColumns();
    }
    if (!columns.isEmpty()) {
        beginInsertColumns({}, ColumnCount, ColumnCount + static_cast<int>(columns.size()) - 1);
        m_scoreColumns = std::move(columns);
        endInsertColumns();
    }
}

void TrialTableModel::clear()
{
    setRows({});
}

const TrialTableModel::Row &TrialTableModel::row(int position) const
{
    Q_ASSERT(position >= 0 && position < m_rows.size());
    return m_rows.at(position);
}

int TrialTableModel::positionOfTrial(qint64 index) const
{
    // Rows come in split order, so the index is usually the position itself.
    if (index >= 0 && index < m_rows.size() && m_rows.at(static_cast<int>(index)).index == index)
        return static_cast<int>(index);
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).index == index)
            return i;
    return -1;
}

QString TrialTableModel::splitLabel(const QString &split)
{
    if (split == QLatin1String("train"))
        return tr("train");
    if (split == QLatin1String("val"))
        return tr("val");
    if (split == QLatin1String("test"))
        return tr("test");
    return split;
}

int TrialTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TrialTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount + static_cast<int>(m_scoreColumns.size());
}

QVariant TrialTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    if (index.column() >= ColumnCount) {
        const ScoreColumn &column = m_scoreColumns.at(index.column() - ColumnCount);
        const auto found = column.scores.constFind(row.index);
        if (found == column.scores.constEnd())
            return {};
        switch (role) {
        case Qt::DisplayRole: return QString::number(*found * 100, 'f', 2); // ×100, as the leaderboard shows it
        case ScoreRole:
        case SortRole: return *found;
        case Qt::TextAlignmentRole: return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        case TrialIndexRole: return row.index;
        case ImageIdRole: return row.imageId;
        default: return {};
        }
    }
    if (role == SortRole)
        return data(index, Qt::DisplayRole);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IndexColumn: return row.index; // numbers, so that sorting is numeric
        case ImageIdColumn: return row.imageId;
        case SplitColumn: return splitLabel(row.split);
        case RepeatsColumn: return row.repeats;
        case CaptionColumn: return row.captions.value(0);
        default: return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == CaptionColumn && !row.captions.isEmpty())
            return row.captions.join(QLatin1Char('\n'));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == IndexColumn || index.column() == ImageIdColumn || index.column() == RepeatsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case SearchTextRole: return (row.captions + row.categories).join(QLatin1Char('\n'));
    case TrialIndexRole: return row.index;
    case ImageIdRole: return row.imageId;
    default: return {};
    }
}

QVariant TrialTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (section >= ColumnCount && section < columnCount()) {
        const ScoreColumn &column = m_scoreColumns.at(section - ColumnCount);
        if (role == Qt::DisplayRole)
            return column.title;
        if (role == Qt::ToolTipRole)
            return column.toolTip;
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
        case IndexColumn: return tr("Index");
        case ImageIdColumn: return tr("Image ID");
        case SplitColumn: return tr("Split");
        case RepeatsColumn: return tr("Repeats");
        case CaptionColumn: return tr("First caption");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case IndexColumn: return tr("Position of the trial within its split (BrainHub's index for the test split)");
        case ImageIdColumn: return tr("0-based image id in NSD's 73k image space");
        case SplitColumn: return tr("Training, validation or test split");
        case RepeatsColumn: return tr("How often the subject saw the image");
        case CaptionColumn: return tr("The first reference caption of the image");
        default: return {};
        }
    }
    return {};
}

} // namespace vindex::widgets
