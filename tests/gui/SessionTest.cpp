// Session files (.vindex.json): a session saved from a window with mini-nsd open comes back in a new window with
// the same subject, split, trial, filter, docks and camera; vindex-studio --session --screenshot gives the same
// picture as the window that saved it, run after run (issue 8, acceptance 2); bad files give a message naming the
// file; relative paths are read against the session's folder; the autosave of a run that did not exit cleanly is
// offered (and only then) at the next start.
#include "GuiTestSupport.h"
#include "StudioTestSupport.h"

#include "DatasetToolBar.h"
#include "MainWindow.h"
#include "RecentFiles.h"
#include "SessionAutosave.h"
#include "SessionController.h"
#include "SessionDocument.h"
#include "StudioSettings.h"
#include "TrialBrowser.h"
#include "VolumeView.h"

#include <vtkCamera.h>
#include <vtkRenderer.h>

#include <QDockWidget>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenu>
#include <QProcess>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>

#include <functional>
#include <memory>

using vindex::studio::MainWindow;
using vindex::studio::SessionController;
using vindex::studio::SessionDocument;
using vindex::studio::StudioSettings;

class SessionTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    static QString miniNsd() { return StudioTestSupport::miniNsd(); }
    static bool hasMiniNsd() { return StudioTestSupport::hasMiniNsd(); }
    static bool settle(MainWindow &window, const std::function<void()> &action)
    {
        return StudioTestSupport::settle(window, action);
    }

    // Restores a session in the window and waits for it; false when it failed or timed out.
    static bool restore(MainWindow &window, const QString &path)
    {
        QSignalSpy restored(window.sessionController(), &SessionController::restored);
        QSignalSpy failed(window.sessionController(), &SessionController::openFailed);
        window.sessionController()->open(path);
        if (restored.isEmpty() && failed.isEmpty())
            restored.wait(60000);
        return restored.size() == 1 && failed.isEmpty();
    }

    // mini-nsd, subject 1's test split, trial 3 among the trials whose captions say "circle", the log dock hidden,
    // the volume dock under the trials on the left, the camera turned: nothing of it is the default.
    static void arrange(MainWindow &window)
    {
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(settle(window, [&] { window.openDataset(miniNsd()); }));
        QCOMPARE(window.datasetToolBar()->currentSubject(), 1);
        QVERIFY(settle(window, [&] { window.trialBrowser()->setFilterText(QStringLiteral("circle")); }));
        QVERIFY(settle(window, [&] { QVERIFY(window.trialBrowser()->selectTrial(3)); }));
        QCOMPARE(window.trialBrowser()->currentTrialIndex(), 3);
        window.logDock()->hide();
        window.addDockWidget(Qt::LeftDockWidgetArea, window.volumeDock());
        window.splitDockWidget(window.trialsDock(), window.volumeDock(), Qt::Vertical);
        vtkCamera *camera = window.volumeView()->renderer()->GetActiveCamera();
        camera->Azimuth(35);
        camera->Elevation(20);
        camera->OrthogonalizeViewUp();
        window.volumeView()->renderer()->ResetCameraClippingRange();
        window.volumeView()->requestRender();
        QTest::qWait(200);
    }

    static QByteArray readAll(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static void writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(bytes), bytes.size());
    }

    QString settingsPath() const { return m_dir->filePath(QStringLiteral("settings.ini")); }

    int runStudio(const QStringList &arguments, QString *output = nullptr)
    {
        const StudioTestSupport::Run run = StudioTestSupport::runStudio(settingsPath(), arguments);
        if (output)
            *output = run.output;
        return run.exitCode;
    }

    // The number of pixels that differ at all.
    static qint64 differingPixels(const QImage &a, const QImage &b)
    {
        const QImage x = a.convertToFormat(QImage::Format_RGB32), y = b.convertToFormat(QImage::Format_RGB32);
        if (x.size() != y.size())
            return -1;
        qint64 differing = 0;
        for (int row = 0; row < x.height(); ++row)
            for (int column = 0; column < x.width(); ++column)
                if ((x.pixel(column, row) & 0xffffff) != (y.pixel(column, row) & 0xffffff))
                    ++differing;
        return differing;
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        StudioSettings::setFilePath(settingsPath());
    }

    void cleanup()
    {
        StudioSettings::setFilePath(QString());
        m_dir.reset();
    }

    void roundTripRestoresTheView()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!hasMiniNsd())
            QSKIP("mini-nsd fixture not found");
        const QString path = m_dir->filePath(QStringLiteral("browse.vindex.json"));
        double position[3], focalPoint[3], viewUp[3];
        {
            MainWindow window;
            arrange(window);
            vtkCamera *camera = window.volumeView()->renderer()->GetActiveCamera();
            camera->GetPosition(position);
            camera->GetFocalPoint(focalPoint);
            camera->GetViewUp(viewUp);
            QSignalSpy saved(window.sessionController(), &SessionController::saved);
            QVERIFY(window.sessionController()->save(path));
            QCOMPARE(saved.size(), 1);
            QCOMPARE(window.sessionController()->currentPath(), path);
            QCOMPARE(window.sessionController()->recentSessions()->files().value(0), path);
        }

        // What the file says, read as JSON from outside the code that wrote it.
        const QJsonObject json = QJsonDocument::fromJson(readAll(path)).object();
        QCOMPARE(json[QStringLiteral("format")].toString(), QStringLiteral("vindex-studio-session"));
        QCOMPARE(json[QStringLiteral("version")].toInt(), 1);
        const QJsonObject dataset = json[QStringLiteral("dataset")].toObject();
        QCOMPARE(QDir(dataset[QStringLiteral("root")].toString()), QDir(miniNsd()));
        QCOMPARE(dataset[QStringLiteral("subject")].toInt(), 1);
        QCOMPARE(dataset[QStringLiteral("split")].toString(), QStringLiteral("test"));
        QCOMPARE(dataset[QStringLiteral("trial")].toInt(), 3);
        QCOMPARE(dataset[QStringLiteral("filter")].toString(), QStringLiteral("circle"));

        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(restore(window, path));
        QCOMPARE(window.datasetController()->dataset().root, QFileInfo(miniNsd()).absoluteFilePath());
        QCOMPARE(window.datasetToolBar()->currentSubject(), 1);
        QCOMPARE(window.datasetToolBar()->currentSplit(), QStringLiteral("test"));
        QCOMPARE(window.trialBrowser()->filterEdit()->text(), QStringLiteral("circle"));
        QCOMPARE(window.trialBrowser()->visibleRowCount(), 5); // the circles among the six test images
        QCOMPARE(window.trialBrowser()->currentTrialIndex(), 3);
        QVERIFY(!window.logDock()->isVisible());
        QCOMPARE(window.dockWidgetArea(window.volumeDock()), Qt::LeftDockWidgetArea);
        QCOMPARE(window.dockWidgetArea(window.trialsDock()), Qt::LeftDockWidgetArea);
        vtkCamera *camera = window.volumeView()->renderer()->GetActiveCamera();
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(camera->GetPosition()[i], position[i]);
            QCOMPARE(camera->GetFocalPoint()[i], focalPoint[i]);
            QCOMPARE(camera->GetViewUp()[i], viewUp[i]);
        }
        QCOMPARE(window.sessionController()->currentPath(), path);

        // Listed under File ▸ Open Recent Session.
        QMenu *recent = window.sessionController()->recentMenu();
        QVERIFY(recent);
        QCOMPARE(recent->actions().value(0)->data().toString(), path);
    }

    // Acceptance 2: save, quit, restore: vindex-studio --session S --screenshot gives the window's picture, pixel
    // for pixel, and the same picture again in a fresh process.
    void screenshotOfARestoredSessionIsPixelIdentical()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!hasMiniNsd())
            QSKIP("mini-nsd fixture not found");
        const QString path = m_dir->filePath(QStringLiteral("figure.vindex.json"));
        const QString withLog = m_dir->filePath(QStringLiteral("with-log.vindex.json"));
        QImage original;
        {
            MainWindow window;
            window.setScripted(true); // as the screenshot run: nothing written to the settings
            arrange(window);
            window.logDock()->show();
            QVERIFY(window.sessionController()->save(withLog));
            window.logDock()->hide();
            QVERIFY(window.sessionController()->save(path));
            window.statusBar()->clearMessage();
            QTest::qWait(300);
            original = window.capture();
            original.setDevicePixelRatio(1.0);
        }
        QCOMPARE(original.size(), QSize(1600, 1000));
        GuiTestSupport::keep(original, QStringLiteral("session_original"));

        QImage shots[2];
        for (int run = 0; run < 2; ++run) {
            const QString png = m_dir->filePath(QStringLiteral("restored%1.png").arg(run));
            QString output;
            const int status = runStudio({QStringLiteral("--session"), path, QStringLiteral("--screenshot"), png,
                                          QStringLiteral("--size"), QStringLiteral("1600x1000")},
                                         &output);
            QVERIFY2(status == 0, qPrintable(output));
            shots[run] = QImage(png);
            QCOMPARE(shots[run].size(), QSize(1600, 1000));
            GuiTestSupport::keep(shots[run], QStringLiteral("session_restored%1").arg(run));
        }
        QCOMPARE(differingPixels(shots[0], shots[1]), qint64(0));
        QCOMPARE(differingPixels(original, shots[0]), qint64(0));

        // With the log dock open: its lines (with times) are no part of the picture, which comes back run after run.
        QImage logShots[2];
        for (int run = 0; run < 2; ++run) {
            const QString png = m_dir->filePath(QStringLiteral("with-log%1.png").arg(run));
            QString output;
            QVERIFY2(runStudio({QStringLiteral("--session"), withLog, QStringLiteral("--screenshot"), png,
                                QStringLiteral("--size"), QStringLiteral("1600x1000")},
                               &output) == 0,
                     qPrintable(output));
            logShots[run] = QImage(png);
        }
        QCOMPARE(differingPixels(logShots[0], logShots[1]), qint64(0));
        QVERIFY(differingPixels(logShots[0], shots[0]) > 1000); // the log dock is there
    }

    void badSessionFilesAreReportedByName()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!hasMiniNsd())
            QSKIP("mini-nsd fixture not found");
        MainWindow window;
        window.setScripted(true); // messages in the log and the status bar, no dialogs
        window.show();
        QVERIFY(settle(window, [&] { window.openDataset(miniNsd()); }));

        struct Case {
            QString name;
            QByteArray bytes;
            QString says;
        };
        const QList<Case> cases{
            {QStringLiteral("broken.vindex.json"), "{\"format\": \"vindex-studio-session\", ", QStringLiteral("JSON")},
            {QStringLiteral("other.vindex.json"), "{\"format\": \"something-else\", \"version\": 1}",
             QStringLiteral("not a VINDEX Studio session")},
            {QStringLiteral("future.vindex.json"), "{\"format\": \"vindex-studio-session\", \"version\": 99}",
             QStringLiteral("newer")},
            {QStringLiteral("list.vindex.json"), "[1, 2, 3]", QStringLiteral("not a VINDEX Studio session")},
        };
        for (const Case &c : cases) {
            const QString path = m_dir->filePath(c.name);
            writeFile(path, c.bytes);
            QSignalSpy failed(window.sessionController(), &SessionController::openFailed);
            window.sessionController()->open(path);
            QCOMPARE(failed.size(), 1);
            const QString message = failed.at(0).at(1).toString();
            QVERIFY2(message.contains(c.name) && message.contains(c.says), qPrintable(message));
        }
        QSignalSpy failed(window.sessionController(), &SessionController::openFailed);
        window.sessionController()->open(m_dir->filePath(QStringLiteral("missing.vindex.json")));
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.at(0).at(1).toString().contains(QStringLiteral("missing.vindex.json")));
        // What was open stays open.
        QVERIFY(window.datasetController()->isOpen());
        QCOMPARE(window.trialBrowser()->model()->rowCount(), 6);

        // The binary says the same and exits with status 2.
        QString output;
        const QString png = m_dir->filePath(QStringLiteral("never.png"));
        QCOMPARE(runStudio({QStringLiteral("--session"), m_dir->filePath(QStringLiteral("other.vindex.json")),
                            QStringLiteral("--screenshot"), png},
                           &output),
                 2);
        QVERIFY2(output.contains(QStringLiteral("other.vindex.json")), qPrintable(output));
        QVERIFY(!QFileInfo::exists(png));
    }

    // A hand-written session whose dataset root is relative: read against the session file's folder.
    void relativePathsAreReadFromTheSessionsFolder()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!hasMiniNsd())
            QSKIP("mini-nsd fixture not found");
        QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("project")));
        QVERIFY(QFile::link(miniNsd(), m_dir->filePath(QStringLiteral("project/data"))));
        const QString path = m_dir->filePath(QStringLiteral("project/trial2.vindex.json"));
        writeFile(path, "{\"format\": \"vindex-studio-session\", \"version\": 1,\n"
                        " \"dataset\": {\"root\": \"data\", \"subject\": 2, \"split\": \"val\", \"trial\": 1}}\n");
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(restore(window, path));
        QCOMPARE(window.datasetController()->dataset().root, m_dir->filePath(QStringLiteral("project/data")));
        QCOMPARE(window.datasetToolBar()->currentSubject(), 2);
        QCOMPARE(window.datasetToolBar()->currentSplit(), QStringLiteral("val"));
        QCOMPARE(window.trialBrowser()->currentTrialIndex(), 1);

        // Saved again beside its data: the root stays relative, so the folder can move as a whole.
        const QString again = m_dir->filePath(QStringLiteral("project/again.vindex.json"));
        QVERIFY(window.sessionController()->save(again));
        const QJsonObject json = QJsonDocument::fromJson(readAll(again)).object();
        QCOMPARE(json[QStringLiteral("dataset")].toObject()[QStringLiteral("root")].toString(), QStringLiteral("data"));
    }

    // A marker whose process is gone and an autosave: offered through the prompt hook and restored; a marker of a
    // running process (another window) is not offered; a clean close removes marker and autosave.
    void autosaveOfAnUncleanExitIsOffered()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!hasMiniNsd())
            QSKIP("mini-nsd fixture not found");
        const QString folder = m_dir->filePath(QStringLiteral("autosave"));
        QVERIFY(QDir().mkpath(folder));
        const QString autosave = QDir(folder).filePath(QStringLiteral("autosave.vindex.json"));
        const QString marker = QDir(folder).filePath(QStringLiteral("running.pid"));
        writeFile(autosave, QStringLiteral("{\"format\": \"vindex-studio-session\", \"version\": 1, \"dataset\": "
                                           "{\"root\": \"%1\", \"subject\": 1, \"split\": \"test\", \"trial\": 4}}")
                                .arg(miniNsd())
                                .toUtf8());

        // A process that has ended: its marker says the run did not exit cleanly.
        QProcess ended;
        ended.start(QStringLiteral("true"), QStringList());
        QVERIFY(ended.waitForStarted());
        const qint64 endedPid = ended.processId();
        QVERIFY(ended.waitForFinished());
        // A process that still runs: another window.
        QProcess running;
        running.start(QStringLiteral("sleep"), {QStringLiteral("60")});
        QVERIFY(running.waitForStarted());

        {
            writeFile(marker, QByteArray::number(running.processId()) + '\n');
            MainWindow window;
            window.sessionController()->autosave()->setFolder(folder);
            int asked = 0;
            window.sessionController()->setRecoveryPrompt([&](const QString &) {
                ++asked;
                return true;
            });
            QVERIFY(!window.sessionController()->startAutosave());
            QCOMPARE(asked, 0);
            QVERIFY(!window.sessionController()->autosave()->isRunning()); // the other window autosaves
        }
        running.kill();
        running.waitForFinished();

        writeFile(marker, QByteArray::number(endedPid) + '\n');
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.sessionController()->autosave()->setFolder(folder);
            QString offered;
            window.sessionController()->setRecoveryPrompt([&](const QString &path) {
                offered = path;
                return true;
            });
            QSignalSpy restored(window.sessionController(), &SessionController::restored);
            QVERIFY(window.sessionController()->startAutosave());
            QCOMPARE(offered, autosave);
            QVERIFY(restored.wait(60000));
            QCOMPARE(window.trialBrowser()->currentTrialIndex(), 4);
            // The recovered autosave is not taken for the user's session file.
            QVERIFY(window.sessionController()->currentPath().isEmpty());
            // This run autosaves now: its own marker, and the session written on demand.
            QVERIFY(window.sessionController()->autosave()->isRunning());
            QCOMPARE(readAll(marker).trimmed().toLongLong(), QCoreApplication::applicationPid());
            QVERIFY(window.sessionController()->autosave()->saveNow());
            SessionDocument written;
            QString error;
            QVERIFY2(written.read(autosave, &error), qPrintable(error));
            QCOMPARE(written.trial, qint64(4));
            window.close(); // a clean exit
        }
        QVERIFY(!QFileInfo::exists(marker));
        QVERIFY(!QFileInfo::exists(autosave));

        // Nothing left: nothing offered.
        MainWindow window;
        window.sessionController()->autosave()->setFolder(folder);
        bool asked = false;
        window.sessionController()->setRecoveryPrompt([&](const QString &) { return asked = true; });
        QVERIFY(!window.sessionController()->startAutosave());
        QVERIFY(!asked);
        window.sessionController()->windowClosing();

        // Scripted runs never prompt.
        writeFile(marker, QByteArray::number(endedPid) + '\n');
        writeFile(autosave, readAll(autosave).isEmpty() ? QByteArray("{}") : readAll(autosave));
        MainWindow scripted;
        scripted.setScripted(true);
        scripted.sessionController()->autosave()->setFolder(folder);
        scripted.sessionController()->setRecoveryPrompt([&](const QString &) { return asked = true; });
        QVERIFY(!scripted.sessionController()->startAutosave());
        QVERIFY(!asked);
    }
};

VINDEX_GUI_TEST_MAIN(SessionTest)
#include "SessionTest.moc"
