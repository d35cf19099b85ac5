#include "vindex/report/JsonReportWriter.h"

#include "ReportStyle.h"

#include "vindex/io/AtomicFile.h"

namespace vindex::report {

nlohmann::ordered_json JsonReportWriter::toJson(const CaptionReport &report)
{
    using json = nlohmann::ordered_json;
    json results = json::array();
    for (const auto &result : report.results) {
        json corpus = json::object();
        for (std::size_t s = 0; s < report.scoreNames.size(); ++s)
            corpus[report.scoreNames[s]] = result.evaluation.corpus[s];
        json skipped = json::array();
        for (const auto &s : result.evaluation.skipped)
            skipped.push_back({{"id", s.id}, {"reason", s.reason}});
        json manifest = nullptr;
        if (result.manifest.found()) {
            manifest = {{"path", result.manifest.path},
                        {"problem", result.manifest.problem.empty() ? json(nullptr) : json(result.manifest.problem)},
                        {"document", result.manifest.document}};
        }
        results.push_back({{"label", result.label},
                           {"source", result.source},
                           {"results_file", result.resultsPath},
                           {"captions", result.captionCount},
                           {"scored_trials", result.evaluation.ids.size()},
                           {"reference_captions", result.evaluation.referenceCount},
                           {"corpus", std::move(corpus)},
                           {"skipped", std::move(skipped)},
                           {"manifest", std::move(manifest)}});
    }
    json trials = json::array();
    for (const auto &trial : report.trials) {
        json decoded = json::array();
        for (const auto &result : report.results) {
            const long row = result.row(trial.id);
            if (row < 0) {
                decoded.push_back({{"result", result.label}, {"caption", nullptr}, {"scores", nullptr}});
                continue;
            }
            const auto k = static_cast<std::size_t>(row);
            json scores = json::object();
            for (std::size_t s = 0; s < report.scoreNames.size(); ++s)
                scores[report.scoreNames[s]] = result.evaluation.perTrial[k][s];
            decoded.push_back({{"result", result.label},
                               {"caption", result.evaluation.candidates[k]},
                               {"tokens", result.evaluation.tokenizedCandidates[k]},
                               {"scores", std::move(scores)}});
        }
        json entry{{"id", trial.id}, {"index", trial.index}, {"references", trial.references}};
        if (!trial.thumbnail.empty())
            entry["stimulus"] = {{"source", trial.stimulus},
                                 {"width", trial.thumbnail.width},
                                 {"height", trial.thumbnail.height},
                                 {"jpeg_base64", ReportStyle::base64(trial.thumbnail.jpeg)}};
        entry["decoded"] = std::move(decoded);
        trials.push_back(std::move(entry));
    }
    return {
        {"format", kFormat},
        {"title", report.title},
        {"created", report.created},
        {"generator", report.generator},
        {"references",
         {{"path", report.referencesPath}, {"trials", report.referenceTrials}, {"captions", report.referenceCaptions}}},
        {"scores", report.scoreNames},
        {"units", "fractions (x100 for the BrainHub leaderboard)"},
        {"method", ReportStyle::methodNote()},
        {"results", std::move(results)},
        {"trial_selection", report.trialSelection.empty() ? json("all") : json(report.trialSelection)},
        {"stimuli", report.stimulusSource.empty() ? json(nullptr) : json(report.stimulusSource)},
        {"notes", report.notes},
        {"trials", std::move(trials)}};
}

void JsonReportWriter::write(const CaptionReport &report, const std::string &path)
{
    io::AtomicFile file(path);
    file.write(toJson(report).dump(1) + "\n");
    file.commit();
}

} // namespace vindex::report
