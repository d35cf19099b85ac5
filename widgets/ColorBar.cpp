#include "ColorBar.h"

#include <QLinearGradient>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace vindex::widgets {
namespace {

constexpr int kMargin = 8;
constexpr int kBarLeft = 16; // room for the threshold arrows on the left
constexpr int kBarWidth = 16;

} // namespace

ColorBar::ColorBar(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("colorBar"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
}

void ColorBar::setStyle(const OverlayStyle &style)
{
    m_style = style;
    update();
}

void ColorBar::setTitle(const QString &title)
{
    m_title = title;
    updateGeometry();
    update();
}

QList<double> ColorBar::thresholdMarks() const
{
    const double t = m_style.threshold;
    if (!(t > 0))
        return {};
    if (m_style.thresholdMode == OverlayStyle::ThresholdMode::Absolute && !m_style.showsMagnitude())
        return {-t, t};
    return {t};
}

QString ColorBar::valueText(double value) const
{
    if (value == 0)
        return QStringLiteral("0");
    return QLocale().toString(value, 'g', 3);
}

QSize ColorBar::sizeHint() const
{
    const QFontMetrics metrics(font());
    const int labels = metrics.horizontalAdvance(QStringLiteral("−0.000")) + 4;
    const int width =
        std::max(metrics.horizontalAdvance(m_title) + 2 * kMargin + 4, kBarLeft + kBarWidth + 10 + labels + kMargin);
    return {width, 260};
}

QRect ColorBar::barRect() const
{
    const QFontMetrics metrics(font());
    const int top = kMargin + metrics.height() + 8 + metrics.height() / 2;
    const int bottom = height() - kMargin - metrics.height() / 2;
    return QRect(kBarLeft, top, kBarWidth, std::max(0, bottom - top));
}

int ColorBar::rowOf(double value) const
{
    const QRect bar = barRect();
    // position 1 (rangeHigh) at the top, 0 at the bottom.
    const double position = m_style.position(m_style.showsMagnitude() ? std::abs(value) : value);
    return bar.top() + static_cast<int>(std::lround((1.0 - position) * (bar.height() - 1)));
}

void ColorBar::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(10, 14, 20, 175));
    painter.drawRoundedRect(rect(), 6, 6);

    const QFontMetrics metrics(font());
    const QColor text(0xe4, 0xea, 0xf2);
    painter.setPen(text);
    const QRect titleRect(kMargin, kMargin, width() - 2 * kMargin, metrics.height());
    painter.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                     metrics.elidedText(m_title, Qt::ElideRight, titleRect.width()));

    const QRect bar = barRect();
    if (bar.height() < 20)
        return;
    painter.setRenderHint(QPainter::Antialiasing, false);
    // The colours row by row through the style itself: exactly what the views show for each value.
    for (int y = bar.top(); y <= bar.bottom(); ++y) {
        const double position = 1.0 - double(y - bar.top()) / std::max(1, bar.height() - 1);
        painter.setPen(ColorMap::color(m_style.colorMap, position));
        painter.drawLine(bar.left(), y, bar.right(), y);
    }

    // Values below the threshold: dimmed as much as the views fade them, and hatched so the band reads as "faded".
    const double low = m_style.showsMagnitude() ? std::max(0.0, m_style.rangeLow) : m_style.rangeLow;
    const auto fadedBand = [&](double from, double to) {
        const int y0 = std::clamp(std::min(rowOf(from), rowOf(to)), bar.top(), bar.bottom());
        const int y1 = std::clamp(std::max(rowOf(from), rowOf(to)), bar.top(), bar.bottom());
        if (y1 <= y0)
            return;
        const QRect band(bar.left(), y0, bar.width(), y1 - y0 + 1);
        const int dim = static_cast<int>(std::lround(200 * (1.0 - std::clamp(m_style.fadeOpacity, 0.0, 1.0))));
        painter.fillRect(band, QColor(10, 14, 20, dim));
        painter.fillRect(band, QBrush(QColor(255, 255, 255, 70), Qt::BDiagPattern));
    };
    const QList<double> marks = thresholdMarks();
    if (!marks.isEmpty()) {
        const double t = m_style.threshold;
        if (marks.size() == 2)
            fadedBand(-t, t);
        else
            fadedBand(std::min(low, t), t);
    }
    painter.setPen(QColor(0, 0, 0, 170));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(bar.adjusted(0, 0, -1, -1));

    // Labels: the thresholds first (they win where labels would overlap), then the range's ends and zero.
    QList<int> usedRows;
    const auto label = [&](double value, const QColor &color, bool force) {
        const int y = rowOf(value);
        for (int used : usedRows)
            if (std::abs(used - y) < metrics.height() && !force)
                return;
        usedRows << y;
        painter.setPen(color);
        painter.drawLine(bar.right() + 1, y, bar.right() + 4, y);
        painter.drawText(
            QRect(bar.right() + 7, y - metrics.height() / 2, width() - bar.right() - 7 - kMargin, metrics.height()),
            Qt::AlignLeft | Qt::AlignVCenter, valueText(value));
    };
    painter.setRenderHint(QPainter::Antialiasing);
    for (double mark : marks) {
        const int y = rowOf(mark);
        painter.setPen(QPen(markColor(), 2));
        painter.drawLine(bar.left() - 3, y, bar.right() + 3, y);
        QPainterPath arrow;
        arrow.moveTo(bar.left() - 3, y);
        arrow.lineTo(bar.left() - 10, y - 5);
        arrow.lineTo(bar.left() - 10, y + 5);
        arrow.closeSubpath();
        painter.fillPath(arrow, markColor());
        label(mark, markColor(), true);
    }
    label(m_style.rangeHigh, text, false);
    label(low, text, false);
    if (low < 0 && m_style.rangeHigh > 0)
        label(0, text, false);
}

} // namespace vindex::widgets
