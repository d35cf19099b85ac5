#include "StudioSettings.h"

#include "vindex/data/Trial.h"

#include <QFileInfo>

#include <algorithm>

namespace vindex::studio {
namespace {

// Set by setFilePath(); when empty the environment variable decides. Read and written on the GUI thread only.
QString &explicitFilePath()
{
    static QString path;
    return path;
}

const QString kModelFolder = QStringLiteral("paths/modelFolder");
const QString kDataFolder = QStringLiteral("paths/dataFolder");
const QString kBrainHubFolder = QStringLiteral("paths/brainHubFolder");
const QString kMeteorDataFolder = QStringLiteral("metrics/meteorDataFolder");
const QString kPacCheckpoint = QStringLiteral("metrics/pacCheckpoint");
const QString kPacVocabulary = QStringLiteral("metrics/pacVocabulary");
const QString kSceneGraphParserFolder = QStringLiteral("metrics/sceneGraphParserFolder");
const QString kSceneGraphsFile = QStringLiteral("metrics/sceneGraphsFile");
const QString kCaptureEncoderFolder = QStringLiteral("metrics/captureEncoderFolder");
const QString kSentenceEncoderFolder = QStringLiteral("metrics/sentenceEncoderFolder");
const QString kDevice = QStringLiteral("compute/device");
const QString kLastDataset = QStringLiteral("dataset/root");
const QString kLastSubject = QStringLiteral("dataset/subject");
const QString kLastSplit = QStringLiteral("dataset/split");
const QString kLastTrial = QStringLiteral("dataset/trial");
const QString kLanguage = QStringLiteral("ui/language");
const QString kBrainColorMap = QStringLiteral("brain/colorMap");
const QString kBrainThresholdMode = QStringLiteral("brain/thresholdMode");
const QString kBrainFadeOpacity = QStringLiteral("brain/fadeOpacity");
const QString kRecentFiles = QStringLiteral("files/recent");
const QString kRecentSessions = QStringLiteral("files/recentSessions");
const QString kAutosaveSeconds = QStringLiteral("session/autosaveSeconds");
const QString kGeometry = QStringLiteral("mainWindow/geometry");
const QString kState = QStringLiteral("mainWindow/state");

} // namespace

void StudioSettings::setFilePath(const QString &path)
{
    explicitFilePath() = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
}

QString StudioSettings::filePath()
{
    if (!explicitFilePath().isEmpty())
        return explicitFilePath();
    const QString fromEnvironment = qEnvironmentVariable(environmentVariable);
    return fromEnvironment.isEmpty() ? QString() : QFileInfo(fromEnvironment).absoluteFilePath();
}

StudioSettings::StudioSettings()
{
    const QString path = filePath();
    if (path.isEmpty())
        m_settings = std::make_unique<QSettings>(); // organization and application names set in main()
    else
        m_settings = std::make_unique<QSettings>(path, QSettings::IniFormat);
}

StudioSettings::~StudioSettings() = default;

QString StudioSettings::modelFolder() const
{
    return m_settings->value(kModelFolder, qEnvironmentVariable("VINDEX_MODELS")).toString();
}
void StudioSettings::setModelFolder(const QString &folder)
{
    m_settings->setValue(kModelFolder, folder);
}

QString StudioSettings::dataFolder() const
{
    return m_settings->value(kDataFolder).toString();
}
void StudioSettings::setDataFolder(const QString &folder)
{
    m_settings->setValue(kDataFolder, folder);
}

QString StudioSettings::brainHubFolder() const
{
    return m_settings->value(kBrainHubFolder).toString();
}
void StudioSettings::setBrainHubFolder(const QString &folder)
{
    m_settings->setValue(kBrainHubFolder, folder);
}

QString StudioSettings::meteorDataFolder() const
{
    return m_settings->value(kMeteorDataFolder).toString();
}
void StudioSettings::setMeteorDataFolder(const QString &folder)
{
    m_settings->setValue(kMeteorDataFolder, folder);
}

QString StudioSettings::pacCheckpoint() const
{
    return m_settings->value(kPacCheckpoint).toString();
}
void StudioSettings::setPacCheckpoint(const QString &file)
{
    m_settings->setValue(kPacCheckpoint, file);
}

QString StudioSettings::pacVocabulary() const
{
    return m_settings->value(kPacVocabulary).toString();
}
void StudioSettings::setPacVocabulary(const QString &file)
{
    m_settings->setValue(kPacVocabulary, file);
}

QString StudioSettings::sceneGraphParserFolder() const
{
    return m_settings->value(kSceneGraphParserFolder).toString();
}
void StudioSettings::setSceneGraphParserFolder(const QString &folder)
{
    m_settings->setValue(kSceneGraphParserFolder, folder);
}

QString StudioSettings::sceneGraphsFile() const
{
    return m_settings->value(kSceneGraphsFile).toString();
}
void StudioSettings::setSceneGraphsFile(const QString &file)
{
    m_settings->setValue(kSceneGraphsFile, file);
}

QString StudioSettings::captureEncoderFolder() const
{
    return m_settings->value(kCaptureEncoderFolder).toString();
}
void StudioSettings::setCaptureEncoderFolder(const QString &folder)
{
    m_settings->setValue(kCaptureEncoderFolder, folder);
}

QString StudioSettings::sentenceEncoderFolder() const
{
    return m_settings->value(kSentenceEncoderFolder).toString();
}
void StudioSettings::setSentenceEncoderFolder(const QString &folder)
{
    m_settings->setValue(kSentenceEncoderFolder, folder);
}

QString StudioSettings::lastDataset() const
{
    return m_settings->value(kLastDataset).toString();
}
void StudioSettings::setLastDataset(const QString &root)
{
    m_settings->setValue(kLastDataset, root);
}

int StudioSettings::lastSubject() const
{
    return m_settings->value(kLastSubject, 0).toInt();
}
void StudioSettings::setLastSubject(int subject)
{
    m_settings->setValue(kLastSubject, subject);
}

QString StudioSettings::lastSplit() const
{
    const QString split = m_settings->value(kLastSplit).toString();
    return data::splitFromName(split.toStdString()) ? split : QStringLiteral("test");
}
void StudioSettings::setLastSplit(const QString &split)
{
    m_settings->setValue(kLastSplit, split);
}

qint64 StudioSettings::lastTrial() const
{
    bool ok = false;
    const qint64 index = m_settings->value(kLastTrial, -1).toLongLong(&ok);
    return ok && index >= 0 ? index : -1;
}
void StudioSettings::setLastTrial(qint64 index)
{
    m_settings->setValue(kLastTrial, index);
}

QString StudioSettings::brainColorMap() const
{
    return m_settings->value(kBrainColorMap, QStringLiteral("diverging")).toString();
}
void StudioSettings::setBrainColorMap(const QString &name)
{
    m_settings->setValue(kBrainColorMap, name);
}

QString StudioSettings::brainThresholdMode() const
{
    const QString mode = m_settings->value(kBrainThresholdMode).toString();
    return mode == QLatin1String("positive") ? mode : QStringLiteral("absolute");
}
void StudioSettings::setBrainThresholdMode(const QString &mode)
{
    m_settings->setValue(kBrainThresholdMode, mode);
}

double StudioSettings::brainFadeOpacity() const
{
    bool ok = false;
    const double opacity = m_settings->value(kBrainFadeOpacity, 0.2).toDouble(&ok);
    return ok && opacity >= 0 && opacity <= 1 ? opacity : 0.2;
}
void StudioSettings::setBrainFadeOpacity(double opacity)
{
    m_settings->setValue(kBrainFadeOpacity, opacity);
}

QString StudioSettings::device() const
{
    const QString device = m_settings->value(kDevice, QStringLiteral("cpu")).toString();
    return device == QLatin1String("cuda") ? device : QStringLiteral("cpu");
}
void StudioSettings::setDevice(const QString &device)
{
    m_settings->setValue(kDevice, device);
}

QString StudioSettings::language() const
{
    return m_settings->value(kLanguage, QStringLiteral("system")).toString();
}
void StudioSettings::setLanguage(const QString &language)
{
    m_settings->setValue(kLanguage, language);
}

QStringList StudioSettings::recentFiles() const
{
    return m_settings->value(kRecentFiles).toStringList();
}
void StudioSettings::setRecentFiles(const QStringList &files)
{
    m_settings->setValue(kRecentFiles, files);
}

QStringList StudioSettings::recentSessions() const
{
    return m_settings->value(kRecentSessions).toStringList();
}
void StudioSettings::setRecentSessions(const QStringList &files)
{
    m_settings->setValue(kRecentSessions, files);
}

int StudioSettings::autosaveSeconds() const
{
    bool ok = false;
    const int seconds = m_settings->value(kAutosaveSeconds, 60).toInt(&ok);
    return ok ? std::clamp(seconds, 0, 24 * 3600) : 60;
}
void StudioSettings::setAutosaveSeconds(int seconds)
{
    m_settings->setValue(kAutosaveSeconds, seconds);
}

QByteArray StudioSettings::windowGeometry() const
{
    return m_settings->value(kGeometry).toByteArray();
}
void StudioSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings->setValue(kGeometry, geometry);
}

QByteArray StudioSettings::windowState() const
{
    return m_settings->value(kState).toByteArray();
}
void StudioSettings::setWindowState(const QByteArray &state)
{
    m_settings->setValue(kState, state);
}

void StudioSettings::sync()
{
    m_settings->sync();
}

} // namespace vindex::studio
