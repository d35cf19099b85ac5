#include "TrialFilterModel.h"

#include "TrialTableModel.h"

namespace vindex::widgets {

TrialFilterModel::TrialFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(TrialTableModel::SortRole); // score columns sort by the unrounded score
}

void TrialFilterModel::setFilterText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    QList<QRegularExpression> words;
    const QStringList parts = text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        // The start of a word: after the text's start or a character that is neither a letter nor a digit.
        words << QRegularExpression(QStringLiteral("(^|[^\\p{L}\\p{N}])") + QRegularExpression::escape(part),
                                    QRegularExpression::CaseInsensitiveOption |
                                        QRegularExpression::UseUnicodePropertiesOption);
    }
    m_words = std::move(words);
    invalidateFilter();
}

bool TrialFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_words.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const QString text = index.data(TrialTableModel::SearchTextRole).toString();
    for (const QRegularExpression &word : m_words)
        if (!word.match(text).hasMatch())
            return false;
    return true;
}

} // namespace vindex::widgets
