#include "LogPanel.h"

#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QMenu>
#include <QPointer>
#include <QScrollBar>
#include <QTextCharFormat>

namespace vindex::widgets {
namespace {

QColor colorFor(LogLevel level, const QPalette &palette)
{
    switch (level) {
    case LogLevel::Trace:
    case LogLevel::Debug: return palette.color(QPalette::Disabled, QPalette::Text);
    case LogLevel::Warning: return QColor(0xb3, 0x6b, 0x00);
    case LogLevel::Error:
    case LogLevel::Critical: return QColor(0xc6, 0x28, 0x28);
    default: return palette.color(QPalette::Text);
    }
}

} // namespace

LogPanel::LogPanel(QWidget *parent) : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("logPanel"));
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setMaximumBlockCount(10000); // a long training run must not grow the dock without bound
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setPlaceholderText(tr("Messages from loading, decoding and training appear here."));

    // The listener runs on whichever thread logs, under core's sink lock. QPointer + a queued call with this
    // object as context: lines reach appendLine on the GUI thread, and none arrive after destruction.
    QPointer<LogPanel> self(this);
    m_listenerId = addLogListener([self](LogLevel level, const std::string &message) {
        const QString text = QString::fromStdString(message);
        const int levelValue = static_cast<int>(level);
        if (self)
            QMetaObject::invokeMethod(
                self.data(),
                [self, levelValue, text] {
                    if (self)
                        self->appendLine(levelValue, text);
                },
                Qt::QueuedConnection);
    });
}

LogPanel::~LogPanel()
{
    // Once this returns no listener call is running or will start (core removes under the sink's lock).
    removeLogListener(m_listenerId);
}

QStringList LogPanel::lines() const
{
    if (document()->isEmpty())
        return {};
    return toPlainText().split(QLatin1Char('\n'));
}

void LogPanel::appendLine(int level, const QString &text)
{
    QScrollBar *bar = verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 2;

    QTextCharFormat format;
    format.setForeground(colorFor(static_cast<LogLevel>(level), palette()));
    if (level >= static_cast<int>(LogLevel::Error))
        format.setFontWeight(QFont::Bold);
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    if (!document()->isEmpty())
        cursor.insertBlock();
    cursor.insertText(text, format);

    // Follow new lines only when the user has not scrolled up to read older ones.
    if (atEnd)
        bar->setValue(bar->maximum());
    emit lineAppended(level, text);
}

void LogPanel::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu *menu = createStandardContextMenu(event->pos());
    menu->addSeparator();
    menu->addAction(tr("Clear Log"), this, &QPlainTextEdit::clear);
    menu->exec(event->globalPos());
    delete menu;
}

} // namespace vindex::widgets
