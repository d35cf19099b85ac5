#pragma once
// Salient question answering (MG-BrainDub's second task): multiple-choice questions about the objects of each test
// image, answered by an MLLM from brain tokens or from the image (QaRun.h). The paper's question set was not
// published; this is OUR construction, made reproducibly from BrainHub's categorized boxes
// (bbox/coco_bbox_categorized.json, {"i": {category: [[x0, y0, x1, y1], ...]}}, i = test index) and its salience
// groups (processing/coco/coco_categorized_labels.json, {"group": [category, ...]}):
//
//   for every test index i (ascending) and every category c present in image i (at most perImage of them: salient
//   categories first, then the larger total box area, then file order):
//     question  "Which of these objects is in the image?"
//     options   c and optionCount − 1 distractors: categories of the vocabulary (every category of the labels file's
//               groups, first-seen order = BrainHub's "coco_cats"; without a labels file every category the truth
//               names, first-seen order) that
//               are ABSENT from image i, drawn without replacement from the absent categories of c's own finest
//               salience group when it has enough of them, else from all absent categories; the answer's position
//               is drawn uniformly.
//     groups    every group of the labels file that holds c, file order (e.g. coco_cats, salient,
//               salient_creatures); "group" is the smallest of them (the finest: salient_creatures, salient_objects
//               or inconspicuous_objects for BrainHub's file).
//
// Randomness: SplitMix64 (Steele, Lea, Flood 2014; the generator of Java's SplittableRandom), one stream per image
// seeded with splitmix64(seed ⊕ i·0x9E3779B97F4A7C15), integers in [0, n) by rejection (no modulo bias). Our own
// arithmetic, so the same inputs give a byte-identical file on every platform and library.
//
// The file (JSON, 1-space indent, keys in this order):
//   {"format": "vindex-salient-qa/1",
//    "construction": "<the rules above in one sentence>",
//    "seed": 0, "per_image": 0, "option_count": 4,
//    "truth":  {"file": "<path as given>", "sha256": "<hex>"},
//    "labels": {"file": "<path as given>", "sha256": "<hex>"} | null,
//    "groups": ["coco_cats", "salient", ...],           // the labels file's groups in file order (or ["all"])
//    "questions": [{"id": "12-1",                      // "<image>-<n>", n counting the image's questions from 0
//                   "image": 12,                        // BrainHub test index (UMBRAE test split position)
//                   "category": "dog",                  // the answer's category
//                   "group": "salient_creatures", "groups": ["coco_cats", "salient", "salient_creatures"],
//                   "question": "Which of these objects is in the image?",
//                   "prompt": "Which of these objects is in the image?\nA. cat\nB. dog\n...\nAnswer with the
//                              object's name.",        // the user message the MLLM is given, verbatim
//                   "options": ["cat", "dog", "car", "bus"],
//                   "answer": 1}, ...]}                 // index into options
// Users may edit or write such files (any questions, any number of options ≥ 2): QaRun reads "id", "image",
// "prompt", "options", "answer" and "groups" (missing groups: ["all"]).
#include "vindex/data/BrainHubAnnotations.h"
#include "vindex/eval/GroundingEvaluation.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vindex::eval {

struct SalientQuestion {
    std::string id;
    int64_t image = 0;
    std::string category;
    std::string group;
    std::vector<std::string> groups;
    std::string question;
    std::string prompt;
    std::vector<std::string> options;
    int64_t answer = 0;
};

struct SalientQuestionOptions {
    uint64_t seed = 0;
    int64_t perImage = 0;    // questions per image at most; 0 = one per category present
    int64_t optionCount = 4; // answer + distractors
};

struct SalientQuestionSet {
    static constexpr const char *kFormat = "vindex-salient-qa/1";
    static constexpr const char *kAllGroup = "all";

    SalientQuestionOptions options;
    std::string truthFile, truthSha256;
    std::string labelsFile, labelsSha256; // empty: no labels file
    std::vector<std::string> groups;
    std::vector<SalientQuestion> questions;
};

class SalientQuestions {
public:
    static constexpr const char *kQuestion = "Which of these objects is in the image?";

    // Builds the set from the two files (labels may be ""). FormatError naming the file for a malformed one;
    // DataError when an image has fewer absent categories than distractors needed, or optionCount < 2.
    static SalientQuestionSet make(const std::string &truthPath, const std::string &labelsPath,
                                   const SalientQuestionOptions &options);
    // The same from what the files hold (file names and hashes left empty).
    static SalientQuestionSet make(const std::vector<std::vector<data::CategoryBoxes>> &truth,
                                   const std::vector<CategoryGroup> &groups, const SalientQuestionOptions &options);

    // The user message for a question and its options: question, one "A. option" line each, then
    // "Answer with the object's name.".
    static std::string prompt(const std::string &question, const std::vector<std::string> &options);

    // The file above, byte-stable; written atomically. Error when it cannot be written.
    static std::string toJson(const SalientQuestionSet &set);
    static void write(const SalientQuestionSet &set, const std::string &path);
    // Reads a questions file (ours or a user's in the same format). FormatError naming the file and the question
    // for anything missing or out of range (answer outside options, fewer than two options, duplicate ids).
    static SalientQuestionSet read(const std::string &path);
};

} // namespace vindex::eval
