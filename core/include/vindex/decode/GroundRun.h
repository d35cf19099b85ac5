#pragma once
// A grounding run: Shikra asked where things are in each input — images, a features file, or NSD trials through a
// brain encoder (or their stimuli) — as UMBRAE's inference_rec.py asks it: for each (input, expression) the prompt
// "Locate <expr> in <image> and provide its coordinates, please" with <expr> the expression as written, greedy, and
// the answer's [x0,y0,x1,y1] groups read by BoxAnswerParser. Expressions are either given (--expr, asked of every
// input) or, for NSD test trials, every COCO category BrainHub's ground truth lists for the trial's test index, in
// the file's order (--categories coco). (input, expression) pairs are batched together, with one model load.
//
// Results are BrainHub's decoded-bbox JSON (GroundingResultsWriter: {"idx": {"category": [[[x0,y0,x1,y1], ...]]}}
// with boxes as fractions of the image), keyed by the test index (NSD trials), the row (features) or the position
// among the images, so `vindex eval grounding` scores the file directly; every input has its key, also one with no
// categories. Written atomically after every batch with RESULTS.manifest.json; re-running with the same settings
// skips the (index, category) pairs already in the file. No LibTorch header here: the CLI and the GUI include this.
#include "vindex/core/JobControl.h"
#include "vindex/decode/BoxTypes.h"
#include "vindex/decode/RunOptions.h"
#include "vindex/decode/RunTimings.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace vindex::decode {

struct GroundRunRequest : RunInputOptions, DecodingOptions {
    GroundRunRequest() { maxNewTokens = 512; } // UMBRAE's inference_rec.py

    std::string modelFolder; // a Shikra model (ModelError naming the model for anything else)

    // The expressions, one way per run.
    std::vector<std::string> expressions; // asked of every input; the results' category is the text as given
    std::string categories;               // "coco": the categories of the truth file at each input's test index
    std::string truthPath;                // BrainHub's bbox/coco_bbox_categorized.json; "" = under brainhubFolder
    std::string brainhubFolder;

    std::string prompt; // "" = "Locate <expr> in <image> and provide its coordinates, please"; needs both markers

    std::string resultsPath; // "" = do not write (and no resume)

    // Cancel; progress ("ground", (input, expression) pairs done, pairs in all) after every batch.
    const JobControl *job = nullptr;
};

struct GroundRunResult : RunTimings {
    struct Answer {
        std::string key;    // the results file's key (the index as text)
        int64_t index = 0;  // test index / feature row / position among the images
        std::string source; // image path, "features[i]", "subj01 test 5 (image 2950)"
        std::string category;
        std::vector<int64_t> ids;
        std::string text; // as generated (empty when resumed: the results file keeps only boxes)
        // The answer's box groups as image fractions, what the results file holds; the first box of the first
        // group is what BrainHub scores. Empty: no box in the answer.
        std::vector<std::vector<Box>> boxes;
        // The same in image pixels, when the input's image size is known (images, stimuli, brain inputs whose
        // stimulus is in the dataset); empty otherwise.
        std::vector<std::vector<Box>> pixelBoxes;
        int64_t imageWidth = 0, imageHeight = 0;
        std::size_t skippedGroups = 0; // bracket pairs in the answer that are not boxes (BoxAnswerParser)
        bool resumed = false;          // from an earlier run's results file, not decoded now
    };
    std::string model, space, promptTemplate, truthPath;
    std::vector<Answer> answers; // input order, each input's expressions in order
    std::size_t inputs = 0;      // every input, also those without categories
    std::size_t resumed = 0;     // answers taken from the earlier results file
    std::string resultsPath, manifestPath;
};

class GroundRun {
public:
    static constexpr const char *kDefaultPrompt = "Locate <expr> in <image> and provide its coordinates, please";

    // Throws Error for a bad request (no expressions or both kinds, --categories without a truth file or for
    // images, a prompt without <expr> or <image>, a test index outside the truth file), ModelError for a model
    // that is not Shikra (naming it), DataError / FormatError naming the file, DataError for --categories on NSD
    // trials whose test order cannot be known to be BrainHub's (Subject::checkBrainHubOrder), Cancelled (what was
    // finished is already saved).
    static GroundRunResult run(const GroundRunRequest &request);
    static std::string manifestPathFor(const std::string &resultsPath); // RESULTS.manifest.json
};

} // namespace vindex::decode
