#pragma once
// A path field with a Browse… button: a folder, or an existing file (with a name filter), or a file to save.
// The text may also be typed or pasted.
#include <QWidget>

class QLineEdit;
class QToolButton;

namespace vindex::widgets {

class PathEdit : public QWidget {
    Q_OBJECT

public:
    enum class Mode { Folder, OpenFile, SaveFile };

    PathEdit(Mode mode, QString dialogTitle, QWidget *parent = nullptr);

    QString path() const; // trimmed text
    void setPath(const QString &path);
    void setNameFilter(const QString &filter) { m_filter = filter; }
    void setPlaceholderText(const QString &text);
    QLineEdit *lineEdit() const { return m_edit; }
    QToolButton *browseButton() const { return m_browse; }

signals:
    void pathChanged(const QString &path);

private:
    void browse();

    Mode m_mode;
    QString m_title, m_filter;
    QLineEdit *m_edit = nullptr;
    QToolButton *m_browse = nullptr;
};

} // namespace vindex::widgets
