// vindex-studio: the desktop application. Thin: parses the command line, sets up Qt (OpenGL format,
// settings location, translations) and shows the main window, or makes a screenshot and exits.
#include "MainWindow.h"
#include "ScreenshotTask.h"
#include "StudioCommandLine.h"
#include "StudioResources.h"
#include "StudioSettings.h"
#include "StudioTranslator.h"

#include "VtkOpenGLView.h"

#include "vindex/core/BuildInfo.h"

#include <QApplication>
#include <QIcon>
#include <QMessageBox>
#include <QSurfaceFormat>

#include <cstdio>

using namespace vindex::studio;

namespace {

// --help and --version only print text: they must work without a display (e.g. over ssh).
bool onlyPrintsText(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "-h" || argument == "--help" || argument == "--help-all" || argument == "-v" ||
            argument == "--version")
            return true;
    }
    return false;
}

void describeApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("VINDEX"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("vindex.org"));
    QCoreApplication::setApplicationName(QStringLiteral("VINDEX Studio"));
    QCoreApplication::setApplicationVersion(QString::fromStdString(vindex::versionString()));
}

// Settings first (they name the language), then the translators, then the translated command line.
StudioCommandLine processCommandLine()
{
    const QStringList arguments = QCoreApplication::arguments();
    const QString settingsFile = StudioCommandLine::settingsFileFromArguments(arguments);
    if (!settingsFile.isEmpty())
        StudioSettings::setFilePath(settingsFile);
    StudioTranslator::install(StudioSettings().language());
    StudioCommandLine commandLine;
    commandLine.process(arguments);
    return commandLine;
}

} // namespace

int main(int argc, char *argv[])
{
    if (onlyPrintsText(argc, argv)) {
        QCoreApplication app(argc, argv);
        describeApplication();
        processCommandLine(); // prints and exits
        return 0;
    }

    // VTK needs an OpenGL 3.2 core context; the format must be the default before the application exists.
    QSurfaceFormat::setDefaultFormat(vindex::widgets::VtkOpenGLView::defaultFormat());
    // Views in docks may be re-parented into floating windows; shared contexts keep their resources valid.
    QApplication::setAttribute(Qt::AA_ShareOpenGLContexts);

    QApplication app(argc, argv);
    StudioResources::initialize();
    describeApplication();
    QApplication::setDesktopFileName(QStringLiteral("vindex-studio")); // packaging/vindex-studio.desktop
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/vindex.svg")));
    const StudioCommandLine commandLine = processCommandLine();

    // Fail with a clear message instead of an abort inside Qt when the display offers no usable OpenGL.
    if (!vindex::widgets::VtkOpenGLView::isOpenGLAvailable()) {
        const QString message = QCoreApplication::translate(
            "main", "VINDEX Studio needs OpenGL 3.2 or newer for its 3D views, and this display does not provide it. "
                    "Under a remote or headless session, run it through xvfb-run.");
        std::fprintf(stderr, "vindex-studio: %s\n", qPrintable(message));
        if (commandLine.screenshotPath.isEmpty() && QGuiApplication::platformName() != QLatin1String("offscreen"))
            QMessageBox::critical(nullptr, QCoreApplication::translate("main", "VINDEX Studio"), message);
        return 1;
    }

    MainWindow window;
    if (!commandLine.screenshotPath.isEmpty()) {
        ScreenshotTask task(&window, commandLine.screenshotPath, commandLine.screenshotSize, commandLine.file,
                            commandLine.dataset);
        QObject::connect(&task, &ScreenshotTask::finished, &app, [](int exitCode) { QApplication::exit(exitCode); });
        task.start();
        return QApplication::exec();
    }

    window.show();
    if (!commandLine.dataset.isEmpty())
        window.openDataset(commandLine.dataset);
    else if (!commandLine.file.isEmpty())
        window.openVolume(commandLine.file);
    else
        window.restoreLastDataset();
    return QApplication::exec();
}
