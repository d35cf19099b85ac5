#include "WindowGrabber.h"

#include <QOpenGLWidget>
#include <QPainter>
#include <QPixmap>
#include <QWidget>

namespace vindex::widgets {

QImage WindowGrabber::grab(QWidget *window)
{
    if (!window)
        return {};
    QImage image = window->grab().toImage().convertToFormat(QImage::Format_RGB32);
    QPainter painter(&image);
    const auto views = window->findChildren<QOpenGLWidget *>();
    for (QOpenGLWidget *view : views) {
        if (!view->isVisible() || view->window() != window)
            continue; // hidden, or inside a floating dock that is a window of its own
        const QImage frame = view->grabFramebuffer();
        if (frame.isNull())
            continue;
        // Only the part of the view that is not covered by other widgets (e.g. overlapping children).
        const QRegion visible = view->visibleRegion();
        if (visible.isEmpty())
            continue;
        const QPoint offset = view->mapTo(window, QPoint(0, 0));
        painter.save();
        painter.setClipRegion(visible.translated(offset));
        painter.drawImage(QRect(offset, view->size()), frame);
        painter.restore();
        // Widgets laid over the view (labels, hints) are painted again on top of its pixels.
        for (QWidget *child : view->findChildren<QWidget *>(Qt::FindDirectChildrenOnly))
            if (child->isVisible())
                child->render(&painter, offset + child->pos(), QRegion(), QWidget::DrawChildren);
    }
    painter.end();
    return image;
}

} // namespace vindex::widgets
