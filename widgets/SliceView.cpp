#include "SliceView.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace vindex::widgets {
namespace {

// The colours of the sagittal, coronal and axial planes, as the 3D view frames them.
const QColor kPlaneColors[3] = {QColor(230, 77, 64), QColor(89, 204, 89), QColor(77, 140, 242)};
constexpr int kMargin = 4;

} // namespace

SliceView::SliceView(int axis, QWidget *parent) : QWidget(parent), m_axis(std::clamp(axis, 0, 2))
{
    static const char *names[3] = {"sagittalSlice", "coronalSlice", "axialSlice"};
    setObjectName(QString::fromLatin1(names[m_axis]));
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void SliceView::setVolume(std::shared_ptr<const VolumeData> volume)
{
    m_volume = std::move(volume);
    m_overlay.reset();
    if (m_volume) {
        const auto dims = m_volume->dimensions();
        m_cursor = {dims[0] / 2, dims[1] / 2, dims[2] / 2};
        m_windowLow = m_volume->displayLow();
        m_windowHigh = m_volume->displayHigh();
    }
    rebuildImage();
}

void SliceView::setWindow(double low, double high)
{
    m_windowLow = low;
    m_windowHigh = high;
    rebuildImage();
}

void SliceView::setOverlay(std::shared_ptr<const VoxelOverlay> overlay)
{
    if (overlay && (!m_volume || overlay->dimensions() != m_volume->dimensions()))
        overlay.reset();
    m_overlay = std::move(overlay);
    rebuildImage();
}

void SliceView::setOverlayStyle(const OverlayStyle &style)
{
    m_style = style;
    if (m_overlay)
        rebuildImage();
}

void SliceView::setCursor(const std::array<int, 3> &voxel)
{
    if (voxel == m_cursor)
        return;
    const bool newSlice = voxel[m_axis] != m_cursor[m_axis];
    m_cursor = voxel;
    if (newSlice)
        rebuildImage();
    else
        update();
}

void SliceView::rebuildImage()
{
    update();
    if (!m_volume) {
        m_image = QImage();
        return;
    }
    const auto dims = m_volume->dimensions();
    const int h = horizontalAxis(), v = verticalAxis();
    const int width = dims[h], height = dims[v];
    if (m_image.size() != QSize(width, height))
        m_image = QImage(width, height, QImage::Format_RGB32);
    const double span = m_windowHigh > m_windowLow ? m_windowHigh - m_windowLow : 1.0;
    std::array<int, 3> voxel = m_cursor;
    for (int row = 0; row < height; ++row) {
        auto *line = reinterpret_cast<QRgb *>(m_image.scanLine(row));
        voxel[v] = height - 1 - row; // the top row is the highest index
        for (int column = 0; column < width; ++column) {
            voxel[h] = column;
            const double grey =
                std::clamp((m_volume->voxel(voxel[0], voxel[1], voxel[2]) - m_windowLow) / span, 0.0, 1.0) * 255.0;
            double r = grey, g = grey, b = grey;
            if (m_overlay) {
                // Alpha over the grey, as the 3D view's image stack blends its overlay layer.
                const auto rgba = m_style.rgba(m_overlay->value(voxel[0], voxel[1], voxel[2]));
                const double a = rgba[3] / 255.0;
                r = grey * (1 - a) + rgba[0] * a;
                g = grey * (1 - a) + rgba[1] * a;
                b = grey * (1 - a) + rgba[2] * a;
            }
            line[column] = qRgb(int(std::lround(r)), int(std::lround(g)), int(std::lround(b)));
        }
    }
}

QRectF SliceView::imageRect() const
{
    if (!m_volume || m_image.isNull())
        return {};
    const auto spacing = m_volume->spacing();
    const double physicalWidth = m_image.width() * spacing[horizontalAxis()];
    const double physicalHeight = m_image.height() * spacing[verticalAxis()];
    const QRectF area = QRectF(rect()).adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const double scale = std::min(area.width() / physicalWidth, area.height() / physicalHeight);
    const QSizeF size(physicalWidth * scale, physicalHeight * scale);
    return QRectF(area.center() - QPointF(size.width() / 2, size.height() / 2), size);
}

QPointF SliceView::pointOf(const std::array<int, 3> &voxel) const
{
    const QRectF target = imageRect();
    if (target.isEmpty())
        return {};
    const double column = voxel[horizontalAxis()] + 0.5;
    const double row = m_image.height() - 1 - voxel[verticalAxis()] + 0.5;
    return {target.left() + column * target.width() / m_image.width(),
            target.top() + row * target.height() / m_image.height()};
}

std::optional<std::array<int, 3>> SliceView::voxelAt(const QPointF &point) const
{
    const QRectF target = imageRect();
    if (target.isEmpty() || !target.contains(point))
        return std::nullopt;
    const int column =
        std::clamp(int((point.x() - target.left()) * m_image.width() / target.width()), 0, m_image.width() - 1);
    const int row =
        std::clamp(int((point.y() - target.top()) * m_image.height() / target.height()), 0, m_image.height() - 1);
    std::array<int, 3> voxel = m_cursor;
    voxel[horizontalAxis()] = column;
    voxel[verticalAxis()] = m_image.height() - 1 - row;
    return voxel;
}

QString SliceView::orientationLetter(int voxelAxis, bool positive) const
{
    // The world direction (RAS) the voxel axis points to most.
    const auto &m = m_volume->voxelToWorld();
    int dominant = 0;
    for (int world = 1; world < 3; ++world)
        if (std::abs(m[world * 4 + voxelAxis]) > std::abs(m[dominant * 4 + voxelAxis]))
            dominant = world;
    const bool towardsPlus = (m[dominant * 4 + voxelAxis] >= 0) == positive;
    static const char *letters[3][2] = {{"L", "R"}, {"P", "A"}, {"I", "S"}};
    return QString::fromLatin1(letters[dominant][towardsPlus ? 1 : 0]);
}

void SliceView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(16, 20, 26));
    if (!m_volume || m_image.isNull())
        return;
    const QRectF target = imageRect();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false); // voxels as crisp squares
    painter.drawImage(target, m_image);

    // The cursor: the lines where the other two slices cut this one.
    const QPointF centre = pointOf(m_cursor);
    painter.setRenderHint(QPainter::Antialiasing, true);
    QColor vertical = kPlaneColors[horizontalAxis()], horizontal = kPlaneColors[verticalAxis()];
    vertical.setAlpha(200);
    horizontal.setAlpha(200);
    painter.setPen(QPen(vertical, 1.2));
    painter.drawLine(QPointF(centre.x(), target.top()), QPointF(centre.x(), target.bottom()));
    painter.setPen(QPen(horizontal, 1.2));
    painter.drawLine(QPointF(target.left(), centre.y()), QPointF(target.right(), centre.y()));
    painter.setPen(QPen(kPlaneColors[m_axis], hasFocus() ? 2.5 : 1.5));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(target.adjusted(-1, -1, 1, 1));

    // Name and index of the slice, and which way is which.
    static const char *axisNames[3] = {"x", "y", "z"};
    const QString names[3] = {tr("Sagittal"), tr("Coronal"), tr("Axial")};
    const QFontMetrics metrics(font());
    const QString title =
        QStringLiteral("%1  %2 = %3").arg(names[m_axis], QLatin1String(axisNames[m_axis])).arg(m_cursor[m_axis]);
    QRect titleRect = metrics.boundingRect(title).adjusted(-4, -1, 4, 1);
    titleRect.moveTopLeft(QPoint(6, 6));
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(10, 14, 20, 170));
    painter.drawRoundedRect(titleRect, 3, 3);
    painter.setPen(QColor(0xe4, 0xea, 0xf2));
    painter.drawText(titleRect, Qt::AlignCenter, title);
    const int h = horizontalAxis(), v = verticalAxis();
    const int w = metrics.horizontalAdvance(QLatin1Char('M'));
    // Orientation letters on small dark plates, readable over any voxel colour.
    const auto letter = [&](const QPointF &centre, const QString &text) {
        const QRectF plate(centre.x() - w * 0.75, centre.y() - metrics.height() * 0.55, w * 1.5,
                           metrics.height() * 1.1);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(10, 14, 20, 170));
        painter.drawRoundedRect(plate, 3, 3);
        painter.setPen(QColor(0xe4, 0xea, 0xf2));
        painter.drawText(plate, Qt::AlignCenter, text);
    };
    const double inset = metrics.height() * 0.75;
    letter(QPointF(target.left() + inset, target.center().y()), orientationLetter(h, false));
    letter(QPointF(target.right() - inset, target.center().y()), orientationLetter(h, true));
    letter(QPointF(target.center().x(), target.top() + inset), orientationLetter(v, true));
    letter(QPointF(target.center().x(), target.bottom() - inset), orientationLetter(v, false));
}

void SliceView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    setFocus(Qt::MouseFocusReason);
    m_lastDragVoxel = voxelAt(event->position());
    if (m_lastDragVoxel)
        emit cursorRequested((*m_lastDragVoxel)[0], (*m_lastDragVoxel)[1], (*m_lastDragVoxel)[2], false);
}

void SliceView::mouseMoveEvent(QMouseEvent *event)
{
    const auto voxel = voxelAt(event->position());
    if (voxel)
        emit voxelHovered((*voxel)[0], (*voxel)[1], (*voxel)[2]);
    else
        emit hoverLeft();
    if ((event->buttons() & Qt::LeftButton) && voxel && voxel != m_lastDragVoxel) {
        const bool continuing = m_lastDragVoxel.has_value();
        m_lastDragVoxel = voxel;
        emit cursorRequested((*voxel)[0], (*voxel)[1], (*voxel)[2], continuing);
    }
}

void SliceView::keyPressEvent(QKeyEvent *event)
{
    int step = 0;
    switch (event->key()) {
    case Qt::Key_Up: step = 1; break;
    case Qt::Key_Down: step = -1; break;
    case Qt::Key_PageUp: step = 5; break;
    case Qt::Key_PageDown: step = -5; break;
    default: break;
    }
    if (step == 0 || !m_volume || (event->modifiers() & ~Qt::KeypadModifier) != Qt::NoModifier) {
        QWidget::keyPressEvent(event);
        return;
    }
    std::array<int, 3> voxel = m_cursor;
    voxel[m_axis] = std::clamp(voxel[m_axis] + step, 0, m_volume->dimensions()[m_axis] - 1);
    if (voxel != m_cursor)
        emit cursorRequested(voxel[0], voxel[1], voxel[2], true);
}

void SliceView::leaveEvent(QEvent *event)
{
    emit hoverLeft();
    QWidget::leaveEvent(event);
}

} // namespace vindex::widgets
