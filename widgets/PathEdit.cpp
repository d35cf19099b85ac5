#include "PathEdit.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

namespace vindex::widgets {

PathEdit::PathEdit(Mode mode, QString dialogTitle, QWidget *parent)
    : QWidget(parent), m_mode(mode), m_title(std::move(dialogTitle))
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
    case Mode::OpenFile: chosen = QFileDialog::getOpenFileName(this, m_title, start, m_filter); break;
    case Mode::SaveFile: chosen = QFileDialog::getSaveFileName(this, m_title, current, m_filter); break;
    }
    if (!chosen.isEmpty())
        setPath(chosen);
}

} // namespace vindex::widgets
