#pragma once
// VTK rendering inside a QOpenGLWidget.
//
// Debian's VTK Qt module is built against Qt 5, so it cannot be used with Qt 6. This widget does what VTK's
// QVTKOpenGLNativeWidget does, with plain VTK rendering modules: a vtkGenericOpenGLRenderWindow renders with
// the widget's OpenGL context into VTK's own framebuffer, and paintGL blits the result into the widget's
// framebuffer. Mouse, wheel and key events go to a vtkGenericRenderWindowInteractor with a trackball-camera
// style, so the user can rotate, pan and zoom.
#include <QOpenGLWidget>
#include <QSurfaceFormat>

#include <vtkSmartPointer.h>

class vtkGenericOpenGLRenderWindow;
class vtkGenericRenderWindowInteractor;
class vtkObject;
class vtkRenderer;

namespace vindex::widgets {

class VtkOpenGLView : public QOpenGLWidget {
    Q_OBJECT

public:
    explicit VtkOpenGLView(QWidget *parent = nullptr);
    ~VtkOpenGLView() override;

    // The OpenGL format VTK needs (3.2 core profile, depth buffer). Applications should pass it to
    // QSurfaceFormat::setDefaultFormat() before creating the QApplication; the view also sets it on itself.
    static QSurfaceFormat defaultFormat();
    // Whether an OpenGL context of that format can be made on this display (call after QGuiApplication exists).
    // Without one, showing the view would fail inside Qt (e.g. the "offscreen" platform without GLX).
    static bool isOpenGLAvailable();

    vtkRenderer *renderer() const;
    vtkGenericOpenGLRenderWindow *renderWindow() const;
    vtkGenericRenderWindowInteractor *interactor() const;

    // Schedules a repaint; VTK renders inside paintGL, where the widget's context is current.
    void requestRender();

signals:
    // Emitted after each VTK render into the widget.
    void rendered();

protected:
    void initializeGL() override;
    void resizeGL(int width, int height) override;
    void paintGL() override;

    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void enterEvent(QEnterEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void onRenderWindowEvent(vtkObject *caller, unsigned long eventId, void *callData);
    void releaseGraphics();
    void updateInteractorSize();
    // Sets the interactor's position and modifier state from a Qt event (device pixels, y flipped).
    void setEventInformation(const QPointF &position, Qt::KeyboardModifiers modifiers, int repeat = 0);
    bool forwardKey(QKeyEvent *event, bool press);

    vtkSmartPointer<vtkGenericOpenGLRenderWindow> m_renderWindow;
    vtkSmartPointer<vtkRenderer> m_renderer;
    vtkSmartPointer<vtkGenericRenderWindowInteractor> m_interactor;
    bool m_initialized = false;
    bool m_inPaint = false;
};

} // namespace vindex::widgets
