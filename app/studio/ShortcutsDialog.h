#pragma once
// Help ▸ Keyboard Shortcuts: every menu command that has a shortcut (read from the menu bar, so the list is never
// out of date) and the keys of the trial table and its filter.
#include <QDialog>

class QMenu;
class QMenuBar;
class QTableWidget;

namespace vindex::studio {

class ShortcutsDialog : public QDialog {
    Q_OBJECT

public:
    explicit ShortcutsDialog(QMenuBar *menuBar, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    // "Command\tKeys" for every row, as shown.
    QStringList rows() const;

private:
    void addMenu(QMenu *menu, const QString &path);
    void addRow(const QString &command, const QString &keys);

    QTableWidget *m_table = nullptr;
};

} // namespace vindex::studio
