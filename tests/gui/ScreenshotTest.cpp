// (3) vindex-studio --screenshot: the real binary, as a script or a user runs it, makes a PNG of the requested
// size whose 3D view shows the volume.
#include "GuiTestSupport.h"
#include "StudioTestSupport.h"

#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>

class ScreenshotTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    using Run = StudioTestSupport::Run;

    Run runStudio(const QStringList &arguments) { return StudioTestSupport::runStudio(settingsPath(), arguments); }

    QString settingsPath() const { return m_dir.filePath(QStringLiteral("settings.ini")); }

    // The middle of the central 3D view in the default layout (trials dock on the left, stimulus and volume docks
    // on the right, log at the bottom).
    static QRect viewRegion(const QImage &image)
    {
        return QRect(image.width() * 32 / 100, image.height() / 6, image.width() * 38 / 100, image.height() / 2);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo::exists(QStringLiteral(VINDEX_STUDIO_BINARY)), VINDEX_STUDIO_BINARY);
        VINDEX_REQUIRE_OPENGL();
    }

    void screenshotShowsVolumeAtRequestedSize()
    {
        if (!GuiTestSupport::hasT1Volume())
            QSKIP("mini-nsd fixture not found");
        const QString withVolume = m_dir.filePath(QStringLiteral("volume.png"));
        const Run run = runStudio({QStringLiteral("--screenshot"), withVolume, QStringLiteral("--size"),
                                   QStringLiteral("1280x800"), GuiTestSupport::t1Volume()});
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        QVERIFY(run.output.contains(QStringLiteral("Saved screenshot")));

        QImage image(withVolume);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(1280, 800));
        GuiTestSupport::keep(image, QStringLiteral("screenshot_volume"));

        const QRect region = viewRegion(image);
        const int colors = GuiTestSupport::distinctColors(image, region);
        const int greys = GuiTestSupport::distinctGreys(image, region);
        qInfo("3D view region: %d colours, %d grey levels", colors, greys);
        QVERIFY2(colors > 64, "the 3D view region of the screenshot is (nearly) uniform");
        QVERIFY2(greys > 30, "the grey slices of the volume are missing from the screenshot");

        // The same window without a volume: the region differs clearly.
        const QString empty = m_dir.filePath(QStringLiteral("empty.png"));
        const Run emptyRun =
            runStudio({QStringLiteral("--screenshot"), empty, QStringLiteral("--size"), QStringLiteral("1280x800")});
        QVERIFY2(emptyRun.exitCode == 0, qPrintable(emptyRun.output));
        const QImage emptyImage(empty);
        QCOMPARE(emptyImage.size(), QSize(1280, 800));
        GuiTestSupport::keep(emptyImage, QStringLiteral("screenshot_empty"));
        QVERIFY(GuiTestSupport::differingFraction(image, emptyImage, region) > 0.2);
        QVERIFY(GuiTestSupport::distinctGreys(emptyImage, region) < greys / 2);

        // Scripted runs leave the settings alone: no recent file, no saved layout.
        QSettings settings(settingsPath(), QSettings::IniFormat);
        QVERIFY(settings.value(QStringLiteral("files/recent")).toStringList().isEmpty());
        QVERIFY(settings.value(QStringLiteral("mainWindow/state")).toByteArray().isEmpty());
    }

    void otherSizesAreHonoured()
    {
        const QString path = m_dir.filePath(QStringLiteral("small.png"));
        const Run run =
            runStudio({QStringLiteral("--screenshot"), path, QStringLiteral("--size"), QStringLiteral("900x640")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        QCOMPARE(QImage(path).size(), QSize(900, 640));
    }

    void unreadableVolumeFailsWithStatus2()
    {
        const QString path = m_dir.filePath(QStringLiteral("never.png"));
        const Run run =
            runStudio({QStringLiteral("--screenshot"), path, m_dir.filePath(QStringLiteral("missing.nii.gz"))});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.output.contains(QStringLiteral("missing.nii.gz")));
        QVERIFY(!QFileInfo::exists(path));
    }

    // --dataset: the window with mini-nsd open, subject 1's first test trial in the stimulus view and its betas in
    // the 3D view.
    void datasetScreenshotShowsTheFirstTrial()
    {
        const QString root = QDir(GuiTestSupport::fixturesDir()).filePath(QStringLiteral("mini-nsd"));
        if (!QFileInfo::exists(root))
            QSKIP("mini-nsd fixture not found");
        const QString path = m_dir.filePath(QStringLiteral("dataset.png"));
        const Run run = runStudio({QStringLiteral("--dataset"), root, QStringLiteral("--screenshot"), path,
                                   QStringLiteral("--size"), QStringLiteral("1600x1000")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        QVERIFY(run.output.contains(QStringLiteral("Saved screenshot")));
        const QImage image(path);
        QCOMPARE(image.size(), QSize(1600, 1000));
        GuiTestSupport::keep(image, QStringLiteral("screenshot_dataset"));

        // The stimulus (right) shows a coloured shape on grey: saturated pixels that the empty window has not.
        const QRect right(image.width() * 3 / 4, image.height() / 10, image.width() / 4 - 4, image.height() / 2);
        int saturated = 0;
        for (int y = right.top(); y <= right.bottom(); y += 2)
            for (int x = right.left(); x <= right.right(); x += 2) {
                const QColor c = image.pixelColor(x, y);
                if (c.saturation() > 150 && c.value() > 100)
                    ++saturated;
            }
        QVERIFY2(saturated > 200, qPrintable(QString::number(saturated)));
        // The 3D view (centre) is not empty.
        const QRect centre(image.width() * 4 / 10, image.height() / 5, image.width() / 5, image.height() / 3);
        QVERIFY(GuiTestSupport::distinctColors(image, centre) > 64);

        // Scripted: nothing written to the settings.
        QSettings settings(settingsPath(), QSettings::IniFormat);
        QVERIFY(settings.value(QStringLiteral("dataset/root")).toString().isEmpty());
        QVERIFY(settings.value(QStringLiteral("files/recent")).toStringList().isEmpty());
    }

    void badDatasetFailsWithStatus2()
    {
        const QString path = m_dir.filePath(QStringLiteral("never.png"));
        const QString missing = m_dir.filePath(QStringLiteral("no-such-dataset"));
        const Run run = runStudio({QStringLiteral("--dataset"), missing, QStringLiteral("--screenshot"), path});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.output.contains(QStringLiteral("no-such-dataset")));
        QVERIFY(!QFileInfo::exists(path));
    }

    void badSizeIsRejected()
    {
        const Run run = runStudio({QStringLiteral("--screenshot"), m_dir.filePath(QStringLiteral("x.png")),
                                   QStringLiteral("--size"), QStringLiteral("wide")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.output.contains(QStringLiteral("--size")));
    }
};

VINDEX_GUI_TEST_MAIN(ScreenshotTest)
#include "ScreenshotTest.moc"
