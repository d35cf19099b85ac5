#pragma once
// One way to load and score a decoding result, for `vindex eval` and the studio alike: the kind of file, where its
// references are, the scores (eval::CaptionEvaluation, eval::GroundingEvaluation), grounding's salience groups and
// each trial's scores, returned as plain structs.
//
// Captions: a results file ({"idx": "caption"} or a COCO list) or a run folder (results.json + manifest.json; a
// results.json picked inside a run folder stands for the folder). References, first found: the request's, the
// run manifest's "references", the BrainHub folder's caption/fmri_cococap.json.
// Decoded boxes ({"idx": {"category": [[[x0, y0, x1, y1], ...], ...]}}): ground truth, first found: the request's,
// the BrainHub folder's bbox/coco_bbox_categorized.json. Groups, first found: the request's, the ground truth's
// BrainHub folder's processing/coco/coco_categorized_labels.json (the truth is <BrainHub>/bbox/...), the BrainHub
// folder's, else one group "all" of every category the truth names. The corpus scores of a grounding result are those
// of its main group: "coco_cats" (BrainHub's every-category group) or "all" when there, else the first.
//
// Cancellable: the scorers check the job between metrics and inside their per-trial loops (Cancelled).
#include "vindex/core/JobControl.h"
#include "vindex/eval/CaptionEvaluation.h"
#include "vindex/eval/CaptionFiles.h"
#include "vindex/eval/GroundingEvaluation.h"
#include "vindex/report/RunManifest.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vindex::report {

enum class ResultKind { Captions, Grounding };

struct ResultScoringRequest {
    std::string path;               // a results file or a run folder
    std::optional<ResultKind> kind; // empty: ResultScoring::kindOf(path)
    std::string references;         // captions {"id": [caption, ...]} / ground-truth boxes; empty: found (above)
    std::string brainHubRoot;       // BrainHub folder to find references and groups in; may be empty
    std::string groups;             // grounding: {"group": [category, ...]}; empty: found (above)
    double threshold = eval::GroundingEvaluation::kThreshold; // grounding: IoU above which a box is correct
    eval::CaptionEvaluationOptions captions;                  // metrics, unmatched ids, WordNet, CLIP-S
};

// One scored trial: the result's id, its test index, and one score per ScoredResult::scoreNames.
struct ScoredTrial {
    std::string id;     // as in the results file ("0".."981")
    int64_t index = -1; // the id as a test index; -1 when it is not a number
    std::vector<double> scores;
};

struct ScoredResult {
    ResultKind kind = ResultKind::Captions;
    std::string path;           // as requested: a file or a run folder
    std::string resultsPath;    // the file read
    std::string referencesPath; // reference captions or ground truth, as found
    std::string label;          // the manifest's label, else what names the file ("braincap/sub01_decoded_caption",
                                // or for boxes the folder that holds them: "umbrae-v-1-4")
    RunManifest manifest;       // found() == false: none beside the results
    std::vector<std::string> scoreNames; // captions: CaptionEvaluation's; grounding: "acc@0.5", "IoU"
    std::vector<double> corpus;          // one per score name (fractions)
    std::vector<ScoredTrial> trials;     // captions: the evaluated ids in the results' order; grounding: the test
                                         // indices with a ground-truth box, ascending (share found, mean IoU)
    std::vector<std::string> notes;      // what a reader must know: skipped ids, partial sets, manifest problems

    // Captions: the evaluation (candidates, tokens, CLIP-S details) and the reference file as read.
    eval::CaptionEvaluationResult captions;
    eval::ReferenceCaptions references;
    std::size_t captionCount = 0; // ids in the results file

    // Grounding: every group's scores, the pairs, the decoded boxes per test index, and where the groups came from.
    eval::GroundingResult grounding;
    std::vector<std::vector<eval::DecodedCategory>> decoded;
    std::string groupsPath; // empty: the one group "all"
    std::string mainGroup;  // the group whose scores are `corpus`
    double threshold = eval::GroundingEvaluation::kThreshold;
    std::size_t truthImages = 0;

    // The corpus value of a score name; Error when there is none.
    double value(const std::string &scoreName) const;
};

class ResultScoring {
public:
    static constexpr const char *kAllGroup = "all";               // the fallback group: every category of the truth
    static constexpr const char *kBrainHubAllGroup = "coco_cats"; // BrainHub's group of every COCO category
    static constexpr const char *kGroupsFile = "processing/coco/coco_categorized_labels.json";

    // Grounding when the file is a JSON object whose first value is an object (categories per index); captions
    // otherwise (folders, caption files, and files that do not parse: the caption reader names the problem).
    static ResultKind kindOf(const std::string &path);
    // Score names of a grounding result: "acc@0.5" (the threshold) and "IoU".
    static std::vector<std::string> groundingScoreNames(double threshold);

    // Reads, finds the references, scores. Error / DataError / FormatError naming the file at fault; Cancelled.
    static ScoredResult score(const ResultScoringRequest &request, const JobControl &job = JobControl::none());

private:
    static ScoredResult scoreCaptions(const ResultScoringRequest &request, const JobControl &job);
    static ScoredResult scoreGrounding(const ResultScoringRequest &request, const JobControl &job);
};

} // namespace vindex::report
