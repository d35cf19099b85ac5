#pragma once
// The trials of a split in a table (TrialTableModel through a TrialFilterModel) with a filter field above it.
// Keyboard: Up/Down/Page Up/Page Down move through the trials from the table and from the filter field, Enter in
// the filter field goes to the table, Escape clears the filter. Whenever rows exist one of them is current; the
// current trial is what the rest of the window shows (currentTrialChanged).
#include "TrialTableModel.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;

namespace vindex::widgets {

class TrialFilterModel;

class TrialBrowser : public QWidget {
    Q_OBJECT

public:
    explicit TrialBrowser(QWidget *parent = nullptr);

    // Replaces the rows (the filter text stays) and makes the trial with index currentTrial current, or the
    // first visible row when that one is not visible.
    void setRows(QList<TrialTableModel::Row> rows, qint64 currentTrial = -1);
    void clear(const QString &message = {});

    TrialTableModel *model() const { return m_model; }
    TrialFilterModel *filterModel() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QLineEdit *filterEdit() const { return m_filterEdit; }

    // Position of the current row in model() (not in the filtered view), or -1.
    int currentPosition() const;
    // The current trial's index within its split, or -1.
    qint64 currentTrialIndex() const;
    // The indices of the selected trials (several with Shift/Ctrl+click), ascending.
    QList<qint64> selectedTrialIndices() const;
    // Makes the trial with this index current; false when it is not in the (filtered) table.
    bool selectTrial(qint64 index);
    // Rows visible after filtering.
    int visibleRowCount() const;
    // The trial delta visible rows away from the current one (e.g. +1: the next), or -1 when there is none.
    qint64 trialIndexAtOffset(int delta) const;

public slots:
    // Moves the keyboard focus to the filter field and selects its text.
    void focusFilter();
    void setFilterText(const QString &text);
    void selectNext();
    void selectPrevious();

signals:
    // The position in model() of the new current row, or -1 when no row is current.
    void currentTrialChanged(int position);
    // The set of selected trials changed.
    void selectionChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void announceCurrent();
    void ensureCurrent();
    int pageStep() const;
    void updateCount();
    void step(int delta);

    TrialTableModel *m_model = nullptr;
    TrialFilterModel *m_filter = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_emptyHint = nullptr;
    int m_lastPosition = -2; // what currentTrialChanged last said (-2: nothing yet)
};

} // namespace vindex::widgets
