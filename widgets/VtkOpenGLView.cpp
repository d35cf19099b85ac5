#include "VtkOpenGLView.h"

// VTK headers first: vtkOpenGLState.h and friends must not see Qt's GL headers before their own.
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>

#include <QKeyEvent>
#include <QMouseEvent>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QScopedValueRollback>
#include <QWheelEvent>

namespace vindex::widgets {

VtkOpenGLView::VtkOpenGLView(QWidget *parent)
    : QOpenGLWidget(parent), m_renderWindow(vtkSmartPointer<vtkGenericOpenGLRenderWindow>::New()),
      m_renderer(vtkSmartPointer<vtkRenderer>::New()),
      m_interactor(vtkSmartPointer<vtkGenericRenderWindowInteractor>::New())
{
    setFormat(defaultFormat());
    setFocusPolicy(Qt::StrongFocus);
    // VTK redraws the whole view each frame; Qt need not preserve the previous content.
    setUpdateBehavior(QOpenGLWidget::NoPartialUpdate);
    setMouseTracking(true);
    setMinimumSize(64, 64);

    // Nothing may render before initializeGL has given VTK a context.
    m_renderWindow->SetReadyForRendering(false);
    // VTK renders into its own framebuffer; paintGL copies it into the widget's framebuffer.
    m_renderWindow->SetFrameBlitModeToNoBlit();
    m_renderWindow->AddRenderer(m_renderer);

    // The context belongs to Qt: VTK asks through these events to make it current or whether it is.
    m_renderWindow->AddObserver(vtkCommand::WindowMakeCurrentEvent, this, &VtkOpenGLView::onRenderWindowEvent);
    m_renderWindow->AddObserver(vtkCommand::WindowIsCurrentEvent, this, &VtkOpenGLView::onRenderWindowEvent);
    m_renderWindow->AddObserver(vtkCommand::WindowFrameEvent, this, &VtkOpenGLView::onRenderWindowEvent);

    m_interactor->SetRenderWindow(m_renderWindow);
    auto style = vtkSmartPointer<vtkInteractorStyleTrackballCamera>::New();
    m_interactor->SetInteractorStyle(style);
    // Interaction does not render directly (that would happen outside paintGL); its render requests become
    // Qt updates instead.
    m_interactor->EnableRenderOff();
    m_interactor->AddObserver(vtkCommand::RenderEvent, this, &VtkOpenGLView::onRenderWindowEvent);
    m_interactor->Initialize();
}

VtkOpenGLView::~VtkOpenGLView()
{
    // Release VTK's textures and buffers while the context still exists.
    releaseGraphics();
    m_renderWindow->RemoveAllObservers();
    m_interactor->RemoveAllObservers();
}

QSurfaceFormat VtkOpenGLView::defaultFormat()
{
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setSwapBehavior(QSurfaceFormat::DoubleBuffer);
    format.setRedBufferSize(8);
    format.setGreenBufferSize(8);
    format.setBlueBufferSize(8);
    format.setAlphaBufferSize(8);
    format.setDepthBufferSize(24);
    format.setStencilBufferSize(0);
    format.setSamples(0);
    return format;
}

bool VtkOpenGLView::isOpenGLAvailable()
{
    QOpenGLContext context;
    context.setFormat(defaultFormat());
    if (!context.create())
        return false;
    QOffscreenSurface surface;
    surface.setFormat(context.format());
    surface.create();
    const bool current = surface.isValid() && context.makeCurrent(&surface);
    const QSurfaceFormat actual = context.format();
    if (current)
        context.doneCurrent();
    return current && (actual.majorVersion() > 3 || (actual.majorVersion() == 3 && actual.minorVersion() >= 2));
}

vtkRenderer *VtkOpenGLView::renderer() const
{
    return m_renderer;
}
vtkGenericOpenGLRenderWindow *VtkOpenGLView::renderWindow() const
{
    return m_renderWindow;
}
vtkGenericRenderWindowInteractor *VtkOpenGLView::interactor() const
{
    return m_interactor;
}

void VtkOpenGLView::requestRender()
{
    update();
}

void VtkOpenGLView::initializeGL()
{
    // A context is created anew when the widget moves to another top-level window (e.g. a floating dock);
    // resources of the old one must go first.
    if (m_initialized)
        releaseGraphics();
    connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, &VtkOpenGLView::releaseGraphics,
            Qt::UniqueConnection);

    auto *state = m_renderWindow->GetState();
    state->Reset();
    m_renderWindow->SetOwnContext(false);
    m_renderWindow->SetForceMaximumHardwareLineWidth(1);
    m_renderWindow->SetReadyForRendering(true);
    // The context is current here: let VTK load its GL functions and set up its state for it.
    m_renderWindow->OpenGLInitContext();
    m_initialized = true;
    updateInteractorSize();
}

void VtkOpenGLView::resizeGL(int, int)
{
    updateInteractorSize();
}

void VtkOpenGLView::updateInteractorSize()
{
    const qreal ratio = devicePixelRatioF();
    const int w = qRound(width() * ratio);
    const int h = qRound(height() * ratio);
    // UpdateSize resizes the render window too and keeps the interactor's y flip in step.
    m_interactor->UpdateSize(w, h);
    m_renderWindow->SetSize(w, h);
}

void VtkOpenGLView::paintGL()
{
    if (!m_initialized)
        return;
    QScopedValueRollback<bool> inPaint(m_inPaint, true);
    // Qt changed GL state behind VTK's cache since the last frame: re-read it, and restore Qt's state after.
    auto *state = m_renderWindow->GetState();
    state->Reset();
    state->ResetFramebufferBindings(); // the widget's framebuffer, bound by Qt
    state->Push();
    // Qt leaves the depth test at GL_LESS; VTK expects GL_LEQUAL.
    state->vtkglDepthFunc(GL_LEQUAL);

    m_renderWindow->Render();

    // A render may trigger progress updates elsewhere that switch contexts; ours must be current to blit.
    makeCurrent();
    QOpenGLExtraFunctions *f = context()->extraFunctions();
    f->glBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
    const GLenum drawBuffer = GL_COLOR_ATTACHMENT0;
    f->glDrawBuffers(1, &drawBuffer);
    const bool scissor = f->glIsEnabled(GL_SCISSOR_TEST);
    if (scissor) {
        state->vtkglDisable(GL_SCISSOR_TEST);
        f->glDisable(GL_SCISSOR_TEST);
    }

    const qreal ratio = devicePixelRatioF();
    const int w = qRound(width() * ratio);
    const int h = qRound(height() * ratio);
    int *source = m_renderWindow->GetRenderFramebuffer()->GetLastSize();
    m_renderWindow->BlitDisplayFramebuffer(0, 0, 0, source[0], source[1], 0, 0, w, h, GL_COLOR_BUFFER_BIT, GL_LINEAR);

    // Opaque alpha: with Mesa the window would otherwise blend the view with what lies behind it.
    GLboolean mask[4];
    f->glGetBooleanv(GL_COLOR_WRITEMASK, mask);
    GLfloat clear[4];
    f->glGetFloatv(GL_COLOR_CLEAR_VALUE, clear);
    f->glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
    f->glClearColor(0, 0, 0, 1);
    f->glClear(GL_COLOR_BUFFER_BIT);
    f->glColorMask(mask[0], mask[1], mask[2], mask[3]);
    f->glClearColor(clear[0], clear[1], clear[2], clear[3]);

    if (scissor) {
        state->vtkglEnable(GL_SCISSOR_TEST);
        f->glEnable(GL_SCISSOR_TEST);
    }
    state->Pop();
    emit rendered();
}

void VtkOpenGLView::releaseGraphics()
{
    if (!m_initialized)
        return;
    makeCurrent();
    m_renderWindow->Finalize();
    m_renderWindow->SetReadyForRendering(false);
    doneCurrent();
    m_initialized = false;
}

void VtkOpenGLView::onRenderWindowEvent(vtkObject *, unsigned long eventId, void *callData)
{
    switch (eventId) {
    case vtkCommand::WindowMakeCurrentEvent:
        // Only the context, not QOpenGLWidget::makeCurrent(): that also binds the widget's framebuffer, behind
        // the back of VTK's cached GL state, and VTK would then draw into (and re-attach) the wrong one.
        if (context() && QOpenGLContext::currentContext() != context())
            context()->makeCurrent(context()->surface());
        break;
    case vtkCommand::WindowIsCurrentEvent: {
        QOpenGLContext *current = QOpenGLContext::currentContext();
        *static_cast<bool *>(callData) = current && current == context();
        break;
    }
    case vtkCommand::WindowFrameEvent:
        // A render started outside paintGL (someone called Render() directly): show its result.
        if (!m_inPaint)
            update();
        break;
    case vtkCommand::RenderEvent: update(); break;
    default: break;
    }
}

void VtkOpenGLView::setEventInformation(const QPointF &position, Qt::KeyboardModifiers modifiers, int repeat)
{
    const qreal ratio = devicePixelRatioF();
    m_interactor->SetEventInformationFlipY(qRound(position.x() * ratio), qRound(position.y() * ratio),
                                           modifiers.testFlag(Qt::ControlModifier) ? 1 : 0,
                                           modifiers.testFlag(Qt::ShiftModifier) ? 1 : 0, 0, repeat);
    m_interactor->SetAltKey(modifiers.testFlag(Qt::AltModifier) ? 1 : 0);
}

void VtkOpenGLView::mousePressEvent(QMouseEvent *event)
{
    setEventInformation(event->position(), event->modifiers());
    switch (event->button()) {
    case Qt::LeftButton: m_interactor->InvokeEvent(vtkCommand::LeftButtonPressEvent, event); break;
    case Qt::MiddleButton: m_interactor->InvokeEvent(vtkCommand::MiddleButtonPressEvent, event); break;
    case Qt::RightButton: m_interactor->InvokeEvent(vtkCommand::RightButtonPressEvent, event); break;
    default: QOpenGLWidget::mousePressEvent(event); return;
    }
    event->accept();
}

void VtkOpenGLView::mouseDoubleClickEvent(QMouseEvent *event)
{
    // VTK reads a repeat count of 1 as a double click.
    setEventInformation(event->position(), event->modifiers(), 1);
    if (event->button() == Qt::LeftButton)
        m_interactor->InvokeEvent(vtkCommand::LeftButtonPressEvent, event);
    event->accept();
}

void VtkOpenGLView::mouseReleaseEvent(QMouseEvent *event)
{
    setEventInformation(event->position(), event->modifiers());
    switch (event->button()) {
    case Qt::LeftButton: m_interactor->InvokeEvent(vtkCommand::LeftButtonReleaseEvent, event); break;
    case Qt::MiddleButton: m_interactor->InvokeEvent(vtkCommand::MiddleButtonReleaseEvent, event); break;
    case Qt::RightButton: m_interactor->InvokeEvent(vtkCommand::RightButtonReleaseEvent, event); break;
    default: QOpenGLWidget::mouseReleaseEvent(event); return;
    }
    event->accept();
}

void VtkOpenGLView::mouseMoveEvent(QMouseEvent *event)
{
    setEventInformation(event->position(), event->modifiers());
    m_interactor->InvokeEvent(vtkCommand::MouseMoveEvent, event);
    event->accept();
}

void VtkOpenGLView::wheelEvent(QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        event->ignore();
        return;
    }
    setEventInformation(event->position(), event->modifiers());
    m_interactor->InvokeEvent(delta > 0 ? vtkCommand::MouseWheelForwardEvent : vtkCommand::MouseWheelBackwardEvent,
                              event);
    event->accept();
}

bool VtkOpenGLView::forwardKey(QKeyEvent *event, bool press)
{
    const QString text = event->text();
    const char ascii = text.size() == 1 && text.at(0).unicode() < 128 ? text.at(0).toLatin1() : '\0';
    // The trackball style's '3' switches to hardware stereo, which this window cannot do, and 'e'/'q' mean
    // "quit the VTK event loop", which does not exist here.
    if (ascii == '3' || ascii == 'e' || ascii == 'q' || ascii == 'E' || ascii == 'Q')
        return false;
    const char *keySym = nullptr;
    switch (event->key()) {
    case Qt::Key_Left: keySym = "Left"; break;
    case Qt::Key_Right: keySym = "Right"; break;
    case Qt::Key_Up: keySym = "Up"; break;
    case Qt::Key_Down: keySym = "Down"; break;
    default: break;
    }
    if (!keySym && !ascii)
        return false;
    const std::string sym = keySym ? keySym : std::string(1, ascii);
    const Qt::KeyboardModifiers modifiers = event->modifiers();
    m_interactor->SetKeyEventInformation(modifiers.testFlag(Qt::ControlModifier) ? 1 : 0,
                                         modifiers.testFlag(Qt::ShiftModifier) ? 1 : 0, ascii,
                                         event->isAutoRepeat() ? 1 : 0, sym.c_str());
    m_interactor->SetAltKey(modifiers.testFlag(Qt::AltModifier) ? 1 : 0);
    m_interactor->InvokeEvent(press ? vtkCommand::KeyPressEvent : vtkCommand::KeyReleaseEvent, event);
    if (press && ascii)
        m_interactor->InvokeEvent(vtkCommand::CharEvent, event);
    return true;
}

void VtkOpenGLView::keyPressEvent(QKeyEvent *event)
{
    if (forwardKey(event, true))
        event->accept();
    else
        QOpenGLWidget::keyPressEvent(event);
}

void VtkOpenGLView::keyReleaseEvent(QKeyEvent *event)
{
    if (forwardKey(event, false))
        event->accept();
    else
        QOpenGLWidget::keyReleaseEvent(event);
}

void VtkOpenGLView::enterEvent(QEnterEvent *event)
{
    setEventInformation(event->position(), event->modifiers());
    m_interactor->InvokeEvent(vtkCommand::EnterEvent, event);
    QOpenGLWidget::enterEvent(event);
}

void VtkOpenGLView::leaveEvent(QEvent *event)
{
    m_interactor->InvokeEvent(vtkCommand::LeaveEvent, event);
    QOpenGLWidget::leaveEvent(event);
}

} // namespace vindex::widgets
