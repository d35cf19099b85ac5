// vindex-studio: the desktop application. Thin: parses the command line, sets up Qt (OpenGL format,
// settings location, translations) and shows the main window, or makes a screenshot and exits.
#include "MainWindow.h"
#include "ScreenshotTask.h"
#include "SessionController.h"
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
#include <vector>

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

// The command line as given. Qt takes "-session ID" (also spelled --session) for X11 session management and
// removes it from the arguments it keeps; ours names a session file, so the arguments are read before Qt sees them.
QStringList givenArguments(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

// argv without --session FILE (and --session=FILE), for QApplication.
std::vector<char *> argumentsForQt(int argc, char *argv[])
{
    std::vector<char *> kept;
    for (int i = 0; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "--session" || argument == "-session") {
            ++i; // and its value
            continue;
        }
        if (argument.startsWith("--session=") || argument.startsWith("-session="))
            continue;
        kept.push_back(argv[i]);
    }
    kept.push_back(nullptr);
    return kept;
}

// Settings first (they name the language), then the translators, then the translated command line.
StudioCommandLine processCommandLine(const QStringList &arguments)
{
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
        const QStringList arguments = givenArguments(argc, argv);
        QCoreApplication app(argc, argv);
        describeApplication();
        processCommandLine(arguments); // prints and exits
        return 0;
    }

    // VTK needs an OpenGL 3.2 core context; the format must be the default before the application exists.
    QSurfaceFormat::setDefaultFormat(vindex::widgets::VtkOpenGLView::defaultFormat());
    // Views in docks may be re-parented into floating windows; shared contexts keep their resources valid.
    QApplication::setAttribute(Qt::AA_ShareOpenGLContexts);

    const QStringList arguments = givenArguments(argc, argv);
    std::vector<char *> qtArgv = argumentsForQt(argc, argv);
    int qtArgc = static_cast<int>(qtArgv.size()) - 1;
    QApplication app(qtArgc, qtArgv.data());
    StudioResources::initialize();
    describeApplication();
    QApplication::setDesktopFileName(QStringLiteral("vindex-studio")); // packaging/vindex-studio.desktop
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/vindex.svg")));
    const StudioCommandLine commandLine = processCommandLine(arguments);

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
        task.setSessionPath(commandLine.session);
        // Queued: a failure found before the event loop runs must still end it.
        QObject::connect(
            &task, &ScreenshotTask::finished, &app, [](int exitCode) { QApplication::exit(exitCode); },
            Qt::QueuedConnection);
        task.start();
        return QApplication::exec();
    }

    window.show();
    // A run that did not exit cleanly left an autosave: offered unless the command line names what to open.
    const bool named = !commandLine.session.isEmpty() || !commandLine.dataset.isEmpty() || !commandLine.file.isEmpty();
    if (window.sessionController()->startAutosave(!named))
        return QApplication::exec(); // the recovered session opens its dataset
    if (!commandLine.session.isEmpty())
        window.sessionController()->open(commandLine.session);
    else if (!commandLine.dataset.isEmpty())
        window.openDataset(commandLine.dataset);
    else if (!commandLine.file.isEmpty())
        window.openVolume(commandLine.file);
    else
        window.restoreLastDataset();
    return QApplication::exec();
}
