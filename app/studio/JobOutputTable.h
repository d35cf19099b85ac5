#pragma once
// What a decoding job wrote, as a two-column table (input, text), for the decode panel and the jobs dock: a captioning
// job's captions as they stream in (grey until their batch is done), or a grounding job's answers at its end.
// Fixed column widths and one line per row: measuring every row at every streamed token would cost the GUI thread
// more than it shows; the full text is in each row's tool tip.
#include <QTableWidget>

namespace vindex::studio {

class Job;

class JobOutputTable : public QTableWidget {
    Q_OBJECT

public:
    explicit JobOutputTable(const QString &textHeading, QWidget *parent = nullptr);

    // Shows these rows of job's output (a DecodeJob's captions; all answers of a GroundJob that has ended); rows
    // beyond the job's output are removed.
    void showRows(const Job *job, const QList<int> &rows);
    // Every row of job's output.
    void showAll(const Job *job);
    // The texts shown, top to bottom.
    QStringList texts() const;
};

} // namespace vindex::studio
