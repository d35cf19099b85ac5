#include "PathEdit.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

namespace vindex::widgets {

PathEdit::PathEdit(Mode mode, QString dialogTitle, QWidget *parent)
    : QWidget(parent), m_mode(mode), m_title(std::move(dialogTitle)), m_folderTitle(m_title)
{
    m_edit = new QLineEdit;
    m_edit->setClearButtonEnabled(true);
    m_browse = new QToolButton;
    m_browse->setText(tr("Browse…"));
    m_browse->setToolTip(m_title);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_browse);
    if (m_mode == Mode::FileOrFolder) {
        m_browseFolder = new QToolButton;
        m_browseFolder->setText(tr("Folder…"));
        m_browseFolder->setToolTip(m_title);
        layout->addWidget(m_browseFolder);
        connect(m_browseFolder, &QToolButton::clicked, this, &PathEdit::browseFolder);
    }
    setFocusProxy(m_edit);
    connect(m_browse, &QToolButton::clicked, this, &PathEdit::browse);
    connect(m_edit, &QLineEdit::textChanged, this, [this] { emit pathChanged(path()); });
}

QString PathEdit::path() const
{
    return m_edit->text().trimmed();
}

void PathEdit::setPath(const QString &path)
{
    m_edit->setText(QDir::toNativeSeparators(path));
}

void PathEdit::setPlaceholderText(const QString &text)
{
    m_edit->setPlaceholderText(text);
}

void PathEdit::browse()
{
    const QString current = path();
    QString start = current;
    if (!current.isEmpty() && !QFileInfo(current).isDir())
        start = QFileInfo(current).absolutePath();
    QString chosen;
    switch (m_mode) {
    case Mode::Folder: chosen = QFileDialog::getExistingDirectory(this, m_title, start); break;
    case Mode::OpenFile:
    case Mode::FileOrFolder: chosen = QFileDialog::getOpenFileName(this, m_title, start, m_filter); break;
    case Mode::SaveFile: chosen = QFileDialog::getSaveFileName(this, m_title, current, m_filter); break;
    }
    if (!chosen.isEmpty())
        setPath(chosen);
}

void PathEdit::setFolderTitle(const QString &title)
{
    m_folderTitle = title;
    if (m_browseFolder)
        m_browseFolder->setToolTip(title);
}

void PathEdit::browseFolder()
{
    const QString current = path();
    const QString start = current.isEmpty() || QFileInfo(current).isDir() ? current : QFileInfo(current).absolutePath();
    const QString chosen = QFileDialog::getExistingDirectory(this, m_folderTitle, start);
    if (!chosen.isEmpty())
        setPath(chosen);
}

} // namespace vindex::widgets
