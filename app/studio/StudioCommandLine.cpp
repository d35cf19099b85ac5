#include "StudioCommandLine.h"

#include <QCommandLineParser>
#include <QRegularExpression>

#include <cstdio>
#include <cstdlib>

namespace vindex::studio {
namespace {

const QString kSettingsFile = QStringLiteral("settings-file");
const QString kScreenshot = QStringLiteral("screenshot");
const QString kSize = QStringLiteral("size");
const QString kDataset = QStringLiteral("dataset");
const QString kSession = QStringLiteral("session");

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "vindex-studio: %s\n", qPrintable(message));
    std::exit(2); // bad input, as for the CLI
}

} // namespace

QString StudioCommandLine::settingsFileFromArguments(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(QCommandLineOption(kSettingsFile, QString(), QStringLiteral("path")));
    parser.addOption(QCommandLineOption(kScreenshot, QString(), QStringLiteral("file")));
    parser.addOption(QCommandLineOption(kSize, QString(), QStringLiteral("size")));
    parser.addOption(QCommandLineOption(kDataset, QString(), QStringLiteral("dir")));
    parser.addOption(QCommandLineOption(kSession, QString(), QStringLiteral("file")));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.parse(arguments); // errors are reported by process() later, translated
    return parser.value(kSettingsFile);
}

void StudioCommandLine::process(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("VINDEX Studio: decode what a person saw from fMRI."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"), tr("A NIfTI volume (.nii, .nii.gz) to open."),
                                 QStringLiteral("[file]"));
    parser.addOption(QCommandLineOption(
        kDataset,
        tr("Open an NSD dataset folder (webdataset, MindEye2 or native layout) with its first subject's test split."),
        tr("dir")));
    parser.addOption(QCommandLineOption(
        kSession, tr("Restore a saved session (.vindex.json): dataset, selection, layout, brain view, results."),
        tr("file")));
    parser.addOption(QCommandLineOption(kScreenshot,
                                        tr("Render the window with the volume, save it as a PNG image and exit "
                                           "(needs a display, e.g. under xvfb-run)."),
                                        tr("png")));
    parser.addOption(QCommandLineOption(kSize, tr("Window size for --screenshot, e.g. 1280x800."), tr("WxH"),
                                        QStringLiteral("1280x800")));
    parser.addOption(QCommandLineOption(
        kSettingsFile,
        tr("Keep settings in this INI file instead of the user's settings (also: $VINDEX_STUDIO_SETTINGS)."),
        tr("path")));
    parser.process(arguments);

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        fail(tr("expected at most one file to open, got %1").arg(positional.size()));
    file = positional.value(0);
    dataset = parser.value(kDataset);
    if (parser.isSet(kDataset) && dataset.isEmpty())
        fail(tr("--dataset expects a folder"));
    session = parser.value(kSession);
    if (parser.isSet(kSession) && session.isEmpty())
        fail(tr("--session expects a session file"));
    if (int(!dataset.isEmpty()) + int(!file.isEmpty()) + int(!session.isEmpty()) > 1)
        fail(tr("give one of a volume file, --dataset or --session"));
    screenshotPath = parser.value(kScreenshot);
    settingsFile = parser.value(kSettingsFile);

    const QString size = parser.value(kSize);
    const auto match = QRegularExpression(QStringLiteral("^(\\d{1,5})[xX](\\d{1,5})$")).match(size);
    if (!match.hasMatch())
        fail(tr("--size expects WIDTHxHEIGHT such as 1280x800, got \"%1\"").arg(size));
    screenshotSize = QSize(match.captured(1).toInt(), match.captured(2).toInt());
    if (screenshotSize.width() < 200 || screenshotSize.height() < 150 || screenshotSize.width() > 16384 ||
        screenshotSize.height() > 16384)
        fail(tr("--size must be between 200x150 and 16384x16384, got %1").arg(size));
    if (parser.isSet(kSize) && screenshotPath.isEmpty())
        fail(tr("--size applies only together with --screenshot"));
}

} // namespace vindex::studio
