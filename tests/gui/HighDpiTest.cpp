// High DPI: the studio drawn at twice the pixel density (QT_SCALE_FACTOR=2, as on a HiDPI screen) is the same
// picture as at 1×, only sharper — the OpenGL views fill their widgets in device pixels, nothing is laid out at the
// wrong scale. Both screenshots come out at the size asked (the 2× one downscaled), and differ only in anti-aliasing.
#include "GuiTestSupport.h"
#include "StudioTestSupport.h"

#include <QImage>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdlib>

class HighDpiTest : public QObject {
    Q_OBJECT

private:
    static QImage screenshot(const QTemporaryDir &dir, const QString &scale)
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_SCALE_FACTOR"), scale);
        process.setProcessEnvironment(environment);
        const QString out = dir.filePath(QStringLiteral("scale%1.png").arg(scale));
        process.setProgram(QStringLiteral(VINDEX_STUDIO_BINARY));
        process.setArguments({QStringLiteral("--settings-file"),
                              dir.filePath(QStringLiteral("settings%1.ini").arg(scale)), QStringLiteral("--dataset"),
                              StudioTestSupport::miniNsd(), QStringLiteral("--screenshot"), out,
                              QStringLiteral("--size"), QStringLiteral("1200x800")});
        process.setProcessChannelMode(QProcess::ForwardedChannels);
        process.start();
        if (!process.waitForFinished(150000) || process.exitCode() != 0)
            return {};
        return QImage(out).convertToFormat(QImage::Format_RGB32);
    }

private slots:
    void doubleDensityDrawsTheSamePicture()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!StudioTestSupport::hasMiniNsd())
            QSKIP("mini-nsd not found");
        QTemporaryDir dir;
        const QImage normal = screenshot(dir, QStringLiteral("1"));
        const QImage dense = screenshot(dir, QStringLiteral("2"));
        QVERIFY(!normal.isNull() && !dense.isNull());
        QCOMPARE(normal.size(), QSize(1200, 800));
        QCOMPARE(dense.size(), QSize(1200, 800));
        qint64 different = 0;
        for (int y = 0; y < normal.height(); ++y)
            for (int x = 0; x < normal.width(); ++x) {
                const QRgb a = normal.pixel(x, y), b = dense.pixel(x, y);
                if (std::abs(qRed(a) - qRed(b)) > 64 || std::abs(qGreen(a) - qGreen(b)) > 64 ||
                    std::abs(qBlue(a) - qBlue(b)) > 64)
                    ++different;
            }
        const double share = static_cast<double>(different) / (normal.width() * normal.height());
        qInfo("pixels differing by more than 64 in a channel: %.2f %%", 100.0 * share);
        // Text edges differ; a view drawn at the wrong scale (a quarter-size 3D render, a mis-sized slice view)
        // would change a whole panel, a tenth of the window or more.
        QVERIFY2(share < 0.05, qPrintable(QStringLiteral("%1 % of the pixels differ").arg(100.0 * share)));
    }
};

QTEST_MAIN(HighDpiTest)
#include "HighDpiTest.moc"
