#pragma once
// A one-line label for text of any length (a job's name and status, a core error): it draws what fits, elided, and
// the whole text is its tool tip. Its size hints do not follow the text: a plain QLabel asks for the full width of
// its text as its minimum, and one long message in a dock then widens the dock and the main window past the screen.
#include <QLabel>

namespace vindex::widgets {

class ElidedLabel : public QLabel {
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr, Qt::TextElideMode mode = Qt::ElideRight);

    void setElideMode(Qt::TextElideMode mode);
    Qt::TextElideMode elideMode() const { return m_mode; }
    // Whether the text is wider than the label now (what is drawn is then elided).
    bool isElided() const;

    // A few words wide, one line high, whatever the text.
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // Plain text as a tool tip that wraps at spaces and after path separators (a plain-text tool tip is one line,
    // as wide as the text).
    static QString wrappingToolTip(const QString &text);

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    Qt::TextElideMode m_mode;
};

} // namespace vindex::widgets
