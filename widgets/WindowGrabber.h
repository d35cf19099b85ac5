#pragma once
// Renders a window with everything it shows into an image, including OpenGL (VTK) views.
// QWidget::grab() paints widgets through their paint events; whether the content of a QOpenGLWidget ends up
// in that image depends on the Qt version and platform. Each visible QOpenGLWidget is therefore rendered into
// its framebuffer (QOpenGLWidget::grabFramebuffer) and drawn over its place in the grabbed image, followed by
// the widgets that lie on top of it.
#include <QImage>

class QWidget;

namespace vindex::widgets {

class WindowGrabber {
public:
    static QImage grab(QWidget *window);
};

} // namespace vindex::widgets
