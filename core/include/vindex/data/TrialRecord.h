#pragma once
// One trial as the studio shows it and a run reads it, in one call: the trial, its stimulus, its reference captions
// (the dataset's COCO captions, else BrainHub's for a test index), BrainHub's ground-truth boxes (test split only) and
// its betas (the mean of the repeats, and each repeat). Only the parts asked for are read.
//
// Failures: by default the first part that cannot be read throws as the layout threw it (a run wants that); with
// keepGoing each part's failure becomes its error text and the other parts are still read (a screen shows what it
// can).
#include "vindex/data/BrainHubAnnotations.h"
#include "vindex/data/Trial.h"
#include "vindex/io/RgbImage.h"

#include <optional>
#include <string>
#include <vector>

namespace vindex::data {

class Subject;

enum TrialPart : unsigned {
    kTrialImage = 1u << 0,
    kTrialCaptions = 1u << 1,
    kTrialBoxes = 1u << 2,
    kTrialMeanBetas = 1u << 3,
    kTrialRepeatBetas = 1u << 4,
    kTrialEverything = (1u << 5) - 1,
};

// Why a record has no boxes (or that it has them).
enum class BoxesStatus {
    NotAsked,
    Found,        // BrainHub's boxes of this test index (possibly none)
    NotTestSplit, // BrainHub annotates the test split only
    NoBrainHub,   // no BrainHub folder with boxes was given
    PastBrainHub, // the test index is past BrainHub's last
};

struct TrialRecordOptions {
    unsigned parts = kTrialEverything;
    bool keepGoing = false;
};

struct TrialRecord {
    int subject = 0;
    Trial trial;

    std::optional<io::RgbImage> image;
    std::vector<std::string> captions;
    bool captionsFromBrainHub = false;
    std::vector<CategoryBoxes> boxes;
    BoxesStatus boxesStatus = BoxesStatus::NotAsked;
    std::vector<float> meanBetas;                // [V], z-scored per voxel per session in every layout
    std::vector<std::vector<float>> repeatBetas; // [repeats][V]

    // With keepGoing: what could not be read, per part (empty when it was read or not asked for).
    std::string imageError, captionsError, betasError, repeatsError;

    // brainHub may be null (no captions fallback, no boxes).
    static TrialRecord read(const Subject &subject, const Trial &trial, const BrainHubAnnotations *brainHub,
                            const TrialRecordOptions &options = {});
    static TrialRecord read(const Subject &subject, Split split, int64_t index, const BrainHubAnnotations *brainHub,
                            const TrialRecordOptions &options = {});
};

} // namespace vindex::data
