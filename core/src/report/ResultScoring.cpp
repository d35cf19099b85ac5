#include "vindex/report/ResultScoring.h"

#include "vindex/core/Error.h"
#include "vindex/data/BrainHubAnnotations.h"
#include "vindex/report/CaptionReport.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace vindex::report {
namespace {

namespace fs = std::filesystem;

std::optional<int64_t> testIndexOf(const std::string &id)
{
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
    if (ec != std::errc() || end != id.data() + id.size() || value < 0)
        return std::nullopt;
    return value;
}

bool isFile(const fs::path &path)
{
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

// A caption result as its source: a results.json inside a run folder stands for the folder (and its manifest.json)
// unless the file has a manifest of its own.
std::string captionSource(const std::string &path)
{
    const fs::path file(path);
    if (file.filename() == "results.json" && RunManifest::locate(path).empty()) {
        const std::string folder = file.parent_path().string();
        if (!folder.empty() && !RunManifest::locate(folder).empty())
            return folder;
    }
    return path;
}

// The group file of a ground truth that sits in BrainHub's layout (<BrainHub>/bbox/coco_bbox_categorized.json).
std::string groupsBesideTruth(const std::string &truthPath)
{
    const fs::path candidate = fs::path(truthPath).parent_path().parent_path() / ResultScoring::kGroupsFile;
    return isFile(candidate) ? candidate.string() : std::string();
}

std::string thresholdText(double threshold)
{
    char text[32];
    const auto [end, ec] = std::to_chars(text, text + sizeof text, threshold);
    return ec == std::errc() ? std::string(text, end) : std::to_string(threshold);
}

} // namespace

double ScoredResult::value(const std::string &scoreName) const
{
    for (std::size_t i = 0; i < scoreNames.size() && i < corpus.size(); ++i)
        if (scoreNames[i] == scoreName)
            return corpus[i];
    throw Error(resultsPath + ": no score " + scoreName);
}

ResultKind ResultScoring::kindOf(const std::string &path)
{
    if (!isFile(path))
        return ResultKind::Captions;
    std::ifstream in(path, std::ios::binary);
    const nlohmann::json document = nlohmann::json::parse(in, nullptr, false);
    if (document.is_discarded() || !document.is_object() || document.empty())
        return ResultKind::Captions;
    return document.begin()->is_object() ? ResultKind::Grounding : ResultKind::Captions;
}

std::vector<std::string> ResultScoring::groundingScoreNames(double threshold)
{
    return {"acc@" + thresholdText(threshold), "IoU"};
}

ScoredResult ResultScoring::score(const ResultScoringRequest &request, const JobControl &job)
{
    job.checkCancelled();
    const ResultKind kind = request.kind ? *request.kind : kindOf(request.path);
    return kind == ResultKind::Grounding ? scoreGrounding(request, job) : scoreCaptions(request, job);
}

ScoredResult ResultScoring::scoreCaptions(const ResultScoringRequest &request, const JobControl &job)
{
    ScoredResult result;
    result.kind = ResultKind::Captions;
    result.path = request.path;
    const std::string source = captionSource(request.path);
    result.resultsPath = CaptionReport::resultsFileOf(source); // DataError when missing
    const std::string manifestPath = RunManifest::locate(source);
    if (!manifestPath.empty())
        result.manifest = RunManifest::read(manifestPath);
    if (!result.manifest.problem.empty())
        result.notes.push_back("Manifest " + result.manifest.path + ": " + result.manifest.problem);

    result.referencesPath = request.references;
    if (result.referencesPath.empty())
        result.referencesPath = result.manifest.referencesPath();
    if (result.referencesPath.empty() && !request.brainHubRoot.empty())
        result.referencesPath = (fs::path(request.brainHubRoot) / data::BrainHubAnnotations::kCaptionsFile).string();
    if (result.referencesPath.empty())
        throw DataError(result.resultsPath + ": no reference captions to score it against: none were given, " +
                        (result.manifest.found() ? "its manifest names none" : "it has no run manifest") +
                        " and no BrainHub folder is set");
    result.label =
        !result.manifest.label.empty() ? result.manifest.label : CaptionReport::labelsFor({result.resultsPath}).front();

    const eval::CandidateCaptions candidates = eval::CaptionFiles::readCandidates(result.resultsPath);
    result.captionCount = candidates.ids.size();
    result.references = eval::CaptionFiles::readReferences(result.referencesPath);
    if (const std::string problem = result.manifest.testOrderProblem(result.references.ids.size()); !problem.empty())
        throw DataError(problem); // never scored in a silently different order
    job.checkCancelled();
    eval::CaptionEvaluationOptions options = request.captions;
    options.job = &job;
    result.captions = eval::CaptionEvaluation::evaluate(candidates, result.references, options);

    const eval::CaptionEvaluationResult &evaluation = result.captions;
    result.scoreNames = evaluation.scoreNames;
    result.corpus = evaluation.corpus;
    result.trials.reserve(evaluation.ids.size());
    for (std::size_t row = 0; row < evaluation.ids.size(); ++row)
        result.trials.push_back(
            {evaluation.ids[row], testIndexOf(evaluation.ids[row]).value_or(-1), evaluation.perTrial[row]});

    std::size_t withoutReferences = 0;
    std::string firstWithout;
    for (const auto &skipped : evaluation.skipped)
        if (skipped.reason.rfind("no references", 0) == 0 && withoutReferences++ == 0)
            firstWithout = skipped.id;
    if (withoutReferences > 0)
        result.notes.push_back(std::to_string(withoutReferences) + " captions have no reference in " +
                               result.referencesPath + " and are not scored (first id '" + firstWithout + "').");
    if (evaluation.ids.size() < result.references.ids.size())
        result.notes.push_back("Scored on " + std::to_string(evaluation.ids.size()) + " of the " +
                               std::to_string(result.references.ids.size()) +
                               " reference trials; the corpus scores are not comparable with full-set scores "
                               "(CIDEr's document frequencies depend on the set).");
    return result;
}

ScoredResult ResultScoring::scoreGrounding(const ResultScoringRequest &request, const JobControl &job)
{
    ScoredResult result;
    result.kind = ResultKind::Grounding;
    result.path = request.path;
    result.resultsPath = request.path;
    result.threshold = request.threshold;
    if (!isFile(request.path))
        throw DataError(request.path + ": no such decoded-boxes file");
    // BrainHub keeps a method's boxes in a folder of its name (bbox/umbrae-v-1-4/sub01_decoded_bbox.json).
    const fs::path folder = fs::path(request.path).parent_path().filename();
    result.label = folder.empty() ? fs::path(request.path).stem().string() : folder.string();

    result.referencesPath = request.references;
    if (result.referencesPath.empty() && !request.brainHubRoot.empty())
        result.referencesPath = (fs::path(request.brainHubRoot) / data::BrainHubAnnotations::kBoxesFile).string();
    if (result.referencesPath.empty())
        throw DataError(request.path + ": decoded boxes need BrainHub's ground truth (" +
                        data::BrainHubAnnotations::kBoxesFile + "): none was given and no BrainHub folder is set");

    result.groupsPath = request.groups;
    if (result.groupsPath.empty())
        result.groupsPath = groupsBesideTruth(result.referencesPath);
    if (result.groupsPath.empty() && !request.brainHubRoot.empty() &&
        isFile(fs::path(request.brainHubRoot) / kGroupsFile))
        result.groupsPath = (fs::path(request.brainHubRoot) / kGroupsFile).string();

    const auto truth = data::BrainHubAnnotations::readBoxes(result.referencesPath);
    result.truthImages = truth.size();
    result.decoded = eval::GroundingEvaluation::readDecoded(request.path);
    std::vector<eval::CategoryGroup> groups;
    if (!result.groupsPath.empty()) {
        groups = eval::GroundingEvaluation::readGroups(result.groupsPath);
    } else {
        std::set<std::string> categories;
        for (const auto &image : truth)
            for (const auto &category : image)
                categories.insert(category.category);
        groups.push_back({kAllGroup, {categories.begin(), categories.end()}});
    }
    job.checkCancelled();
    result.grounding = eval::GroundingEvaluation::evaluate(truth, result.decoded, groups, request.threshold, job);

    result.scoreNames = groundingScoreNames(request.threshold);
    const eval::GroundingGroupScore *main = nullptr;
    for (const auto &group : result.grounding.groups)
        if (group.group == kBrainHubAllGroup || group.group == kAllGroup)
            main = main ? main : &group;
    if (!main && !result.grounding.groups.empty())
        main = &result.grounding.groups.front();
    if (main) {
        result.mainGroup = main->group;
        result.corpus = {main->accuracy, main->iou};
    }

    // Per test index: the share of its ground-truth categories found (IoU above the threshold) and their mean IoU.
    std::map<int64_t, std::pair<int64_t, std::pair<double, double>>> perTrial; // index → (pairs, (hits, IoU sum))
    for (const auto &pair : result.grounding.pairs) {
        auto &entry = perTrial[pair.index];
        ++entry.first;
        entry.second.first += pair.iou > request.threshold ? 1 : 0;
        entry.second.second += pair.iou;
    }
    result.trials.reserve(perTrial.size());
    for (const auto &[index, entry] : perTrial) {
        const auto pairs = static_cast<double>(entry.first);
        result.trials.push_back(
            {std::to_string(index), index, {entry.second.first / pairs, entry.second.second / pairs}});
    }
    if (!result.grounding.keyMismatchImages.empty())
        result.notes.push_back(std::to_string(result.grounding.keyMismatchImages.size()) +
                               " images whose decoded categories differ from the ground truth's (paired by name)");
    return result;
}

} // namespace vindex::report
