#pragma once
// A path field with a Browse… button: a folder, or an existing file (with a name filter), or a file to save, or
// either an existing file or a folder (a second Folder… button beside Browse…). The text may also be typed or pasted.
#include <QWidget>

class QLineEdit;
class QToolButton;

namespace vindex::widgets {

class PathEdit : public QWidget {
    Q_OBJECT

public:
    enum class Mode { Folder, OpenFile, SaveFile, FileOrFolder };

    PathEdit(Mode mode, QString dialogTitle, QWidget *parent = nullptr);

    QString path() const; // trimmed text
    void setPath(const QString &path);
    void setNameFilter(const QString &filter) { m_filter = filter; }
    void setPlaceholderText(const QString &text);
    QLineEdit *lineEdit() const { return m_edit; }
    QToolButton *browseButton() const { return m_browse; }
    // FileOrFolder: the title of the Folder… dialog (default: the file dialog's).
    void setFolderTitle(const QString &title);
    QToolButton *folderButton() const { return m_browseFolder; } // FileOrFolder only, else nullptr

signals:
    void pathChanged(const QString &path);

private:
    void browse();
    void browseFolder();

    Mode m_mode;
    QString m_title, m_folderTitle, m_filter;
    QLineEdit *m_edit = nullptr;
    QToolButton *m_browse = nullptr, *m_browseFolder = nullptr;
};

} // namespace vindex::widgets
