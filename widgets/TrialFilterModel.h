#pragma once
// Filters the rows of a TrialTableModel by words: a row stays when every word of the filter text starts a word of
// its captions or box categories (TrialTableModel::SearchTextRole), ignoring case. "red" keeps "a red circle" and
// "Reddish sky" but not "colored"; "red sq" keeps "a red square". Empty text keeps every row.
#include <QList>
#include <QRegularExpression>
#include <QSortFilterProxyModel>

namespace vindex::widgets {

class TrialFilterModel : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit TrialFilterModel(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    QList<QRegularExpression> m_words;
};

} // namespace vindex::widgets
