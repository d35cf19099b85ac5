#pragma once
// A figure of one view at a chosen size, as PNG or SVG (by the file's extension). Widgets drawn with QPainter (the
// stimulus, the compare view and its chart) are painted again at the new size, so text and lines stay sharp and the
// SVG holds vectors; OpenGL views (the 3D brain view) are grabbed from their framebuffer and scaled, and an SVG
// embeds that picture. The view keeps its aspect ratio, centred on its own background. Written atomically.
#include <QCoreApplication>
#include <QImage>
#include <QSize>
#include <QString>

class QPainter;
class QWidget;

namespace vindex::studio {

class FigureExporter {
    Q_DECLARE_TR_FUNCTIONS(FigureExporter)

public:
    // False with a message naming the file for an unknown extension or a failed write.
    static bool save(QWidget *view, const QString &path, QSize size, QString *error);
    // The view painted into an image of exactly this size.
    static QImage render(QWidget *view, QSize size);

private:
    static void paint(QWidget *view, QPainter &painter, QSize size);
};

} // namespace vindex::studio
