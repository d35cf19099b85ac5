// The main window, its persistence (layout, recent files, settings), the log dock, About and translations.
// Every test uses its own settings file in a temporary folder.
#include "GuiTestSupport.h"

#include "AboutDialog.h"
#include "LogPanel.h"
#include "MainWindow.h"
#include "RecentFiles.h"
#include "SettingsDialog.h"
#include "StudioSettings.h"
#include "StudioTranslator.h"
#include "VolumeView.h"

#include "vindex/core/BuildInfo.h"
#include "vindex/core/Log.h"

#include <vtkVersion.h>

#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>

#include <memory>
#include <thread>

using vindex::studio::AboutDialog;
using vindex::studio::MainWindow;
using vindex::studio::RecentFiles;
using vindex::studio::SettingsDialog;
using vindex::studio::StudioSettings;
using vindex::studio::StudioTranslator;

class MainWindowTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    QString settingsPath() const { return m_dir->filePath(QStringLiteral("settings.ini")); }

    static QStringList menuTitles(const QMainWindow &window)
    {
        QStringList titles;
        for (QAction *action : window.menuBar()->actions())
            titles << action->text();
        return titles;
    }

    // The texts of the actions and submenus in the menu bar's menu at position.
    static QStringList menuItems(const QMainWindow &window, int position)
    {
        QStringList items;
        if (QMenu *menu = window.menuBar()->actions().value(position)->menu())
            for (QAction *action : menu->actions())
                items << action->text();
        return items;
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        StudioSettings::setFilePath(settingsPath());
        QCOMPARE(StudioSettings::filePath(), QFileInfo(settingsPath()).absoluteFilePath());
    }

    void cleanup()
    {
        StudioSettings::setFilePath(QString());
        m_dir.reset();
    }

    // (2) a dock hidden, a dock moved, the window resized and two recent files survive a restart.
    void layoutAndRecentFilesSurviveRestart()
    {
        VINDEX_REQUIRE_OPENGL();
        const QString second = m_dir->filePath(QStringLiteral("second.nii.gz"));
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(window.logDock()->isVisible());
            QCOMPARE(window.dockWidgetArea(window.volumeDock()), Qt::RightDockWidgetArea);
            QVERIFY(window.recentFiles()->files().isEmpty());

            window.logDock()->toggleViewAction()->trigger(); // as the user does through the View menu
            window.addDockWidget(Qt::LeftDockWidgetArea, window.volumeDock());
            window.resize(1000, 700);
            window.recentFiles()->add(GuiTestSupport::t1Volume());
            window.recentFiles()->add(second);
            QVERIFY(window.close());
        }
        QVERIFY(QFileInfo::exists(settingsPath()));

        MainWindow restarted;
        restarted.show();
        QVERIFY(QTest::qWaitForWindowExposed(&restarted));
        QVERIFY(!restarted.logDock()->isVisible());
        QVERIFY(!restarted.logDock()->toggleViewAction()->isChecked());
        QVERIFY(restarted.volumeDock()->isVisible());
        QCOMPARE(restarted.dockWidgetArea(restarted.volumeDock()), Qt::LeftDockWidgetArea);
        QCOMPARE(restarted.size(), QSize(1000, 700));

        const QStringList expected{QFileInfo(second).absoluteFilePath(),
                                   QFileInfo(GuiTestSupport::t1Volume()).absoluteFilePath()};
        QCOMPARE(restarted.recentFiles()->files(), expected);
        // The Open Recent menu lists them, newest first, then "Clear Menu".
        QStringList menuPaths;
        for (QAction *action : restarted.recentMenu()->actions())
            if (!action->data().toString().isEmpty())
                menuPaths << action->data().toString();
        QCOMPARE(menuPaths, expected);
    }

    void resetLayoutBringsDocksBack()
    {
        VINDEX_REQUIRE_OPENGL();
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.logDock()->hide();
        window.trialsDock()->hide();
        window.volumeDock()->setFloating(true);
        window.addDockWidget(Qt::BottomDockWidgetArea, window.stimulusDock());
        window.resetLayout();
        QVERIFY(window.logDock()->isVisible());
        QVERIFY(window.trialsDock()->isVisible());
        QVERIFY(!window.volumeDock()->isFloating());
        QCOMPARE(window.dockWidgetArea(window.trialsDock()), Qt::LeftDockWidgetArea);
        QCOMPARE(window.dockWidgetArea(window.stimulusDock()), Qt::RightDockWidgetArea);
        QCOMPARE(window.dockWidgetArea(window.volumeDock()), Qt::RightDockWidgetArea);
        QCOMPARE(window.dockWidgetArea(window.logDock()), Qt::BottomDockWidgetArea);
    }

    void recentFilesAreCappedAndDeduplicated()
    {
        RecentFiles recent;
        for (int i = 0; i < RecentFiles::maximumCount + 5; ++i)
            recent.add(m_dir->filePath(QStringLiteral("v%1.nii").arg(i)));
        QCOMPARE(recent.files().size(), RecentFiles::maximumCount);
        recent.add(m_dir->filePath(QStringLiteral("v7.nii")));
        QCOMPARE(recent.files().first(), m_dir->filePath(QStringLiteral("v7.nii")));
        QCOMPARE(recent.files().count(m_dir->filePath(QStringLiteral("v7.nii"))), 1);
        QCOMPARE(RecentFiles().files(), recent.files()); // already stored
        recent.clear();
        QVERIFY(RecentFiles().files().isEmpty());
    }

    // Opening a volume shows it, logs it in the dock and remembers it.
    void openVolumeShowsLogsAndRemembers()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!GuiTestSupport::hasT1Volume())
            QSKIP("mini-nsd fixture not found");
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy opened(&window, &MainWindow::volumeOpened);
        window.openVolume(GuiTestSupport::t1Volume());
        QVERIFY(opened.wait(30000));
        QVERIFY(window.volumeView()->hasVolume());
        QTRY_VERIFY(window.logPanel()
                        ->lines()
                        .join(QLatin1Char('\n'))
                        .contains(QStringLiteral("Opened T1_to_func1pt8mm.nii.gz: 9 × 11 × 7 voxels")));
        QCOMPARE(window.recentFiles()->files().value(0), QFileInfo(GuiTestSupport::t1Volume()).absoluteFilePath());
        QVERIFY(window.windowTitle().contains(QStringLiteral("T1_to_func1pt8mm.nii.gz")));
    }

    void failedOpenIsReportedAndForgotten()
    {
        MainWindow window;
        window.setScripted(true); // no message box
        const QString missing = m_dir->filePath(QStringLiteral("missing.nii.gz"));
        QSignalSpy failed(&window, &MainWindow::volumeOpenFailed);
        window.openVolume(missing);
        QVERIFY(failed.wait(30000));
        QVERIFY(!window.volumeView()->hasVolume());
        QTRY_VERIFY(window.logPanel()->lines().join(QLatin1Char('\n')).contains(QStringLiteral("Cannot open")));
        QVERIFY(!window.recentFiles()->files().contains(missing));
    }

    // The log dock receives lines that core logs on other threads, in order, on the GUI thread.
    void logPanelReceivesCoreLogFromWorkerThreads()
    {
        vindex::widgets::LogPanel panel;
        QSignalSpy appended(&panel, &vindex::widgets::LogPanel::lineAppended);
        std::thread worker([] {
            vindex::logInfo("worker: first");
            vindex::logWarning("worker: second");
            vindex::logError("worker: third");
        });
        worker.join();
        QTRY_COMPARE(appended.count(), 3);
        const QStringList lines = panel.lines();
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].contains(QStringLiteral("worker: first")));
        QVERIFY(lines[1].contains(QStringLiteral("worker: second")));
        QVERIFY(lines[2].contains(QStringLiteral("[error] worker: third")));
    }

    // (4) the settings dialog stores what the user entered, and shows it again next time.
    void settingsDialogPersistsValues()
    {
        {
            SettingsDialog dialog;
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            GuiTestSupport::keep(dialog.grab().toImage(), QStringLiteral("settings_dialog"));
            QCOMPARE(dialog.deviceCombo()->currentData().toString(), QStringLiteral("cpu"));
            QCOMPARE(dialog.languageCombo()->currentData().toString(), QStringLiteral("system"));
            dialog.modelFolderEdit()->setText(QStringLiteral("/models/vindex"));
            dialog.dataFolderEdit()->setText(QStringLiteral("/data/nsd"));
            dialog.deviceCombo()->setCurrentIndex(dialog.deviceCombo()->findData(QStringLiteral("cuda")));
            dialog.languageCombo()->setCurrentIndex(dialog.languageCombo()->findData(QStringLiteral("de")));
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        {
            StudioSettings settings;
            QCOMPARE(settings.modelFolder(), QStringLiteral("/models/vindex"));
            QCOMPARE(settings.dataFolder(), QStringLiteral("/data/nsd"));
            QCOMPARE(settings.device(), QStringLiteral("cuda"));
            QCOMPARE(settings.language(), QStringLiteral("de"));
        }
        // In the file itself, not only in memory.
        QSettings file(settingsPath(), QSettings::IniFormat);
        QCOMPARE(file.value(QStringLiteral("paths/modelFolder")).toString(), QStringLiteral("/models/vindex"));

        SettingsDialog again;
        QCOMPARE(again.modelFolderEdit()->text(), QStringLiteral("/models/vindex"));
        QCOMPARE(again.dataFolderEdit()->text(), QStringLiteral("/data/nsd"));
        QCOMPARE(again.deviceCombo()->currentData().toString(), QStringLiteral("cuda"));
        QCOMPARE(again.languageCombo()->currentData().toString(), QStringLiteral("de"));

        // Cancel keeps the stored values.
        again.modelFolderEdit()->setText(QStringLiteral("/elsewhere"));
        again.reject();
        QCOMPARE(StudioSettings().modelFolder(), QStringLiteral("/models/vindex"));
    }

    // (5) the About box lists VINDEX, Qt, VTK, LibTorch and HDF5 with their versions.
    void aboutBoxListsLibraryVersions()
    {
        AboutDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        GuiTestSupport::keep(dialog.grab().toImage(), QStringLiteral("about_dialog"));
        const QString text = dialog.versionsText();
        const auto *label = dialog.findChild<QLabel *>(QStringLiteral("versions"));
        QVERIFY(label);
        QVERIFY(text.contains(QStringLiteral("VINDEX Studio ") + QString::fromStdString(vindex::versionString())));
        QVERIFY(text.contains(QStringLiteral("Qt ") + QString::fromLatin1(qVersion())));
        QVERIFY(text.contains(QStringLiteral("VTK ") + QString::fromLatin1(vtkVersion::GetVTKVersion())));
        QStringList names;
        for (const auto &[name, version] : vindex::libraryVersions()) {
            names << QString::fromStdString(name);
            QVERIFY2(text.contains(QString::fromStdString(name + " " + version)), name.c_str());
            QVERIFY(label->text().contains(QString::fromStdString(version)));
        }
        QVERIFY(names.contains(QStringLiteral("LibTorch")));
        QVERIFY(names.contains(QStringLiteral("HDF5")));
        QVERIFY(label->text().contains(QString::fromLatin1(qVersion())));
        QVERIFY(label->text().contains(QString::fromLatin1(vtkVersion::GetVTKVersion())));
        qInfo("%s", qPrintable(text));
    }

    // The embedded German and Chinese translations load and translate the window.
    void translationsSwitchLanguage()
    {
        QCOMPARE(StudioTranslator::install(QStringLiteral("de")), QStringLiteral("de"));
        {
            MainWindow window;
            const QStringList titles = menuTitles(window);
            QCOMPARE(titles.value(0), QStringLiteral("&Datei"));
            for (const QString &title :
                 {QStringLiteral("&Bearbeiten"), QStringLiteral("&Ansicht"), QStringLiteral("Durch&gänge"),
                  QStringLiteral("E&xtras"), QStringLiteral("&Einstellungen"), QStringLiteral("&Hilfe")})
                QVERIFY2(titles.contains(title), qPrintable(titles.join(QLatin1Char(' '))));
            const QStringList fileItems = menuItems(window, 0);
            for (const QString &item : {QStringLiteral("&Sitzung öffnen…"), QStringLiteral("Er&gebnisse laden…")})
                QVERIFY2(fileItems.contains(item), qPrintable(fileItems.join(QLatin1Char(' '))));
            QCOMPARE(window.trialsDock()->windowTitle(), QStringLiteral("Durchgänge"));
            QCOMPARE(window.stimulusDock()->windowTitle(), QStringLiteral("Stimulus"));
            QCOMPARE(window.logDock()->windowTitle(), QStringLiteral("Protokoll"));
            QCOMPARE(window.brainDock()->windowTitle(), QStringLiteral("Gehirn"));
            QCOMPARE(window.centralTabs()->tabText(1), QStringLiteral("&Vergleich"));
            QCOMPARE(window.decodeDock()->windowTitle(), QStringLiteral("Dekodieren"));
        }
        QCOMPARE(StudioTranslator::install(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        {
            MainWindow window;
            QCOMPARE(menuTitles(window).value(0), QStringLiteral("文件(&F)"));
            QCOMPARE(menuTitles(window).value(1), QStringLiteral("编辑(&E)"));
            const QStringList fileItems = menuItems(window, 0);
            for (const QString &item : {QStringLiteral("打开会话(&E)…"), QStringLiteral("加载结果(&L)…")})
                QVERIFY2(fileItems.contains(item), qPrintable(fileItems.join(QLatin1Char(' '))));
            QCOMPARE(window.logDock()->windowTitle(), QStringLiteral("日志"));
            QCOMPARE(window.trialsDock()->windowTitle(), QStringLiteral("试次"));
            QCOMPARE(window.stimulusDock()->windowTitle(), QStringLiteral("刺激"));
            QCOMPARE(window.brainDock()->windowTitle(), QStringLiteral("大脑"));
            QCOMPARE(window.centralTabs()->tabText(1), QStringLiteral("比较(&C)"));
            QVERIFY(menuTitles(window).contains(QStringLiteral("工具(&T)")));
            QCOMPARE(window.jobsDock()->windowTitle(), QStringLiteral("任务"));
            QCOMPARE(window.decodeDock()->windowTitle(), QStringLiteral("解码"));
        }
        StudioTranslator::install(QStringLiteral("en"));
        {
            MainWindow window;
            QCOMPARE(menuTitles(window).value(0), QStringLiteral("&File"));
        }
        QLocale::setDefault(QLocale::c());
    }
};

VINDEX_GUI_TEST_MAIN(MainWindowTest)
#include "MainWindowTest.moc"
