#include "DecodeInputCheck.h"

#include "vindex/io/FileInspector.h"
#include "vindex/models/ShikraConfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <exception>

namespace vindex::studio {
namespace {

constexpr const char *kTrainingMetadataKey = "vindex.training"; // BrainEncoder::kTrainingMetadataKey

// The checkpoint of the method's encoder folder that gives the voxels: clip_<size>/last.pth (ME reads both towers
// from the same voxels, so one tells the count).
QString folderCheckpoint(const QString &folder)
{
    const QDir dir(folder);
    for (const QString &tower : dir.entryList({QStringLiteral("clip_*"), QStringLiteral("dino_*")}, QDir::Dirs)) {
        const QString file = QDir(dir.filePath(tower)).filePath(QStringLiteral("last.pth"));
        if (QFileInfo(file).isFile())
            return file;
    }
    return {};
}

// UMBRAE's .pth files keep the weights under model_state_dict, often with DataParallel's module. prefix.
QString bareName(QString name)
{
    for (const QString &prefix :
         {QStringLiteral("model_state_dict."), QStringLiteral("state_dict."), QStringLiteral("module.")})
        if (name.startsWith(prefix))
            name.remove(0, prefix.size());
    return name;
}

} // namespace

qint64 DecodeInputCheck::EncoderFacts::voxelsFor(int subject) const
{
    if (voxels.contains(0))
        return voxels.value(0);
    return voxels.value(subject, 0);
}

DecodeInputCheck::ModelFacts DecodeInputCheck::inspectModel(const QString &folder)
{
    ModelFacts facts;
    const QFileInfo info(folder);
    if (!info.exists()) {
        facts.problem = tr("No such folder");
        return facts;
    }
    if (!info.isDir()) {
        facts.problem = tr("A file, not a model folder");
        return facts;
    }
    QFile file(QDir(folder).filePath(QStringLiteral("config.json")));
    if (!file.open(QIODevice::ReadOnly)) {
        facts.problem = tr("Not a model folder: it has no config.json");
        return facts;
    }
    QJsonParseError error{};
    const QJsonObject config = QJsonDocument::fromJson(file.readAll(), &error).object();
    if (error.error != QJsonParseError::NoError) {
        facts.problem = tr("Its config.json cannot be read: %1").arg(error.errorString());
        return facts;
    }
    const std::optional<bool> shikra = models::isShikraFolder(QDir::fromNativeSeparators(folder).toStdString());
    facts.shikra = shikra.value_or(false);
    const QString type = config.value(QStringLiteral("model_type")).toString();
    if (facts.shikra) {
        facts.kind = tr("Shikra");
        facts.space = QStringLiteral("shikra");
    } else if (!type.startsWith(QLatin1String("llava"))) {
        // A brain encoder or a vision tower picked by mistake has a config.json too.
        facts.problem = tr("Not a multimodal LLM: its config.json says model_type “%1”").arg(type);
    } else if (config.contains(QStringLiteral("mm_dense_connector_type"))) {
        facts.kind = tr("Dense Connector (LLaVA)");
        facts.space = QStringLiteral("af");
    } else if (config.contains(QStringLiteral("matryoshka_vis_token_scale"))) {
        facts.kind = tr("M3 (LLaVA)");
        facts.space = QStringLiteral("nf");
    } else if (config.contains(QStringLiteral("mm_dino_tower")) ||
               QFileInfo::exists(QDir(folder).filePath(QStringLiteral("dino_mm_projector.bin")))) {
        facts.kind = tr("MMVP (LLaVA + DINOv2)");
        facts.space = QStringLiteral("me");
    } else {
        facts.kind = type == QLatin1String("llava_next") ? tr("LLaVA-NeXT") : tr("LLaVA");
    }
    return facts;
}

DecodeInputCheck::EncoderFacts DecodeInputCheck::inspectEncoder(const QString &path)
{
    EncoderFacts facts;
    const QFileInfo info(path);
    if (!info.exists()) {
        facts.problem = tr("No such file or folder");
        return facts;
    }
    QString file = path;
    if (info.isDir()) {
        file = folderCheckpoint(path);
        if (file.isEmpty()) {
            facts.problem = tr("Not a folder of encoders: it has no clip_224/last.pth or dino_224/last.pth");
            return facts;
        }
        facts.kind = tr("ME folder (clip + dino)");
    }
    nlohmann::ordered_json description;
    try {
        description = io::FileInspector::inspect(QDir::fromNativeSeparators(file).toStdString());
    } catch (const std::exception &error) {
        facts.problem = QString::fromStdString(error.what());
        return facts;
    }
    static const QRegularExpression subjectTokenizer(QStringLiteral("^lin2\\.fmri(\\d+)(\\.0)?\\.weight$"));
    static const QRegularExpression query(QStringLiteral("layers\\.0\\.0\\.to_q\\.weight$"));
    bool single = false;
    for (const auto &tensor : description.value("tensors", nlohmann::ordered_json::array())) {
        const QString name = bareName(QString::fromStdString(tensor.value("name", std::string())));
        const auto shape = tensor.value("shape", std::vector<int64_t>());
        if (shape.size() != 2)
            continue;
        if (name == QLatin1String("lin2.weight")) {
            facts.voxels.insert(0, shape[1]);
            single = true;
        } else if (const auto match = subjectTokenizer.match(name); match.hasMatch()) {
            facts.voxels.insert(match.captured(1).toInt(), shape[1]);
        } else if (query.match(name).hasMatch()) {
            facts.innerWidth = shape[0];
        }
    }
    if (facts.voxels.isEmpty()) {
        facts.problem = tr("Not a brain encoder: it has no lin2 (voxels → tokens) weights");
        return facts;
    }
    if (facts.kind.isEmpty())
        facts.kind = single ? QStringLiteral("BrainXS") : QStringLiteral("BrainX");
    const auto metadata = description.value("metadata", nlohmann::ordered_json::object());
    if (metadata.contains(kTrainingMetadataKey) && metadata[kTrainingMetadataKey].is_string()) {
        const QJsonObject training =
            QJsonDocument::fromJson(QByteArray::fromStdString(metadata[kTrainingMetadataKey].get<std::string>()))
                .object();
        const QJsonObject encoder = training.value(QStringLiteral("encoder")).toObject();
        facts.recordedHeads = encoder.value(QStringLiteral("heads")).toInt();
        facts.recordedHeadWidth = encoder.value(QStringLiteral("dim_head")).toInt();
    }
    return facts;
}

} // namespace vindex::studio
