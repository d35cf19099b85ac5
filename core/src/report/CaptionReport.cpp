#include "vindex/report/CaptionReport.h"

#include "vindex/core/BuildInfo.h"
#include "vindex/core/Error.h"
#include "vindex/data/Session.h"
#include "vindex/eval/CaptionFiles.h"
#include "vindex/io/ImageFile.h"
#include "vindex/models/SceneGraphParsing.h"
#include "vindex/models/SentenceEmbedding.h"
#include "vindex/report/TrialSelection.h"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <filesystem>
#include <optional>
#include <set>

namespace vindex::report {
namespace {

namespace fs = std::filesystem;

std::optional<int64_t> numericId(const std::string &id)
{
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
    if (ec != std::errc() || end != id.data() + id.size() || value < 0)
        return std::nullopt;
    return value;
}

std::string utcNow()
{
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &utc);
    return text;
}

std::vector<std::string> componentsOf(const std::string &path)
{
    fs::path p = fs::path(path).lexically_normal();
    if (p.has_filename() && p.extension() == ".json")
        p.replace_extension();
    std::vector<std::string> parts;
    for (const auto &part : p)
        if (!part.empty() && part != "." && part != "/")
            parts.push_back(part.string());
    return parts;
}

// The stimuli of the listed trials, from whichever source the options name.
class StimulusSource {
public:
    explicit StimulusSource(const CaptionReportOptions &options) : m_options(options)
    {
        if (!options.nsdRoot.empty() && !options.imagesDir.empty())
            throw Error("give either an NSD root (--root, --subject) or an images folder (--images), not both");
        if (!options.nsdRoot.empty()) {
            if (options.subject <= 0)
                throw Error("--root " + options.nsdRoot + " needs --subject S to know whose test images to show");
            m_session = data::Session::open(options.nsdRoot);
            m_subject = m_session->subject(options.subject);
            description = "NSD " + options.nsdRoot + ", subject " + std::to_string(options.subject) + ", test split (" +
                          data::nsdLayoutName(m_subject->testOrderLayout()) + " order)";
        } else if (!options.imagesDir.empty()) {
            std::error_code ec;
            if (!fs::is_directory(options.imagesDir, ec))
                throw DataError(options.imagesDir + ": not a folder (--images expects <index>.png or .jpg files)");
            description = "images in " + options.imagesDir;
        }
    }

    bool enabled() const { return !description.empty(); }

    void load(ReportTrial &trial) const
    {
        const std::string name = "trial " + trial.id;
        if (m_subject) {
            const int64_t count = m_subject->testImageCount();
            if (trial.index >= count)
                throw DataError(m_options.nsdRoot + ": subject " + std::to_string(m_options.subject) + " has " +
                                std::to_string(count) + " test images (0.." + std::to_string(count - 1) +
                                "), the report lists trial " + trial.id +
                                " (narrow it with --trials 0:" + std::to_string(count) + ")");
            const int64_t imageId = m_subject->testImage(trial.index);
            trial.thumbnail = Thumbnail::of(m_subject->image(imageId), name, m_options.thumbnailSize);
            trial.stimulus = "73k id " + std::to_string(imageId);
            return;
        }
        for (const char *extension : {".png", ".jpg", ".jpeg", ".PNG", ".JPG", ".JPEG"}) {
            const fs::path path = fs::path(m_options.imagesDir) / (trial.id + extension);
            std::error_code ec;
            if (fs::is_regular_file(path, ec)) {
                trial.thumbnail =
                    Thumbnail::of(io::ImageFile::read(path.string()), path.string(), m_options.thumbnailSize);
                trial.stimulus = path.filename().string();
                return;
            }
        }
        throw DataError(m_options.imagesDir + ": no image for trial " + trial.id + " (looked for " + trial.id +
                        ".png, .jpg and .jpeg)");
    }

    std::string description;

private:
    const CaptionReportOptions &m_options;
    std::optional<data::Session> m_session;
    std::optional<data::Subject> m_subject;
};

} // namespace

long ReportResult::row(const std::string &id) const
{
    const auto found = rowOfId.find(id);
    return found == rowOfId.end() ? -1 : static_cast<long>(found->second);
}

std::string CaptionReport::resultsFileOf(const std::string &resultsOrRunFolder)
{
    std::error_code ec;
    if (fs::is_directory(resultsOrRunFolder, ec)) {
        const fs::path results = fs::path(resultsOrRunFolder) / "results.json";
        if (!fs::is_regular_file(results, ec))
            throw DataError(resultsOrRunFolder + ": a run folder, but without results.json ({\"idx\": \"caption\"})");
        return results.string();
    }
    if (!fs::is_regular_file(resultsOrRunFolder, ec))
        throw DataError(resultsOrRunFolder + ": no such results file or run folder");
    return resultsOrRunFolder;
}

std::vector<std::string> CaptionReport::labelsFor(const std::vector<std::string> &paths)
{
    std::vector<std::vector<std::string>> parts;
    std::size_t depth = SIZE_MAX;
    for (const auto &path : paths) {
        parts.push_back(componentsOf(path));
        depth = std::min(depth, parts.back().size());
    }
    std::vector<std::string> labels(paths.size());
    if (paths.empty())
        return labels;
    const auto at = [&](std::size_t i, std::size_t level) { return parts[i][parts[i].size() - 1 - level]; };
    if (paths.size() == 1) {
        labels[0] = depth >= 2 ? at(0, 1) + "/" + at(0, 0) : at(0, 0);
        return labels;
    }
    std::vector<std::size_t> levels; // from the file name outwards, where the paths differ
    for (std::size_t level = 0; level < depth && level < 4; ++level) {
        std::set<std::string> seen;
        for (std::size_t i = 0; i < paths.size(); ++i)
            seen.insert(at(i, level));
        if (seen.size() > 1)
            levels.push_back(level);
    }
    if (levels.empty())
        levels.push_back(0);
    for (std::size_t i = 0; i < paths.size(); ++i)
        for (auto level = levels.rbegin(); level != levels.rend(); ++level) {
            if (!labels[i].empty())
                labels[i] += '/';
            labels[i] += at(i, *level);
        }
    // Still equal (the same file twice): number them.
    for (std::size_t i = 0; i < labels.size(); ++i) {
        int copy = 1;
        for (std::size_t j = i + 1; j < labels.size(); ++j)
            if (labels[j] == labels[i])
                labels[j] += " (" + std::to_string(++copy) + ")";
    }
    return labels;
}

std::vector<std::size_t> CaptionReport::perTrialScores() const
{
    std::vector<std::size_t> columns;
    const auto endsWith = [](const std::string &name, const char *suffix) {
        const std::size_t n = std::char_traits<char>::length(suffix);
        return name.size() >= n && name.compare(name.size() - n, n, suffix) == 0;
    };
    const auto elementDetail = [&](const std::string &name) {
        return (name.rfind("Object-", 0) == 0 || name.rfind("Attribute-", 0) == 0 || name.rfind("Relation-", 0) == 0) &&
               (endsWith(name, "-P") || endsWith(name, "-R"));
    };
    for (std::size_t i = 0; i < scoreNames.size(); ++i)
        if (scoreNames[i] != "BLEU-1" && scoreNames[i] != "BLEU-2" && scoreNames[i] != "BLEU-3" &&
            !elementDetail(scoreNames[i]))
            columns.push_back(i);
    return columns;
}

bool CaptionReport::hasElements() const
{
    for (const auto &result : results)
        if (!result.evaluation.captureTrials.empty())
            return true;
    return false;
}

CaptionReport CaptionReport::build(const CaptionReportOptions &options, const JobControl &job)
{
    if (options.results.empty())
        throw Error("a report needs at least one results file or run folder");
    if (!options.labels.empty() && options.labels.size() != options.results.size())
        throw Error("--labels gives " + std::to_string(options.labels.size()) + " labels for " +
                    std::to_string(options.results.size()) + " results");
    if (options.thumbnailSize < 16 || options.thumbnailSize > 1024)
        throw Error("thumbnail size " + std::to_string(options.thumbnailSize) + " is outside 16..1024 pixels");

    CaptionReport report;
    report.title = options.title.empty() ? "Caption decoding report" : options.title;
    report.created = utcNow();
    report.generator = "vindex " + versionString();
    report.trialSelection = options.trials;
    const TrialSelection selection = TrialSelection::parse(options.trials);
    const StimulusSource stimuli(options);
    report.stimulusSource = stimuli.description;

    // Inputs first, the per-trial section next, scoring last: bad input fails before the slow part.
    std::vector<std::string> resultsPaths;
    std::vector<RunManifest> manifests;
    for (const auto &source : options.results) {
        resultsPaths.push_back(resultsFileOf(source));
        const std::string manifestPath = RunManifest::locate(source);
        manifests.push_back(manifestPath.empty() ? RunManifest{} : RunManifest::read(manifestPath));
    }
    report.referencesPath = options.references;
    for (std::size_t i = 0; i < manifests.size() && report.referencesPath.empty(); ++i)
        report.referencesPath = manifests[i].referencesPath();
    if (report.referencesPath.empty())
        throw Error("no reference captions: give --references R.json (no run manifest names its references)");
    const eval::ReferenceCaptions references = eval::CaptionFiles::readReferences(report.referencesPath);
    report.referenceTrials = references.ids.size();
    for (const RunManifest &manifest : manifests)
        if (const std::string problem = manifest.testOrderProblem(references.ids.size()); !problem.empty())
            throw DataError(problem); // never reported in a silently different order
    for (const auto &captions : references.captions)
        report.referenceCaptions += captions.size();

    eval::CaptionEvaluationOptions evaluation;
    if (!options.metrics.empty())
        evaluation.metrics = eval::CaptionEvaluation::parseMetrics(options.metrics);
    evaluation.meteorDataDirectory = options.meteorData;
    evaluation.clip.device = options.device;
    evaluation.sceneGraphParser = options.sceneGraphParser;
    evaluation.sceneGraphsFile = options.sceneGraphs;
    evaluation.loadSceneGraphParser = models::loadSceneGraphParser;
    evaluation.captureEncoder = options.captureEncoder;
    evaluation.sentenceEncoder = options.sentenceEncoder;
    evaluation.sentenceReduction = eval::SentenceScore::reductionFromName(options.sentenceReduction);
    evaluation.loadSentenceEmbedder = [](const std::string &folder, const std::string &device) {
        return models::loadSentenceEmbedder(folder, device);
    };
    const auto asked = [&evaluation](eval::CaptionMetric metric) {
        return std::find(evaluation.metrics.begin(), evaluation.metrics.end(), metric) != evaluation.metrics.end();
    };
    if (asked(eval::CaptionMetric::Elements) || asked(eval::CaptionMetric::Capture)) {
        if (options.sceneGraphParser.empty() && options.sceneGraphs.empty())
            throw Error("elements/capture need scene graphs: a parser folder (--parser, the FACTUAL parser "
                        "lizhuang144/flan-t5-base-VG-factual-sg) and/or stored graphs (--scene-graphs FILE)");
        if (options.captureEncoder.empty())
            throw Error("elements/capture need a sentence encoder for soft matching (--capture-encoder DIR; "
                        "CAPTURE uses all-mpnet-base-v2)");
    }
    if (asked(eval::CaptionMetric::Sentence) && options.sentenceEncoder.empty())
        throw Error("sentence (SentenceS) needs a sentence encoder (--sentence-encoder DIR, all-MiniLM-L6-v2)");
    if (asked(eval::CaptionMetric::ClipScore) || asked(eval::CaptionMetric::PacScore))
        throw Error("clips and pacs are not available in reports yet: score them with 'vindex eval captions'");

    if (!selection.all() && selection.lastExplicit() >= static_cast<int64_t>(references.ids.size()))
        throw DataError("--trials " + options.trials + ": " + report.referencesPath + " has trials 0.." +
                        std::to_string(references.ids.size() - 1));
    for (std::size_t position = 0; position < references.ids.size(); ++position) {
        const std::string &id = references.ids[position];
        const auto number = numericId(id);
        if (!number && (!selection.all() || stimuli.enabled()))
            throw FormatError(report.referencesPath,
                              "id '" + id + "' is not a test index, so --trials and stimuli cannot find it");
        ReportTrial trial;
        trial.id = id;
        trial.index = number ? *number : static_cast<int64_t>(position);
        if (!selection.contains(trial.index))
            continue;
        trial.references = references.captions[position];
        job.checkCancelled();
        if (stimuli.enabled())
            stimuli.load(trial);
        report.trials.push_back(std::move(trial));
    }

    // A run may caption part of the test set; it is scored on what it shares with the references and the report
    // says so (notes, trial counts) rather than refusing it.
    evaluation.skipUnmatched = true;
    evaluation.job = &job;

    const auto derived = labelsFor(options.results);
    for (std::size_t i = 0; i < options.results.size(); ++i) {
        ReportResult result;
        result.source = options.results[i];
        result.resultsPath = resultsPaths[i];
        result.manifest = std::move(manifests[i]);
        if (!result.manifest.problem.empty())
            report.notes.push_back("Manifest of " + result.source + ": " + result.manifest.problem);
        result.label = !options.labels.empty()          ? options.labels[i]
                       : !result.manifest.label.empty() ? result.manifest.label
                                                        : derived[i];
        job.report("score", static_cast<int64_t>(i), static_cast<int64_t>(options.results.size()),
                   "scoring " + result.label);
        const auto candidates = eval::CaptionFiles::readCandidates(result.resultsPath);
        result.captionCount = candidates.ids.size();
        result.evaluation = eval::CaptionEvaluation::evaluate(candidates, references, evaluation);
        for (std::size_t row = 0; row < result.evaluation.ids.size(); ++row)
            result.rowOfId.emplace(result.evaluation.ids[row], row);

        std::size_t withoutReferences = 0;
        std::string firstWithout;
        for (const auto &skipped : result.evaluation.skipped)
            if (skipped.reason.rfind("no references", 0) == 0 && withoutReferences++ == 0)
                firstWithout = skipped.id;
        if (withoutReferences > 0)
            report.notes.push_back(result.label + ": " + std::to_string(withoutReferences) +
                                   " captions have no reference in " + report.referencesPath +
                                   " and are not scored (first id '" + firstWithout + "').");
        if (result.evaluation.ids.size() < references.ids.size())
            report.notes.push_back(result.label + ": scored on " + std::to_string(result.evaluation.ids.size()) +
                                   " of the " + std::to_string(references.ids.size()) +
                                   " reference trials; its corpus scores are not comparable with full-set scores "
                                   "(CIDEr's document frequencies depend on the set).");
        if (report.scoreNames.empty())
            report.scoreNames = result.evaluation.scoreNames;
        report.results.push_back(std::move(result));
    }
    return report;
}

} // namespace vindex::report
