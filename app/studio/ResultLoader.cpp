#include "ResultLoader.h"

#include "StdStrings.h"
#include "StudioSettings.h"

#include "vindex/eval/CaptionEvaluation.h"
#include "vindex/eval/WordNet.h"
#include "vindex/models/SceneGraphParsing.h"
#include "vindex/models/SentenceEmbedding.h"

#include "vindex/core/Error.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace vindex::studio {
namespace {

widgets::CaptionElement::Type elementType(eval::ElementType type)
{
    switch (type) {
    case eval::ElementType::Object: return widgets::CaptionElement::Type::Object;
    case eval::ElementType::Attribute: return widgets::CaptionElement::Type::Attribute;
    case eval::ElementType::Relation: return widgets::CaptionElement::Type::Relation;
    }
    return widgets::CaptionElement::Type::Object;
}

widgets::CaptionElement::Match elementMatch(eval::MatchStage stage)
{
    switch (stage) {
    case eval::MatchStage::Exact: return widgets::CaptionElement::Match::Exact;
    case eval::MatchStage::Synonym: return widgets::CaptionElement::Match::Synonym;
    case eval::MatchStage::Soft: return widgets::CaptionElement::Match::Soft;
    case eval::MatchStage::None: return widgets::CaptionElement::Match::None;
    }
    return widgets::CaptionElement::Match::None;
}

} // namespace

ResultLoader::Request ResultLoader::requestFor(const QString &path, const QString &brainHubFolder)
{
    const StudioSettings settings;
    Request request;
    request.path = path;
    request.brainHubFolder = brainHubFolder;
    request.meteorDataFolder = settings.meteorDataFolder();
    request.pacCheckpoint = settings.pacCheckpoint();
    request.pacVocabulary = settings.pacVocabulary();
    request.sceneGraphParser = settings.sceneGraphParserFolder();
    request.sceneGraphsFile = settings.sceneGraphsFile();
    request.captureEncoder = settings.captureEncoderFolder();
    request.sentenceEncoder = settings.sentenceEncoderFolder();
    request.device = settings.device();
    return request;
}

report::ResultScoringRequest ResultLoader::scoringRequest(const Request &request)
{
    report::ResultScoringRequest scoring;
    scoring.path = request.path.toStdString();
    scoring.brainHubRoot = request.brainHubFolder.toStdString();
    eval::CaptionEvaluationOptions &options = scoring.captions;
    options.skipUnmatched = true;
    options.clip.device = request.device.toStdString(); // every model of the evaluation runs there

    QStringList metrics{QStringLiteral("bleu"), QStringLiteral("rouge"), QStringLiteral("cider")};
    // With its data folder METEOR is the jar's (synonyms from the jar beside the folder, else WordNet); without,
    // METEOR (no paraphrase) needs WordNet.
    const bool paraphrases = !request.meteorDataFolder.isEmpty();
    if (request.meteor && (paraphrases || !eval::WordNet::locate().empty())) {
        metrics << QStringLiteral("meteor");
        options.meteorDataDirectory = request.meteorDataFolder.toStdString();
    }
    if ((!request.sceneGraphParser.isEmpty() || !request.sceneGraphsFile.isEmpty()) &&
        !request.captureEncoder.isEmpty()) {
        metrics << QStringLiteral("elements") << QStringLiteral("capture");
        options.sceneGraphParser = request.sceneGraphParser.toStdString();
        options.sceneGraphsFile = request.sceneGraphsFile.toStdString();
        options.loadSceneGraphParser = models::loadSceneGraphParser;
        options.captureEncoder = request.captureEncoder.toStdString();
    }
    if (!request.sentenceEncoder.isEmpty()) {
        metrics << QStringLiteral("sentence");
        options.sentenceEncoder = request.sentenceEncoder.toStdString();
    }
    options.loadSentenceEmbedder = [](const std::string &folder, const std::string &device) {
        return models::loadSentenceEmbedder(folder, device);
    };
    options.metrics = eval::CaptionEvaluation::parseMetrics(metrics.join(QLatin1Char(',')).toStdString());
    return scoring;
}

widgets::DecodingResult ResultLoader::load(const Request &request, const JobControl &job)
{
    const report::ScoredResult scored = report::ResultScoring::score(scoringRequest(request), job);
    if (const QString problem = idMismatch(scored); !problem.isEmpty())
        throw DataError(problem.toStdString());
    widgets::DecodingResult result = toDecodingResult(scored);
    result.path = request.path;
    return result;
}

QString ResultLoader::idMismatch(const report::ScoredResult &scored)
{
    if (scored.kind != report::ResultKind::Captions || scored.captionCount == 0)
        return {};
    const auto matched = static_cast<qint64>(scored.captions.ids.size());
    const auto unknown = static_cast<qint64>(scored.captionCount) - matched;
    if (unknown <= matched)
        return {};
    return tr("%1: %2 of its %3 captions have no reference in %4 (%5 trials), which holds only %6 of its ids: it "
              "was decoded for another dataset, and scores against these references would mean nothing. Open its "
              "dataset (or set its BrainHub folder) to score it.")
        .arg(QDir::toNativeSeparators(fromStd(scored.resultsPath)))
        .arg(unknown)
        .arg(scored.captionCount)
        .arg(QDir::toNativeSeparators(fromStd(scored.referencesPath)))
        .arg(scored.references.ids.size())
        .arg(matched);
}

QString ResultLoader::idWarning(const report::ScoredResult &scored)
{
    if (scored.kind != report::ResultKind::Captions)
        return {};
    const auto matched = static_cast<qint64>(scored.captions.ids.size());
    const auto unknown = static_cast<qint64>(scored.captionCount) - matched;
    if (unknown <= 0)
        return {};
    return tr("%1 of its %2 captions have no reference in the open dataset and are not scored")
        .arg(unknown)
        .arg(scored.captionCount);
}

QString ResultLoader::elideMiddle(const QString &text, int maxLength)
{
    if (text.size() <= maxLength || maxLength < 5)
        return text;
    const int head = (maxLength - 1) / 2;
    const int tail = maxLength - 1 - head;
    return text.left(head) + QStringLiteral("…") + text.right(tail);
}

QString ResultLoader::shortLabel(const QString &resultsPath, const QString &manifestLabel, int maxLength)
{
    if (!manifestLabel.isEmpty())
        return elideMiddle(manifestLabel, maxLength);
    const QFileInfo file(resultsPath);
    // BrainHub's names say only the subject and kind; the method (or the run) is the folder's name.
    static const QRegularExpression brainHubName(QStringLiteral("^sub\\d+_decoded_(caption|bbox)$"));
    const bool generic =
        brainHubName.match(file.completeBaseName()).hasMatch() || file.completeBaseName() == QLatin1String("results");
    const QString name = generic && !file.dir().dirName().isEmpty() ? file.dir().dirName() : file.completeBaseName();
    return elideMiddle(name, maxLength);
}

widgets::DecodingResult ResultLoader::toDecodingResult(const report::ScoredResult &scored)
{
    const bool grounding = scored.kind == report::ResultKind::Grounding;
    widgets::DecodingResult result;
    result.kind = grounding ? widgets::DecodingResult::Kind::Grounding : widgets::DecodingResult::Kind::Captions;
    const QString label = shortLabel(fromStd(scored.resultsPath), fromStd(scored.manifest.label));
    result.label = grounding ? tr("%1 (boxes)").arg(label) : label;
    result.warning = idWarning(scored);
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
        // The elements CAPTURE found in each caption, with the best match the references give them.
        for (std::size_t row = 0; row < evaluation.captureTrials.size() && row < scored.trials.size(); ++row) {
            if (scored.trials[row].index < 0)
                continue;
            QList<widgets::CaptionElement> elements;
            for (const eval::ConfirmedElement &element : eval::confirmedElements(evaluation.captureTrials[row]))
                elements.append({elementType(element.type), fromStd(element.text), elementMatch(element.match)});
            result.elements.insert(scored.trials[row].index, elements);
        }
        details << tr("%1 captions scored against %2").arg(result.trialCount).arg(result.referencesPath);
        if (!evaluation.captureTrials.empty())
            details << tr("Elements and CAPTURE: scene graphs from %1, sentence encoder %2")
                           .arg(fromStd(evaluation.sceneGraphSource), fromStd(evaluation.captureEncoder));
        if (!evaluation.sentenceEncoder.empty())
            details << tr("SentenceS: sentence encoder %1").arg(fromStd(evaluation.sentenceEncoder));
        if (scored.manifest.found())
            details << tr("Manifest: %1").arg(fromStd(scored.manifest.path));
    }
    for (const std::string &note : scored.notes)
        details << fromStd(note);
    details.prepend(QDir::toNativeSeparators(result.resultsPath)); // the full name of the short label
    result.details = details.join(QLatin1Char('\n'));
    return result;
}

} // namespace vindex::studio
