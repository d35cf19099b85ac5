#pragma once
// Shared helpers of the GUI tests: the test main (OpenGL format before QApplication, isolated settings),
// fixture paths and image statistics.
#include "VtkOpenGLView.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QSet>
#include <QStandardPaths>
#include <QSurfaceFormat>
#include <QtTest>

#include <cmath>

class GuiTestSupport {
public:
    static QString fixturesDir() { return QStringLiteral(VINDEX_FIXTURES_DIR); }

    // The T1 volume of the mini-NSD fixture (9 × 11 × 7 voxels of 1.8 mm).
    static QString t1Volume()
    {
        return QDir(fixturesDir())
            .filePath(QStringLiteral("mini-nsd/nsddata/ppdata/subj01/func1pt8mm/T1_to_func1pt8mm.nii.gz"));
    }
    static bool hasT1Volume() { return QFileInfo::exists(t1Volume()); }

    // Whether an OpenGL 3.2 core context can be made here (not under a display-less offscreen platform).
    static bool openGLAvailable() { return vindex::widgets::VtkOpenGLView::isOpenGLAvailable(); }

    // Saves an image for a human to look at when VINDEX_GUI_TEST_OUTPUT names a folder (for failures).
    static void keep(const QImage &image, const QString &name)
    {
        const QString folder = qEnvironmentVariable("VINDEX_GUI_TEST_OUTPUT");
        if (!folder.isEmpty() && QDir().mkpath(folder))
            image.save(QDir(folder).filePath(name + QStringLiteral(".png")));
    }

    // Distinct colours in a region (alpha ignored).
    static int distinctColors(const QImage &image, QRect region = {})
    {
        const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
        if (region.isNull())
            region = rgb.rect();
        region &= rgb.rect();
        QSet<QRgb> colors;
        for (int y = region.top(); y <= region.bottom(); ++y)
            for (int x = region.left(); x <= region.right(); ++x)
                colors.insert(rgb.pixel(x, y) & 0xffffff);
        return static_cast<int>(colors.size());
    }

    // Distinct grey levels (r == g == b) in a region: the image slices are grey, the background is bluish.
    static int distinctGreys(const QImage &image, QRect region = {})
    {
        const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
        if (region.isNull())
            region = rgb.rect();
        region &= rgb.rect();
        QSet<int> greys;
        for (int y = region.top(); y <= region.bottom(); ++y)
            for (int x = region.left(); x <= region.right(); ++x) {
                const QRgb p = rgb.pixel(x, y);
                if (qRed(p) == qGreen(p) && qGreen(p) == qBlue(p))
                    greys.insert(qRed(p));
            }
        return static_cast<int>(greys.size());
    }

    // Standard deviation of the luminance in a region.
    static double luminanceSpread(const QImage &image, QRect region = {})
    {
        const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
        if (region.isNull())
            region = rgb.rect();
        region &= rgb.rect();
        double sum = 0, sumSquares = 0;
        qint64 n = 0;
        for (int y = region.top(); y <= region.bottom(); ++y)
            for (int x = region.left(); x <= region.right(); ++x) {
                const double v = qGray(rgb.pixel(x, y));
                sum += v;
                sumSquares += v * v;
                ++n;
            }
        if (n == 0)
            return 0;
        const double mean = sum / n;
        return std::sqrt(std::max(0.0, sumSquares / n - mean * mean));
    }

    // Fraction of pixels that differ (by more than a small tolerance) between two images of the same size.
    static double differingFraction(const QImage &a, const QImage &b, QRect region = {})
    {
        const QImage x = a.convertToFormat(QImage::Format_RGB32);
        const QImage y = b.convertToFormat(QImage::Format_RGB32);
        if (x.size() != y.size())
            return 1.0;
        if (region.isNull())
            region = x.rect();
        region &= x.rect();
        qint64 differing = 0, n = 0;
        for (int row = region.top(); row <= region.bottom(); ++row)
            for (int column = region.left(); column <= region.right(); ++column) {
                const QRgb p = x.pixel(column, row), q = y.pixel(column, row);
                if (std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q)) + std::abs(qBlue(p) - qBlue(q)) > 12)
                    ++differing;
                ++n;
            }
        return n ? static_cast<double>(differing) / n : 0.0;
    }
};

// Skips a test that shows OpenGL views when there is no OpenGL (Qt would abort while painting the window).
#define VINDEX_REQUIRE_OPENGL()                                                                                        \
    do {                                                                                                               \
        if (!GuiTestSupport::openGLAvailable())                                                                        \
            QSKIP("no OpenGL 3.2 context on this display (run under xvfb-run)");                                       \
    } while (false)

// A Qt Test main for tests that show VTK views: VTK's OpenGL format must be the default before the
// application exists, and settings go to test locations (the tests also point StudioSettings at temp files).
#define VINDEX_GUI_TEST_MAIN(TestObject)                                                                               \
    int main(int argc, char *argv[])                                                                                   \
    {                                                                                                                  \
        QSurfaceFormat::setDefaultFormat(vindex::widgets::VtkOpenGLView::defaultFormat());                             \
        QApplication::setAttribute(Qt::AA_ShareOpenGLContexts);                                                        \
        QApplication app(argc, argv);                                                                                  \
        QStandardPaths::setTestModeEnabled(true);                                                                      \
        QApplication::setOrganizationName(QStringLiteral("VINDEX-tests"));                                             \
        QApplication::setApplicationName(QStringLiteral(#TestObject));                                                 \
        TestObject test;                                                                                               \
        QTEST_SET_MAIN_SOURCE_PATH                                                                                     \
        return QTest::qExec(&test, argc, argv);                                                                        \
    }
