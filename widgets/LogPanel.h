#pragma once
// Shows the engine's log (everything core writes through vindex::logger()) as it happens.
// Core may log from any thread; lines are handed to the GUI thread through a queued call.
#include "vindex/core/Log.h"

#include <QPlainTextEdit>

namespace vindex::widgets {

class LogPanel : public QPlainTextEdit {
    Q_OBJECT

public:
    explicit LogPanel(QWidget *parent = nullptr);
    ~LogPanel() override;

    // Lines of the log shown so far (plain text, oldest first).
    QStringList lines() const;

public slots:
    // Appends one line; call it on the GUI thread (the core listener does so through a queued call).
    void appendLine(int level, const QString &text);

signals:
    void lineAppended(int level, const QString &text);

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    int m_listenerId = -1;
};

} // namespace vindex::widgets
