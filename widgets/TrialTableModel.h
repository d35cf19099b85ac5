#pragma once
// The trials of one split as a table: index within the split, 73k image id, split, number of repeats and the first
// reference caption. Each row also keeps every caption and ground-truth box category of its image, so that a filter
// can search them (SearchTextRole) and the caption column can show them all in its tool tip. Score columns follow
// the fixed ones when decoding results are loaded: one per result, each trial's score (×100, sortable).
#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace vindex::widgets {

class TrialTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { IndexColumn, ImageIdColumn, SplitColumn, RepeatsColumn, CaptionColumn, ColumnCount };
    enum Role {
        SearchTextRole = Qt::UserRole + 1, // captions and categories, one per line
        TrialIndexRole,                    // the trial's index within its split (qint64)
        ImageIdRole,                       // the 0-based 73k image id (qint64)
        ScoreRole,                         // score columns: the score as a fraction (double), none when missing
        SortRole                           // what the columns sort by: the value shown, unrounded scores
    };

    struct Row {
        qint64 index = 0;   // position within the split (BrainHub's test index for the test split)
        qint64 imageId = 0; // 0-based 73k id
        QString split;      // "train", "val" or "test"
        int repeats = 0;
        QStringList captions;
        QStringList categories; // ground-truth box categories, when known
    };

    explicit TrialTableModel(QObject *parent = nullptr);

    void setRows(QList<Row> rows);

    struct ScoreColumn {
        QString title, toolTip;
        QHash<qint64, double> scores; // trial index → fraction
    };
    // Replaces the score columns; rows and the current selection stay.
    void setScoreColumns(QList<ScoreColumn> columns);
    const QList<ScoreColumn> &scoreColumns() const { return m_scoreColumns; }
    void clear();
    const QList<Row> &rows() const { return m_rows; }
    // The row at a position of this model (not of a proxy); Q_ASSERTs the range.
    const Row &row(int position) const;
    // The position of the trial with this index within the split, or -1.
    int positionOfTrial(qint64 index) const;

    // "train", "val", "test" as the interface shows them (translated).
    static QString splitLabel(const QString &split);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Row> m_rows;
    QList<ScoreColumn> m_scoreColumns;
};

} // namespace vindex::widgets
