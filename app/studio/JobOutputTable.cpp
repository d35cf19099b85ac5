#include "JobOutputTable.h"

#include "DecodeJob.h"
#include "GroundJob.h"

#include <QHeaderView>

namespace vindex::studio {

JobOutputTable::JobOutputTable(const QString &textHeading, QWidget *parent) : QTableWidget(0, 2, parent)
{
    setHorizontalHeaderLabels({tr("Input"), textHeading});
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    horizontalHeader()->resizeSection(
        0, fontMetrics().horizontalAdvance(QStringLiteral("subj01 test 999 (image 99999)")) + 12);
    horizontalHeader()->setStretchLastSection(true);
    verticalHeader()->hide();
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
}

void JobOutputTable::showRows(const Job *job, const QList<int> &rows)
{
    if (const auto *decode = qobject_cast<const DecodeJob *>(job)) {
        const auto &captions = decode->captions();
        if (rowCount() > captions.size())
            setRowCount(static_cast<int>(captions.size())); // the run's final list replaced the streamed one
        for (int row : rows) {
            if (row >= captions.size())
                continue;
            if (row >= rowCount())
                setRowCount(row + 1);
            const auto &caption = captions[row];
            auto *source = new QTableWidgetItem(caption.source);
            source->setToolTip(caption.source); // elided in its column
            setItem(row, 0, source);
            auto *text = new QTableWidgetItem(caption.text);
            text->setForeground(caption.done ? palette().text() : QBrush(Qt::darkGray));
            text->setToolTip(caption.resumed
                                 ? caption.text + QLatin1Char('\n') + tr("(from an earlier run of the same settings)")
                                 : caption.text);
            setItem(row, 1, text);
        }
    } else if (const auto *ground = qobject_cast<const GroundJob *>(job)) {
        const auto &answers = ground->result().answers;
        setRowCount(static_cast<int>(answers.size()));
        for (int row = 0; row < rowCount(); ++row) {
            const auto &answer = answers[static_cast<std::size_t>(row)];
            const QString what = QStringLiteral("%1 · %2").arg(QString::fromStdString(answer.source),
                                                               QString::fromStdString(answer.category));
            auto *source = new QTableWidgetItem(what);
            source->setToolTip(what);
            setItem(row, 0, source);
            const QString boxes = GroundJob::boxesText(answer);
            auto *text = new QTableWidgetItem(boxes);
            text->setToolTip(boxes);
            setItem(row, 1, text);
        }
    }
}

void JobOutputTable::showAll(const Job *job)
{
    setRowCount(0);
    QList<int> rows;
    if (const auto *decode = qobject_cast<const DecodeJob *>(job))
        for (int row = 0; row < decode->captions().size(); ++row)
            rows << row;
    showRows(job, rows);
}

QStringList JobOutputTable::texts() const
{
    QStringList texts;
    for (int row = 0; row < rowCount(); ++row)
        texts << (item(row, 1) ? item(row, 1)->text() : QString());
    return texts;
}

} // namespace vindex::studio
