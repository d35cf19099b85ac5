#pragma once
// The dataset tool bar: open a dataset, choose the subject and the split (each split with its number of trials),
// and a busy indicator while the dataset is read.
#include <QToolBar>

#include <array>

class QComboBox;
class QLabel;
class QProgressBar;

namespace vindex::studio {

class DatasetToolBar : public QToolBar {
    Q_OBJECT

public:
    explicit DatasetToolBar(QWidget *parent = nullptr);

    // Replaces the subjects (without emitting subjectChosen) and selects current, or the first.
    void setSubjects(const QList<int> &subjects, int current = 0);
    int currentSubject() const; // 0: none
    // Trials per split (train, val, test), shown in the split selector.
    void setSplitSizes(const std::array<qint64, 3> &sizes);
    QString currentSplit() const; // "train", "val" or "test"
    // Selects a split without emitting splitChosen.
    void setCurrentSplit(const QString &split);
    void setBusy(bool busy, const QString &message = {});
    bool isBusy() const;

    QComboBox *subjectCombo() const { return m_subjects; }
    QComboBox *splitCombo() const { return m_splits; }
    QProgressBar *busyIndicator() const { return m_busy; }

signals:
    void subjectChosen(int subject);
    void splitChosen(const QString &split);

private:
    QComboBox *m_subjects = nullptr;
    QComboBox *m_splits = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_busyLabel = nullptr;
    QAction *m_busyAction = nullptr;
    QAction *m_busyLabelAction = nullptr;
};

} // namespace vindex::studio
