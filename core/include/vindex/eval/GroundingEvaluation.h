#pragma once
// BrainHub's grounding score (eval_bbox_rec.py, after Shikra's REC evaluation): for every test image and every
// category its ground truth holds, the first ground-truth box against the first box of the first decoded answer
// for that category ([0, 0, 0, 0] when there is none), IoU on coordinates × 1000 in float32 as torchvision's box_iou
// computes it; acc@0.5 counts IoU > 0.5 (strict). Scored per salience group of categories.
//
// One deliberate difference: the reference pairs ground truth and predictions by position in two Python sets, which
// misaligns them when an image's decoded categories differ from its ground-truth ones. Here they pair by category
// name, and such images are listed (keyMismatchImages) so a reader knows where the two could disagree.
#include "vindex/core/JobControl.h"
#include "vindex/data/BrainHubAnnotations.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vindex::eval {

using Box = std::array<double, 4>; // x0, y0, x1, y1 as fractions of the image size

// A decoded-boxes file ({"idx": {"category": [[[x0, y0, x1, y1], ...], ...]}}: per category a list of answers,
// each a list of boxes), reduced to what is scored: the first box of the first answer, or none.
struct DecodedCategory {
    std::string category;
    std::optional<Box> box;
};

struct CategoryGroup {
    std::string name; // "coco_cats", "salient", ...
    std::vector<std::string> categories;
};

struct GroundingGroupScore {
    std::string group;
    double accuracy = 0;      // share of targets with IoU > threshold
    double iou = 0;           // mean IoU over targets
    int64_t targetFailed = 0; // ground-truth categories without a box (kept for the reference's layout: always 0 here)
    int64_t failed = 0;       // targets without a decoded box (scored as [0, 0, 0, 0])
    int64_t targets = 0;
};

// One (image, category) pair of the ground truth, for per-trial views.
struct GroundingPair {
    int64_t index = 0;
    std::string category;
    Box truth{};
    std::optional<Box> decoded;
    double iou = 0;
};

struct GroundingResult {
    std::vector<GroundingGroupScore> groups;
    std::vector<GroundingPair> pairs;       // every ground-truth (image, category), file order
    std::vector<int64_t> keyMismatchImages; // images whose decoded categories differ from the ground truth's
};

class GroundingEvaluation {
public:
    static constexpr double kThreshold = 0.5;

    // FormatError naming the file, the key and the category for anything not in the layout above (keys that are
    // not test indices, boxes that are not four numbers).
    static std::vector<std::vector<DecodedCategory>> readDecoded(const std::string &path);
    // coco_categorized_labels.json: {"group": [category, ...], ...} in file order.
    static std::vector<CategoryGroup> readGroups(const std::string &path);

    // truth[i] / decoded[i] belong to test index i. DataError when the two cover different indices (naming the
    // first missing one): a silently shorter list would change the number. Reports ("grounding", images done,
    // images) every few images and checks the job between groups; Cancelled when it is cancelled.
    static GroundingResult evaluate(const std::vector<std::vector<data::CategoryBoxes>> &truth,
                                    const std::vector<std::vector<DecodedCategory>> &decoded,
                                    const std::vector<CategoryGroup> &groups, double threshold = kThreshold,
                                    const JobControl &job = JobControl::none());

    // torchvision.ops.box_iou of (a × 1000, b × 1000) in float32; 0 for two empty boxes instead of NaN.
    static double iou(const Box &a, const Box &b);
};

} // namespace vindex::eval
