#pragma once
// A vertical colour bar for an OverlayStyle: the colour map over the display range with its title, the values at the
// ends (and at zero), and the threshold marked — a bright line with its value at each threshold, and the band of
// values below it dimmed and hatched, as the views fade those voxels. Painted by Qt, so it lies over the 3D view in
// any language and appears in screenshots.
#include "OverlayStyle.h"

#include <QList>
#include <QString>
#include <QWidget>

namespace vindex::widgets {

class ColorBar : public QWidget {
    Q_OBJECT

public:
    explicit ColorBar(QWidget *parent = nullptr);

    void setStyle(const OverlayStyle &style);
    const OverlayStyle &overlayStyle() const { return m_style; }
    void setTitle(const QString &title);
    QString title() const { return m_title; }

    // The values marked as thresholds: ±t for the symmetric threshold on a signed axis, t otherwise; none for t = 0.
    QList<double> thresholdMarks() const;
    // The bar's rectangle and the row of a value on it (values beyond the range at its ends), in widget pixels.
    QRect barRect() const;
    int rowOf(double value) const;
    // Colour of the threshold lines.
    static QColor markColor() { return QColor(0xff, 0xe0, 0x40); }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString valueText(double value) const;

    OverlayStyle m_style;
    QString m_title;
};

} // namespace vindex::widgets
