#include "FigureExporter.h"

#include "WindowGrabber.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QGraphicsView>
#include <QMainWindow>
#include <QOpenGLWidget>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace vindex::studio {
namespace {

// The picture of a view whose pixels come from OpenGL: the whole window through WindowGrabber (its docks are
// widgets, its 3D view a framebuffer), a lone OpenGL view from its framebuffer.
QImage grabbedPicture(QWidget *view)
{
    if (qobject_cast<QMainWindow *>(view))
        return widgets::WindowGrabber::grab(view);
    if (auto *gl = qobject_cast<QOpenGLWidget *>(view))
        return gl->grabFramebuffer();
    return {};
}

} // namespace

void FigureExporter::paint(QWidget *view, QPainter &painter, QSize size)
{
    const QSize natural = view->size().isEmpty() ? size : view->size();
    const QSize fitted = natural.scaled(size, Qt::KeepAspectRatio);
    const QRect target(QPoint((size.width() - fitted.width()) / 2, (size.height() - fitted.height()) / 2), fitted);
    const QImage picture = grabbedPicture(view);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    if (!picture.isNull()) {
        painter.fillRect(QRect(QPoint(0, 0), size), picture.pixelColor(0, 0));
        painter.drawImage(target, picture);
        return;
    }
    painter.fillRect(QRect(QPoint(0, 0), size), view->palette().color(QPalette::Window));
    if (auto *graphics = qobject_cast<QGraphicsView *>(view)) {
        // A chart: its scene drawn into the target, vectors at any size.
        graphics->render(&painter, QRectF(target), graphics->viewport()->rect(), Qt::KeepAspectRatio);
        return;
    }
    const double scale = double(fitted.width()) / natural.width();
    painter.translate(target.topLeft());
    painter.scale(scale, scale);
    view->render(&painter, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
}

QImage FigureExporter::render(QWidget *view, QSize size)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    paint(view, painter, size);
    painter.end();
    return image;
}

bool FigureExporter::save(QWidget *view, const QString &path, QSize size, QString *error)
{
    const QString shown = QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath());
    const QString suffix = QFileInfo(path).suffix().toLower();
    QByteArray bytes;
    if (suffix == QLatin1String("png")) {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        render(view, size).save(&buffer, "PNG");
    } else if (suffix == QLatin1String("svg")) {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setTitle(QFileInfo(path).completeBaseName());
        generator.setDescription(tr("Figure exported by VINDEX Studio"));
        QPainter painter(&generator);
        paint(view, painter, size);
        painter.end();
    } else {
        if (error)
            *error = tr("Cannot export %1: choose a .png or .svg file").arg(shown);
        return false;
    }
    QSaveFile file(path);
    if (bytes.isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error =
                tr("Cannot write %1: %2").arg(shown, bytes.isEmpty() ? tr("nothing was drawn") : file.errorString());
        return false;
    }
    return true;
}

} // namespace vindex::studio
