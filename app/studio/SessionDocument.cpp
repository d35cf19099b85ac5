#include "SessionDocument.h"

#include "vindex/data/Trial.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace vindex::studio {
namespace {

// Relative to the session's folder when the path lies below it, so that a folder with a session and its data can
// be moved as a whole.
QString storedPath(const QString &path, const QString &sessionFolder)
{
    if (path.isEmpty())
        return path;
    const QString relative = QDir(sessionFolder).relativeFilePath(path);
    if (relative.startsWith(QLatin1String("..")) || QDir::isAbsolutePath(relative))
        return QDir::cleanPath(path);
    return relative;
}

QString resolvedPath(const QString &path, const QString &sessionFolder)
{
    if (path.isEmpty())
        return path;
    return QDir::cleanPath(QDir(sessionFolder).absoluteFilePath(path));
}

} // namespace

QString SessionDocument::withSuffix(const QString &path)
{
    if (path.isEmpty() || path.endsWith(QLatin1String(kSuffix), Qt::CaseInsensitive))
        return path;
    if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        return path.left(path.size() - 5) + QLatin1String(kSuffix);
    return path + QLatin1String(kSuffix);
}

QJsonObject SessionDocument::toJson(const QString &sessionFolder) const
{
    QJsonObject json;
    json[QStringLiteral("format")] = QLatin1String(kFormat);
    json[QStringLiteral("version")] = kVersion;
    if (!datasetRoot.isEmpty()) {
        QJsonObject dataset;
        dataset[QStringLiteral("root")] = storedPath(datasetRoot, sessionFolder);
        dataset[QStringLiteral("subject")] = subject;
        dataset[QStringLiteral("split")] = split;
        dataset[QStringLiteral("trial")] = trial;
        dataset[QStringLiteral("filter")] = filter;
        json[QStringLiteral("dataset")] = dataset;
    }
    QJsonObject window;
    window[QStringLiteral("geometry")] = QString::fromLatin1(windowGeometry.toBase64());
    window[QStringLiteral("state")] = QString::fromLatin1(windowState.toBase64());
    window[QStringLiteral("layoutVersion")] = layoutVersion;
    json[QStringLiteral("window")] = window;
    json[QStringLiteral("brainView")] = brainView;
    QJsonArray results;
    for (const QString &file : resultFiles)
        results.append(storedPath(file, sessionFolder));
    json[QStringLiteral("results")] = results;
    json[QStringLiteral("resultsView")] = resultsView;
    json[QStringLiteral("centralTab")] = centralTab;
    return json;
}

bool SessionDocument::fromJson(const QJsonObject &json, const QString &sessionFolder, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (json.value(QStringLiteral("format")).toString() != QLatin1String(kFormat))
        return fail(tr("not a VINDEX Studio session (expected \"format\": \"%1\")").arg(QLatin1String(kFormat)));
    const QJsonValue version = json.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toInt() < 1)
        return fail(tr("\"version\" must be a positive whole number"));
    if (version.toInt() > kVersion)
        return fail(tr("session version %1 is newer than this VINDEX Studio reads (%2); update VINDEX Studio")
                        .arg(version.toInt())
                        .arg(kVersion));

    *this = SessionDocument();
    const QJsonValue datasetValue = json.value(QStringLiteral("dataset"));
    if (!datasetValue.isUndefined() && !datasetValue.isNull()) {
        if (!datasetValue.isObject())
            return fail(tr("\"dataset\" must be an object"));
        const QJsonObject dataset = datasetValue.toObject();
        if (!dataset.value(QStringLiteral("root")).isString())
            return fail(tr("\"dataset\" needs a \"root\" folder"));
        datasetRoot = resolvedPath(dataset.value(QStringLiteral("root")).toString(), sessionFolder);
        subject = dataset.value(QStringLiteral("subject")).toInt(0);
        split = dataset.value(QStringLiteral("split")).toString(QStringLiteral("test"));
        if (!data::splitFromName(split.toStdString()))
            return fail(tr("\"split\" must be \"train\", \"val\" or \"test\", not \"%1\"").arg(split));
        trial = dataset.value(QStringLiteral("trial")).toInteger(-1);
        filter = dataset.value(QStringLiteral("filter")).toString();
    }
    const QJsonObject window = json.value(QStringLiteral("window")).toObject();
    windowGeometry = QByteArray::fromBase64(window.value(QStringLiteral("geometry")).toString().toLatin1());
    windowState = QByteArray::fromBase64(window.value(QStringLiteral("state")).toString().toLatin1());
    layoutVersion = window.value(QStringLiteral("layoutVersion")).toInt(0);
    brainView = json.value(QStringLiteral("brainView")).toObject();
    const QJsonValue results = json.value(QStringLiteral("results"));
    if (!results.isUndefined() && !results.isArray())
        return fail(tr("\"results\" must be a list of files"));
    for (const QJsonValue &file : results.toArray()) {
        if (!file.isString() || file.toString().isEmpty())
            return fail(tr("\"results\" must be a list of files"));
        resultFiles << resolvedPath(file.toString(), sessionFolder);
    }
    resultsView = json.value(QStringLiteral("resultsView")).toObject();
    centralTab = json.value(QStringLiteral("centralTab")).toInt(0);
    return true;
}

bool SessionDocument::read(const QString &path, QString *error)
{
    const QString shown = QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath());
    auto fail = [&](const QString &message) {
        if (error)
            *error = tr("Cannot open session %1: %2").arg(shown, message);
        return false;
    };
    QFile file(path);
    if (!file.exists())
        return fail(tr("the file does not exist"));
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.errorString());
    constexpr qint64 kLargestSession = 16 * 1024 * 1024; // a session is a few kilobytes; anything huge is not one
    if (file.size() > kLargestSession)
        return fail(tr("%1 bytes is too large for a session file").arg(file.size()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(tr("invalid JSON at byte %1: %2").arg(parseError.offset).arg(parseError.errorString()));
    if (!document.isObject())
        return fail(tr("not a VINDEX Studio session (expected a JSON object)"));
    QString message;
    if (!fromJson(document.object(), QFileInfo(path).absolutePath(), &message))
        return fail(message);
    return true;
}

bool SessionDocument::write(const QString &path, QString *error) const
{
    QSaveFile file(path);
    const QByteArray bytes = QJsonDocument(toJson(QFileInfo(path).absolutePath())).toJson(QJsonDocument::Indented);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = tr("Cannot save session %1: %2")
                         .arg(QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath()), file.errorString());
        return false;
    }
    return true;
}

} // namespace vindex::studio
