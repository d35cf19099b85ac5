#include "StimulusView.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace vindex::widgets {
namespace {

constexpr int kMargin = 8;

// Distinct, saturated colours that read on photographs; categories pick one by a stable hash.
const QColor kPalette[] = {QColor(0xff, 0xb0, 0x00), QColor(0x00, 0xc8, 0xff), QColor(0xff, 0x4f, 0x9a),
                           QColor(0x6c, 0xe0, 0x4a), QColor(0xb3, 0x8c, 0xff), QColor(0xff, 0x7a, 0x3d),
                           QColor(0x2e, 0xe6, 0xc5), QColor(0xff, 0xe1, 0x4d)};

} // namespace

StimulusView::StimulusView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("stimulusView"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_placeholder = tr("No trial selected");
}

void StimulusView::setImage(const QImage &image)
{
    m_image = image;
    update();
}

void StimulusView::setBoxes(QList<Box> boxes)
{
    m_boxes = std::move(boxes);
    update();
}

void StimulusView::setBoxesVisible(bool visible)
{
    if (visible == m_boxesVisible)
        return;
    m_boxesVisible = visible;
    update();
    emit boxesVisibleChanged(visible);
}

void StimulusView::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    update();
}

void StimulusView::clear()
{
    m_image = QImage();
    m_boxes.clear();
    update();
}

QRect StimulusView::imageRect() const
{
    if (m_image.isNull())
        return {};
    const QRect area = rect().adjusted(kMargin, kMargin, -kMargin, -kMargin);
    if (area.width() <= 0 || area.height() <= 0)
        return {};
    const QSize size = m_image.size().scaled(area.size(), Qt::KeepAspectRatio);
    return QRect(area.x() + (area.width() - size.width()) / 2, area.y() + (area.height() - size.height()) / 2,
                 size.width(), size.height());
}

QColor StimulusView::categoryColor(const QString &category)
{
    // FNV-1a over the UTF-16 code units: stable across runs (qHash is seeded per process).
    quint32 hash = 2166136261u;
    for (const QChar c : category) {
        hash ^= c.unicode();
        hash *= 16777619u;
    }
    return kPalette[hash % (sizeof(kPalette) / sizeof(kPalette[0]))];
}

QSize StimulusView::sizeHint() const
{
    return {360, 360};
}

QSize StimulusView::minimumSizeHint() const
{
    return {160, 120};
}

void StimulusView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    // A dark neutral backdrop, as in the 3D view: the picture's own edges (often grey) stay visible.
    painter.fillRect(rect(), QColor(0x22, 0x26, 0x2c));

    if (m_image.isNull()) {
        painter.setPen(QColor(0xb8, 0xc2, 0xce));
        painter.drawText(rect().adjusted(kMargin, kMargin, -kMargin, -kMargin), Qt::AlignCenter | Qt::TextWordWrap,
                         m_placeholder);
        return;
    }

    const QRect target = imageRect();
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.drawImage(target, m_image);
    if (!m_boxesVisible || m_boxes.isEmpty())
        return;

    QFont labelFont = font();
    labelFont.setBold(true);
    labelFont.setPointSizeF(std::max(7.0, labelFont.pointSizeF() * 0.9));
    const QFontMetrics metrics(labelFont);
    painter.setFont(labelFont);
    painter.setClipRect(target.adjusted(-1, -1, 1, 1));
    const double lineWidth = std::clamp(target.width() / 180.0, 2.0, 4.0);
    for (const Box &box : m_boxes) {
        const QRectF r(target.x() + box.rect.left() * target.width(), target.y() + box.rect.top() * target.height(),
                       box.rect.width() * target.width(), box.rect.height() * target.height());
        const QColor color = box.color.isValid() ? box.color : categoryColor(box.category);
        // A dark halo under the coloured line keeps the box visible on bright and on dark pictures.
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(QColor(0, 0, 0, 140), lineWidth + 2));
        painter.drawRect(r);
        painter.setPen(QPen(color, lineWidth, box.style));
        painter.drawRect(r);

        if (box.category.isEmpty())
            continue;
        // The label sits on the box's top edge, inside the image: above the box when there is room, else inside.
        const int textWidth = metrics.horizontalAdvance(box.category);
        const QSizeF labelSize(textWidth + 8, metrics.height() + 2);
        QPointF topLeft(r.left() - lineWidth / 2, r.top() - labelSize.height());
        if (topLeft.y() < target.top())
            topLeft.setY(r.top() + lineWidth / 2);
        topLeft.setX(std::clamp(topLeft.x(), double(target.left()),
                                std::max(double(target.left()), target.right() - labelSize.width())));
        const QRectF label(topLeft, labelSize);
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawRect(label);
        painter.setPen(qGray(color.rgb()) > 150 ? Qt::black : Qt::white);
        painter.drawText(label, Qt::AlignCenter, box.category);
    }
}

} // namespace vindex::widgets
