#include "ReportCommand.h"

#include "CommandContext.h"

#include "vindex/core/Error.h"
#include "vindex/report/CaptionReport.h"
#include "vindex/report/ReportExport.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

ReportCommand::ReportCommand(CLI::App &parent, const CommandContext &context) : m_context(context)
{
    m_command = parent.add_subcommand(
        "report", "Write a caption report: corpus scores (BrainHub's BLEU-1..4, ROUGE-L, CIDEr; METEOR, CAPTURE's "
                  "element scores and SentenceS on request) and bar charts per "
                  "result, per-trial references and decoded captions with scores and stimulus thumbnails, and the "
                  "run manifests (HTML, PDF, CSV or JSON)");
    m_command
        ->add_option("--results", m_results,
                     "Decoded captions {\"idx\": \"caption\"} (BrainHub's layout), or run folders holding "
                     "results.json; a manifest beside each (F.manifest.json, or manifest.json in the folder) is shown")
        ->required()
        ->expected(1, -1);
    m_command
        ->add_option("--references", m_references,
                     "Reference captions {\"idx\": [\"caption\", ...]} (default: the \"references\" of the first run "
                     "manifest that names them)")
        ->check(CLI::ExistingFile);
    m_command->add_option("--out", m_out, "The report file")->required();
    m_command
        ->add_option("--format", m_format,
                     "html, pdf, csv (per-trial rows) or json (default: from --out's "
                     "extension)")
        ->check(CLI::IsMember({"html", "pdf", "csv", "json"}, CLI::ignore_case));
    m_command->add_option("--root", m_root, "NSD folder for stimulus thumbnails (with --subject)")
        ->check(CLI::ExistingDirectory);
    m_command->add_option("--subject", m_subject, "Subject whose test images are the stimuli")->check(CLI::Range(1, 8));
    m_command->add_option("--images", m_images, "Folder of stimulus images <idx>.png / .jpg, instead of --root")
        ->check(CLI::ExistingDirectory);
    m_command->add_option("--trials", m_trials,
                          "Trials listed one by one, by test index: 0:20, 5, 0:8,100:104 (default: all; corpus scores "
                          "always use every trial)");
    m_command->add_option("--title", m_title, "Report title")->default_str("Caption decoding report");
    m_command
        ->add_option(
            "--labels", m_labels,
            "Names of the results, comma-separated, in --results order (default: from the manifests or the paths)")
        ->delimiter(',');
    m_command->add_option("--metrics", m_metrics,
                          "Scores to compute, as for 'eval captions' (default: bleu,rouge,cider; also meteor, "
                          "elements, capture, sentence)");
    m_command
        ->add_option("--meteor-data", m_meteorData,
                     "METEOR 1.5's data folder with paraphrase-en.gz (pycocoevalcap's meteor/data): the jar's METEOR "
                     "(without it: METEOR without paraphrases)")
        ->check(CLI::ExistingDirectory);
    m_command
        ->add_option("--parser", m_parser,
                     "Scene-graph parser folder for elements/capture (FACTUAL's flan-t5-base-VG-factual-sg)")
        ->check(CLI::ExistingDirectory);
    m_command
        ->add_option("--scene-graphs", m_sceneGraphs,
                     "Scene graphs parsed before {\"sentence\": \"( man , is , young ) , ...\"} for elements/capture "
                     "(asked first; --parser parses what it lacks)")
        ->check(CLI::ExistingFile);
    m_command
        ->add_option("--capture-encoder", m_captureEncoder,
                     "Sentence-transformers folder for CAPTURE's soft matching (CAPTURE uses all-mpnet-base-v2)")
        ->check(CLI::ExistingDirectory);
    m_command
        ->add_option("--sentence-encoder", m_sentenceEncoder,
                     "Sentence-transformers folder for SentenceS (all-MiniLM-L6-v2)")
        ->check(CLI::ExistingDirectory);
    m_command
        ->add_option("--sentence-reduction", m_sentenceReduction,
                     "SentenceS over a trial's references: mean, max or first")
        ->check(CLI::IsMember({"mean", "max", "first"}))
        ->capture_default_str();
    m_command->add_option("--thumbnail-size", m_thumbnail, "Longer side of stimulus thumbnails in pixels")
        ->check(CLI::Range(16, 1024))
        ->capture_default_str();
}

int ReportCommand::run() const
{
    using namespace vindex::report;
    const ReportFormat format = m_format.empty() ? ReportExport::fromPath(m_out) : ReportExport::parse(m_format);
    if (!m_root.empty() && m_subject == 0)
        throw vindex::Error("--root needs --subject S (whose test images are the stimuli)");
    if (m_root.empty() && m_subject != 0)
        throw vindex::Error("--subject needs --root DIR (the NSD folder holding the stimuli)");

    CaptionReportOptions options;
    options.results = m_results;
    options.labels = m_labels;
    options.references = m_references;
    options.title = m_title;
    options.nsdRoot = m_root;
    options.subject = m_subject;
    options.imagesDir = m_images;
    options.trials = m_trials;
    options.metrics = m_metrics;
    options.thumbnailSize = m_thumbnail;
    options.meteorData = m_meteorData;
    options.sceneGraphParser = m_parser;
    options.sceneGraphs = m_sceneGraphs;
    options.captureEncoder = m_captureEncoder;
    options.sentenceEncoder = m_sentenceEncoder;
    options.sentenceReduction = m_sentenceReduction;
    options.device = m_context.device;
    const CaptionReport report = CaptionReport::build(options);
    ReportExport::write(report, format, m_out);

    nlohmann::ordered_json results = nlohmann::ordered_json::array();
    std::ostringstream text;
    text << "wrote " << m_out << " (" << ReportExport::name(format) << "): " << report.results.size()
         << (report.results.size() == 1 ? " result, " : " results, ") << report.trials.size() << " trials listed"
         << (report.stimulusSource.empty() ? "" : " with stimuli") << "\n\n";
    char line[64];
    std::snprintf(line, sizeof line, "  %-24s %7s", "result (x100)", "trials");
    text << line;
    std::vector<int> widths; // a column as wide as its name, at least 8
    for (const auto &name : report.scoreNames) {
        widths.push_back(std::max(8, static_cast<int>(name.size())));
        std::snprintf(line, sizeof line, " %*s", widths.back(), name.c_str());
        text << line;
    }
    text << "\n";
    for (const auto &result : report.results) {
        nlohmann::ordered_json scores = nlohmann::ordered_json::object();
        std::string label = result.label.size() > 24 ? result.label.substr(0, 23) + "~" : result.label;
        std::snprintf(line, sizeof line, "  %-24s %7zu", label.c_str(), result.evaluation.ids.size());
        text << line;
        for (std::size_t s = 0; s < report.scoreNames.size(); ++s) {
            scores[report.scoreNames[s]] = result.evaluation.corpus[s];
            std::snprintf(line, sizeof line, " %*.2f", widths[s], result.evaluation.corpus[s] * 100);
            text << line;
        }
        text << "\n";
        results.push_back({{"label", result.label},
                           {"results", result.resultsPath},
                           {"manifest", result.manifest.found() ? nlohmann::ordered_json(result.manifest.path)
                                                                : nlohmann::ordered_json(nullptr)},
                           {"trials", result.evaluation.ids.size()},
                           {"scores", std::move(scores)}});
    }
    for (const auto &note : report.notes)
        text << "note: " << note << "\n";
    nlohmann::ordered_json document{{"out", m_out},
                                    {"format", ReportExport::name(format)},
                                    {"references", report.referencesPath},
                                    {"trials_listed", report.trials.size()},
                                    {"stimuli", report.stimulusSource},
                                    {"results", std::move(results)},
                                    {"notes", report.notes}};
    m_context.emit(document, text.str());
    return 0;
}
