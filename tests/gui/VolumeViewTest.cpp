// The 3D view: VTK renders inside the QOpenGLWidget, shows an opened volume, and follows the mouse.
#include "GuiTestSupport.h"

#include "VolumeData.h"
#include "VolumeView.h"
#include "WindowGrabber.h"

#include <vtkCamera.h>
#include <vtkRenderer.h>

#include <QLabel>
#include <QMouseEvent>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <cmath>

using vindex::widgets::VolumeData;
using vindex::widgets::VolumeView;
using vindex::widgets::WindowGrabber;

class VolumeViewTest : public QObject {
    Q_OBJECT

private:
    // A ball of bright voxels in a dark box with a gradient: an image with structure everywhere.
    static std::shared_ptr<const VolumeData> syntheticVolume()
    {
        const int n = 40;
        std::vector<float> voxels(static_cast<std::size_t>(n) * n * n);
        for (int z = 0; z < n; ++z)
            for (int y = 0; y < n; ++y)
                for (int x = 0; x < n; ++x) {
                    const double r = std::hypot(x - n / 2.0, y - n / 2.0, z - n / 2.0);
                    voxels[x + n * (y + n * z)] = static_cast<float>((r < n / 3.0 ? 800.0 : 100.0) + 5.0 * x);
                }
        auto volume = std::make_shared<VolumeData>(std::array<int, 3>{n, n, n}, std::move(voxels));
        volume->setSpacing({2.0, 2.0, 2.0});
        volume->setVoxelToWorld({2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1});
        return volume;
    }

    static void sendMouse(QWidget *widget, QEvent::Type type, QPointF position, Qt::MouseButton button,
                          Qt::MouseButtons buttons)
    {
        QMouseEvent event(type, position, widget->mapToGlobal(position), button, buttons, Qt::NoModifier);
        QApplication::sendEvent(widget, &event);
    }

private slots:
    void initTestCase() { VINDEX_REQUIRE_OPENGL(); }

    // (1) the 3D view shows the opened volume: its pixels vary, with many grey levels, unlike an empty view.
    void showsOpenedVolume()
    {
        if (!GuiTestSupport::hasT1Volume())
            QSKIP("mini-nsd fixture not found");
        VolumeView view;
        view.resize(640, 480);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        const QImage empty = view.grabFramebuffer();
        QCOMPARE(empty.size(), QSize(640, 480) * view.devicePixelRatio());

        view.openFile(GuiTestSupport::t1Volume());
        QVERIFY(view.hasVolume());
        QCOMPARE(view.volume()->dimensions(), (std::array<int, 3>{9, 11, 7}));
        const QImage shown = view.grabFramebuffer();
        QCOMPARE(shown.size(), empty.size());
        GuiTestSupport::keep(empty, QStringLiteral("volume_view_empty"));
        GuiTestSupport::keep(shown, QStringLiteral("volume_view_t1"));

        const int colors = GuiTestSupport::distinctColors(shown);
        const int greys = GuiTestSupport::distinctGreys(shown);
        const double changed = GuiTestSupport::differingFraction(empty, shown);
        qInfo("distinct colours %d, grey levels %d, pixels changed by the volume %.1f%%", colors, greys, 100 * changed);
        QVERIFY2(colors > 64, "the view is (nearly) uniform");
        // 9 × 11 × 7 random voxels on three slices: dozens of different grey blocks.
        QVERIFY2(greys > 30, "the grey slices are missing");
        QVERIFY2(changed > 0.10, "the volume covers too little of the view");
        QVERIFY(GuiTestSupport::luminanceSpread(shown) > 10.0);
    }

    // The synthetic ball is visible without any fixture, and the view's content reaches WindowGrabber.
    void showsSyntheticVolumeInGrabbedWindow()
    {
        QWidget window;
        auto *layout = new QVBoxLayout(&window);
        layout->addWidget(new QLabel(QStringLiteral("A label above the view")));
        auto *view = new VolumeView;
        layout->addWidget(view, 1);
        window.resize(500, 420);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        view->setVolume(syntheticVolume());
        const QImage grabbed = WindowGrabber::grab(&window);
        GuiTestSupport::keep(grabbed, QStringLiteral("volume_view_grabbed_window"));
        GuiTestSupport::keep(view->grabFramebuffer(), QStringLiteral("volume_view_synthetic"));
        QCOMPARE(grabbed.size(), window.size() * window.devicePixelRatio());
        const QRect viewRect(view->mapTo(&window, QPoint(0, 0)), view->size());
        QVERIFY(GuiTestSupport::distinctGreys(grabbed, viewRect) > 20);
        QVERIFY(GuiTestSupport::luminanceSpread(grabbed, viewRect) > 10.0);
        // The grabbed window shows the same picture as the view's own framebuffer.
        const QImage frame = view->grabFramebuffer();
        QVERIFY(GuiTestSupport::differingFraction(grabbed.copy(viewRect), frame) < 0.02);
    }

    // Left drag rotates the camera, the wheel zooms, and both change the picture.
    void mouseRotatesAndZooms()
    {
        VolumeView view;
        view.resize(480, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setVolume(syntheticVolume());
        const QImage before = view.grabFramebuffer();

        vtkCamera *camera = view.renderer()->GetActiveCamera();
        double position[3];
        camera->GetPosition(position);
        const QPointF start(240, 200);
        sendMouse(&view, QEvent::MouseButtonPress, start, Qt::LeftButton, Qt::LeftButton);
        for (int step = 1; step <= 10; ++step)
            sendMouse(&view, QEvent::MouseMove, start + QPointF(8 * step, 3 * step), Qt::NoButton, Qt::LeftButton);
        sendMouse(&view, QEvent::MouseButtonRelease, start + QPointF(80, 30), Qt::LeftButton, Qt::NoButton);
        double rotated[3];
        camera->GetPosition(rotated);
        QVERIFY2(std::hypot(rotated[0] - position[0], rotated[1] - position[1], rotated[2] - position[2]) > 1.0,
                 "dragging did not rotate the camera");
        const QImage afterRotation = view.grabFramebuffer();
        QVERIFY(GuiTestSupport::differingFraction(before, afterRotation) > 0.05);

        const double distance = camera->GetDistance();
        for (int i = 0; i < 3; ++i) {
            QWheelEvent wheel(start, view.mapToGlobal(start), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                              Qt::NoScrollPhase, false);
            QApplication::sendEvent(&view, &wheel);
        }
        QVERIFY2(camera->GetDistance() < distance * 0.9, "the wheel did not zoom in");
        QVERIFY(GuiTestSupport::differingFraction(afterRotation, view.grabFramebuffer()) > 0.05);
    }

    // Moving a slice moves it in the picture; the window changes the greys.
    void slicesAndWindowChangeThePicture()
    {
        VolumeView view;
        view.resize(480, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setVolume(syntheticVolume());
        QCOMPARE(view.sliceIndex(VolumeView::Axial), 20);
        const QImage centred = view.grabFramebuffer();

        view.setSliceIndex(VolumeView::Axial, 2);
        QCOMPARE(view.sliceIndex(VolumeView::Axial), 2);
        const QImage low = view.grabFramebuffer();
        QVERIFY(GuiTestSupport::differingFraction(centred, low) > 0.02);

        view.setSliceIndex(VolumeView::Axial, 1000); // clamped
        QCOMPARE(view.sliceIndex(VolumeView::Axial), 39);

        view.setWindow(0, 100000);
        QVERIFY(GuiTestSupport::differingFraction(low, view.grabFramebuffer()) > 0.02);
    }

    void clearShowsEmptyViewAgain()
    {
        VolumeView view;
        view.resize(320, 240);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage empty = view.grabFramebuffer();
        view.setVolume(syntheticVolume());
        QVERIFY(GuiTestSupport::differingFraction(empty, view.grabFramebuffer()) > 0.05);
        view.clear();
        QVERIFY(!view.hasVolume());
        QVERIFY(GuiTestSupport::differingFraction(empty, view.grabFramebuffer()) < 0.01);
    }

    void rejectsBadFiles()
    {
        VolumeView view;
        QTemporaryDir dir;
        const QString bogus = dir.filePath(QStringLiteral("bogus.nii"));
        QFile file(bogus);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(400, 'x'));
        file.close();
        QVERIFY_THROWS_EXCEPTION(std::exception, view.openFile(bogus));
        QVERIFY_THROWS_EXCEPTION(std::exception, view.openFile(dir.filePath(QStringLiteral("missing.nii.gz"))));
        QVERIFY(!view.hasVolume());
    }
};

VINDEX_GUI_TEST_MAIN(VolumeViewTest)
#include "VolumeViewTest.moc"
