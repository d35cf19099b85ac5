#pragma once
// Everything a caption report shows, gathered once and written by any of the writers (HTML, PDF, CSV, JSON): for
// several decoding results (BrainHub's {"idx": "caption"} files, or run folders with results.json + manifest.json)
// their corpus and per-trial scores against one reference file (CaptionEvaluation: BrainHub's numbers), their run
// manifests, and for the trials listed one by one the references, every result's caption and, when a source of
// stimuli is given, a thumbnail of what the subject saw.
//
// Corpus scores are always over every trial a result shares with the references; the trial selection only limits
// the per-trial section. Trials are keyed by the references' ids, which BrainHub makes the test index 0..N-1
// (Subject::trial(Split::Test, i)); that index finds the stimulus.
#include "vindex/core/JobControl.h"
#include "vindex/eval/CaptionEvaluation.h"
#include "vindex/report/RunManifest.h"
#include "vindex/report/Thumbnail.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace vindex::report {

struct ReportResult {
    std::string label;                        // --labels, else the manifest's label, else what tells the paths apart
    std::string source;                       // as given: a results file or a run folder
    std::string resultsPath;                  // the caption file read
    RunManifest manifest;                     // found() == false: nothing beside the results
    std::size_t captionCount = 0;             // ids in the results file
    eval::CaptionEvaluationResult evaluation; // the trials shared with the references
    std::unordered_map<std::string, std::size_t> rowOfId; // id → index into evaluation.ids / perTrial

    // Row of a trial in `evaluation`, or -1 when this result has no caption for it.
    long row(const std::string &id) const;
};

struct ReportTrial {
    std::string id;     // as in the references file
    int64_t index = -1; // the test index (id as a number; position when ids are not numbers)
    std::vector<std::string> references;
    Thumbnail thumbnail;  // empty without a stimulus source
    std::string stimulus; // where the thumbnail came from, e.g. "73k id 2950" or "images/3.png"
};

struct CaptionReportOptions {
    std::vector<std::string> results; // results files or run folders
    std::vector<std::string> labels;  // optional, one per result
    std::string references;           // {"id": ["caption", ...]}; "" = the first manifest's "references"
    std::string title;                // default "Caption decoding report"
    std::string nsdRoot;              // stimuli from an NSD folder (data::Session) ...
    int subject = 0;                  // ... of this subject
    std::string imagesDir;            // ... or from <dir>/<index>.png|.jpg|.jpeg
    std::string trials;               // TrialSelection text; empty = every trial
    std::string metrics;              // CaptionEvaluation::parseMetrics text; empty = its default
    // What the metrics beyond BrainHub's n-gram scores need (as `vindex eval captions` takes them; see
    // CaptionEvaluationOptions): METEOR's data folder (the jar's METEOR), CAPTURE's scene graphs (parser folder
    // and/or stored graphs file) and soft-matching encoder, SentenceS's encoder and reduction over references, the
    // device the models run on. The models are loaded with models::loadSceneGraphParser / loadSentenceEmbedder.
    std::string meteorData;
    std::string sceneGraphParser, sceneGraphs, captureEncoder;
    std::string sentenceEncoder;
    std::string sentenceReduction = "mean";
    std::string device = "cpu";
    int thumbnailSize = 128; // longer side, pixels
};

struct CaptionReport {
    std::string title, created, generator; // created: "2025-05-01 12:00 UTC"; generator: "vindex 0.1.0"
    std::string referencesPath;
    std::size_t referenceTrials = 0, referenceCaptions = 0;
    std::string trialSelection;          // as given ("" = all)
    std::string stimulusSource;          // "" = no thumbnails
    std::vector<std::string> scoreNames; // corpus and per-trial columns, CaptionEvaluation's names
    std::vector<ReportResult> results;
    std::vector<ReportTrial> trials; // the per-trial section, references' order
    std::vector<std::string> notes;  // what a reader must know: partial result sets, skipped ids, manifest problems

    // Reads, scores and loads what the options name. Error / DataError / FormatError naming the file at fault.
    // Progress ("score", results scored, results), cancellable between results and inside their scoring.
    static CaptionReport build(const CaptionReportOptions &options, const JobControl &job = JobControl::none());

    // The caption file of a results argument: the file itself, or <folder>/results.json. DataError naming the path
    // when neither exists.
    static std::string resultsFileOf(const std::string &resultsOrRunFolder);
    // Short labels that tell the paths apart: the path components where they differ ("braincap", "sdrecon"), the
    // last two components for a single path.
    static std::vector<std::string> labelsFor(const std::vector<std::string> &paths);
    // Score columns of the per-trial tables (indices into scoreNames): BLEU-4 and the rest, not BLEU-1..3 nor the
    // element precisions and recalls (their F1s and CAPTURE stay; every score is in the CSV and JSON rows).
    std::vector<std::size_t> perTrialScores() const;
    // Whether the results carry CAPTURE's elements per trial (metrics elements or capture).
    bool hasElements() const;
};

} // namespace vindex::report
