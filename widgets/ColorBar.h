#pragma once
// A vertical colour bar for a symmetric range ±limit of the diverging colour map, with its title and the values at
// the ends and at zero. Painted by Qt, so it lies over the 3D view in any language and appears in screenshots.
#include <QString>
#include <QWidget>

namespace vindex::widgets {

class ColorBar : public QWidget {
    Q_OBJECT

public:
    explicit ColorBar(QWidget *parent = nullptr);

    void setLimit(double limit);
    double limit() const { return m_limit; }
    void setTitle(const QString &title);
    QString title() const { return m_title; }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    double m_limit = 1;
    QString m_title;
};

} // namespace vindex::widgets
