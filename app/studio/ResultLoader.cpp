#include "ResultLoader.h"

#include "StdStrings.h"

#include "vindex/eval/CaptionEvaluation.h"
#include "vindex/eval/WordNet.h"

#include <QDir>

namespace vindex::studio {

report::ResultScoringRequest ResultLoader::scoringRequest(const Request &request)
{
    report::ResultScoringRequest scoring;
    scoring.path = request.path.toStdString();
    scoring.brainHubRoot = request.brainHubFolder.toStdString();
    scoring.captions.metrics = eval::CaptionEvaluation::parseMetrics(
        request.meteor && !eval::WordNet::locate().empty() ? "bleu,rouge,cider,meteor" : "bleu,rouge,cider");
    scoring.captions.skipUnmatched = true;
    return scoring;
}

widgets::DecodingResult ResultLoader::load(const Request &request, const JobControl &job)
{
    widgets::DecodingResult result = toDecodingResult(report::ResultScoring::score(scoringRequest(request), job));
    result.path = request.path;
    return result;
}

widgets::DecodingResult ResultLoader::toDecodingResult(const report::ScoredResult &scored)
{
    const bool grounding = scored.kind == report::ResultKind::Grounding;
    widgets::DecodingResult result;
    result.kind = grounding ? widgets::DecodingResult::Kind::Grounding : widgets::DecodingResult::Kind::Captions;
    result.label = grounding ? tr("%1 (boxes)").arg(fromStd(scored.label)) : fromStd(scored.label);
    result.path = fromStd(scored.path);
    result.resultsPath = fromStd(scored.resultsPath);
    result.referencesPath = fromStd(scored.referencesPath);
    for (const std::string &name : scored.scoreNames) {
        result.scoreNames << fromStd(name);
        result.scoreLabels << fromStd(grounding ? name : eval::CaptionEvaluation::scoreLabel(name));
    }
    for (double value : scored.corpus)
        result.corpus << value;
    for (const report::ScoredTrial &trial : scored.trials) {
        if (trial.index < 0)
            continue; // not a test index: nothing in the trial table to put it beside
        result.trialScores.insert(trial.index, QList<double>(trial.scores.begin(), trial.scores.end()));
    }

    QStringList details;
    if (grounding) {
        result.trialCount = static_cast<qint64>(scored.decoded.size());
        for (const auto &group : scored.grounding.groups)
            details << tr("%1: %2 %3, IoU %4 (%5 targets, %6 without a decoded box)")
                           .arg(fromStd(group.group), fromStd(scored.scoreNames.at(0)))
                           .arg(group.accuracy * 100, 0, 'f', 2)
                           .arg(group.iou * 100, 0, 'f', 2)
                           .arg(group.targets)
                           .arg(group.failed);
        for (std::size_t index = 0; index < scored.decoded.size(); ++index) {
            QList<widgets::StimulusView::Box> boxes;
            for (const auto &category : scored.decoded[index]) {
                if (!category.box)
                    continue;
                const auto &b = *category.box;
                boxes.append({fromStd(category.category), QRectF(QPointF(b[0], b[1]), QPointF(b[2], b[3])), QColor(),
                              Qt::DashLine});
            }
            result.boxes.insert(static_cast<qint64>(index), boxes);
        }
    } else {
        const eval::CaptionEvaluationResult &evaluation = scored.captions;
        result.trialCount = static_cast<qint64>(evaluation.ids.size());
        for (std::size_t row = 0; row < evaluation.ids.size(); ++row)
            if (scored.trials[row].index >= 0)
                result.captions.insert(scored.trials[row].index, fromStd(evaluation.candidates[row]));
        const eval::ReferenceCaptions &references = scored.references;
        for (std::size_t position = 0; position < references.ids.size(); ++position) {
            bool ok = false;
            const qint64 index = fromStd(references.ids[position]).toLongLong(&ok);
            QStringList captions;
            for (const std::string &caption : references.captions[position])
                captions << fromStd(caption);
            result.references.insert(ok ? index : static_cast<qint64>(position), captions);
        }
        details << tr("%1 captions scored against %2").arg(result.trialCount).arg(result.referencesPath);
        if (scored.manifest.found())
            details << tr("Manifest: %1").arg(fromStd(scored.manifest.path));
    }
    for (const std::string &note : scored.notes)
        details << fromStd(note);
    result.details = details.join(QLatin1Char('\n'));
    return result;
}

} // namespace vindex::studio
