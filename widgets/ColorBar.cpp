#include "ColorBar.h"

#include "DivergingColorMap.h"

#include <QLinearGradient>
#include <QLocale>
#include <QPainter>

#include <algorithm>

namespace vindex::widgets {

ColorBar::ColorBar(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("colorBar"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
}

void ColorBar::setLimit(double limit)
{
    m_limit = limit > 0 ? limit : 1;
    update();
}

void ColorBar::setTitle(const QString &title)
{
    m_title = title;
    updateGeometry();
    update();
}

QSize ColorBar::sizeHint() const
{
    const QFontMetrics metrics(font());
    const int labels = metrics.horizontalAdvance(QStringLiteral("−0.000"));
    const int width = std::max(metrics.horizontalAdvance(m_title) + 24, 16 + 14 + 6 + labels + 10);
    return {width, 220};
}

void ColorBar::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(10, 14, 20, 165));
    painter.drawRoundedRect(rect(), 6, 6);

    const QFontMetrics metrics(font());
    const int margin = 8;
    painter.setPen(QColor(0xe4, 0xea, 0xf2));
    const QRect titleRect(margin, margin, width() - 2 * margin, metrics.height());
    painter.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                     metrics.elidedText(m_title, Qt::ElideRight, titleRect.width()));

    const int top = titleRect.bottom() + 8 + metrics.height() / 2;
    const int bottom = height() - margin - metrics.height() / 2;
    if (bottom - top < 20)
        return;
    const QRect bar(margin + 2, top, 14, bottom - top);
    QLinearGradient gradient(bar.topLeft(), bar.bottomLeft());
    for (int i = 0; i <= 16; ++i) {
        const double t = 1.0 - 2.0 * i / 16.0; // top: +limit
        gradient.setColorAt(i / 16.0, DivergingColorMap::color(t));
    }
    painter.setPen(QColor(0, 0, 0, 160));
    painter.setBrush(gradient);
    painter.drawRect(bar);

    const QLocale locale;
    const auto label = [&](double value, int y) {
        const QString text = value == 0 ? QStringLiteral("0") : locale.toString(value, 'g', 3);
        painter.setPen(QColor(0xe4, 0xea, 0xf2));
        painter.drawLine(bar.right() + 1, y, bar.right() + 4, y);
        painter.drawText(
            QRect(bar.right() + 7, y - metrics.height() / 2, width() - bar.right() - 7 - margin, metrics.height()),
            Qt::AlignLeft | Qt::AlignVCenter, text);
    };
    label(m_limit, bar.top());
    label(0, bar.center().y());
    label(-m_limit, bar.bottom());
}

} // namespace vindex::widgets
