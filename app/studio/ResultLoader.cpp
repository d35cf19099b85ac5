#include "ResultLoader.h"

#include "vindex/core/Error.h"
#include "vindex/data/BrainHubAnnotations.h"
#include "vindex/eval/CaptionEvaluation.h"
#include "vindex/eval/GroundingEvaluation.h"
#include "vindex/eval/WordNet.h"
#include "vindex/report/CaptionReport.h"
#include "vindex/report/RunManifest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>
#include <set>

namespace vindex::studio {
namespace {

std::string toStd(const QString &text)
{
    return text.toStdString();
}

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

// The salience group scored when there is a choice: every COCO category.
constexpr const char *kAllCategoriesGroup = "coco_cats";

} // namespace

bool ResultLoader::isGroundingFile(const QString &path)
{
    if (QFileInfo(path).isDir())
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false; // the caption reader names the problem
    const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
    return !object.isEmpty() && object.begin().value().isObject();
}

widgets::DecodingResult ResultLoader::load(const Request &request)
{
    return isGroundingFile(request.path) ? loadGrounding(request) : loadCaptions(request);
}

widgets::DecodingResult ResultLoader::loadCaptions(const Request &request)
{
    std::string source = toStd(request.path);
    const QString folder = QFileInfo(request.path).absolutePath();
    // results.json picked inside a run folder: the folder, with its manifest.json, is the result.
    if (QFileInfo(request.path).fileName() == QLatin1String("results.json") &&
        report::RunManifest::locate(source).empty() && !report::RunManifest::locate(toStd(folder)).empty())
        source = toStd(folder);
    const std::string resultsPath = report::CaptionReport::resultsFileOf(source); // DataError when missing
    const std::string manifestPath = report::RunManifest::locate(source);
    std::string references;
    if (!manifestPath.empty())
        references = report::RunManifest::read(manifestPath).referencesPath();
    if (references.empty() && !request.brainHubFolder.isEmpty())
        references =
            toStd(QDir(request.brainHubFolder).filePath(QLatin1String(data::BrainHubAnnotations::kCaptionsFile)));
    if (references.empty())
        throw DataError(resultsPath + ": no reference captions to score it against — its manifest names none and no "
                                      "BrainHub folder is set (Settings ▸ BrainHub folder)");

    report::CaptionReportOptions options;
    options.results = {source};
    options.references = references;
    options.metrics =
        request.meteor && !eval::WordNet::locate().empty() ? "bleu,rouge,cider,meteor" : "bleu,rouge,cider";
    const report::CaptionReport report = report::CaptionReport::build(options);
    const report::ReportResult &scored = report.results.at(0);
    const eval::CaptionEvaluationResult &evaluation = scored.evaluation;

    widgets::DecodingResult result;
    result.kind = widgets::DecodingResult::Kind::Captions;
    result.label = fromStd(scored.label);
    result.path = request.path;
    result.resultsPath = fromStd(scored.resultsPath);
    result.referencesPath = fromStd(report.referencesPath);
    for (const std::string &name : evaluation.scoreNames) {
        result.scoreNames << fromStd(name);
        result.scoreLabels << fromStd(eval::CaptionEvaluation::scoreLabel(name));
    }
    for (double value : evaluation.corpus)
        result.corpus << value;
    result.trialCount = static_cast<qint64>(evaluation.ids.size());
    for (std::size_t row = 0; row < evaluation.ids.size(); ++row) {
        bool ok = false;
        const qint64 index = fromStd(evaluation.ids[row]).toLongLong(&ok);
        if (!ok)
            continue; // not a test index: nothing in the trial table to put it beside
        result.captions.insert(index, fromStd(evaluation.candidates[row]));
        QList<double> scores;
        for (double value : evaluation.perTrial[row])
            scores << value;
        result.trialScores.insert(index, scores);
    }
    for (const report::ReportTrial &trial : report.trials) {
        QStringList captions;
        for (const std::string &caption : trial.references)
            captions << fromStd(caption);
        result.references.insert(trial.index, captions);
    }
    QStringList details{tr("%1 captions scored against %2").arg(result.trialCount).arg(result.referencesPath)};
    if (scored.manifest.found())
        details << tr("Manifest: %1").arg(fromStd(scored.manifest.path));
    for (const std::string &note : report.notes)
        details << fromStd(note);
    result.details = details.join(QLatin1Char('\n'));
    return result;
}

widgets::DecodingResult ResultLoader::loadGrounding(const Request &request)
{
    const std::string path = toStd(request.path);
    if (request.brainHubFolder.isEmpty())
        throw DataError(path + ": decoded boxes need BrainHub's ground truth (bbox/coco_bbox_categorized.json); set "
                               "the BrainHub folder in Settings");
    const QDir brainHub(request.brainHubFolder);
    const std::string truthPath = toStd(brainHub.filePath(QLatin1String(data::BrainHubAnnotations::kBoxesFile)));
    const auto truth = data::BrainHubAnnotations::readBoxes(truthPath);
    const auto decoded = eval::GroundingEvaluation::readDecoded(path);

    std::vector<eval::CategoryGroup> groups;
    const QString groupsPath = brainHub.filePath(QStringLiteral("processing/coco/coco_categorized_labels.json"));
    if (QFileInfo::exists(groupsPath)) {
        groups = eval::GroundingEvaluation::readGroups(toStd(groupsPath));
    } else {
        // Without BrainHub's salience groups: one group of every category the truth names.
        std::set<std::string> categories;
        for (const auto &image : truth)
            for (const auto &category : image)
                categories.insert(category.category);
        groups.push_back({kAllCategoriesGroup, {categories.begin(), categories.end()}});
    }
    const eval::GroundingResult scored = eval::GroundingEvaluation::evaluate(truth, decoded, groups);

    widgets::DecodingResult result;
    result.kind = widgets::DecodingResult::Kind::Grounding;
    // BrainHub keeps a method's boxes in a folder of its name (bbox/umbrae-v-1-4/sub01_decoded_bbox.json).
    result.label = tr("%1 (boxes)").arg(QFileInfo(request.path).dir().dirName());
    result.path = request.path;
    result.resultsPath = request.path;
    result.referencesPath = fromStd(truthPath);
    result.scoreNames = {QStringLiteral("acc@0.5"), QStringLiteral("IoU")};
    result.scoreLabels = {tr("acc@0.5"), tr("IoU")};
    const eval::GroundingGroupScore *main = nullptr;
    QStringList details;
    for (const auto &group : scored.groups) {
        if (!main || group.group == kAllCategoriesGroup)
            main = &group;
        details << tr("%1: acc@0.5 %2, IoU %3 (%4 targets, %5 without a decoded box)")
                       .arg(fromStd(group.group))
                       .arg(group.accuracy * 100, 0, 'f', 2)
                       .arg(group.iou * 100, 0, 'f', 2)
                       .arg(group.targets)
                       .arg(group.failed);
    }
    if (main)
        result.corpus = {main->accuracy, main->iou};
    result.trialCount = static_cast<qint64>(decoded.size());
    if (!scored.keyMismatchImages.empty())
        details << tr("%1 images whose decoded categories differ from the ground truth's")
                       .arg(scored.keyMismatchImages.size());
    result.details = details.join(QLatin1Char('\n'));

    // Per trial: the share of its categories found (IoU > 0.5) and their mean IoU.
    std::map<qint64, std::pair<int, std::pair<double, double>>> perTrial; // index → (pairs, (hits, IoU sum))
    for (const auto &pair : scored.pairs) {
        auto &entry = perTrial[pair.index];
        ++entry.first;
        entry.second.first += pair.iou > eval::GroundingEvaluation::kThreshold ? 1 : 0;
        entry.second.second += pair.iou;
    }
    for (const auto &[index, entry] : perTrial)
        result.trialScores.insert(index, {entry.second.first / entry.first, entry.second.second / entry.first});
    for (std::size_t index = 0; index < decoded.size(); ++index) {
        QList<widgets::StimulusView::Box> boxes;
        for (const auto &category : decoded[index]) {
            if (!category.box)
                continue;
            const auto &b = *category.box;
            boxes.append(
                {fromStd(category.category), QRectF(QPointF(b[0], b[1]), QPointF(b[2], b[3])), QColor(), Qt::DashLine});
        }
        result.boxes.insert(static_cast<qint64>(index), boxes);
    }
    return result;
}

} // namespace vindex::studio
