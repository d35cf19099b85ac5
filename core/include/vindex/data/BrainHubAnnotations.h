#pragma once
// BrainHub's ground truth for the NSD test set (github.com/weihaox/BrainHub): caption/fmri_cococap.json
// {"i": [COCO captions]} and bbox/coco_bbox_categorized.json {"i": {category: [[x0, y0, x1, y1], ...]}} with boxes
// as fractions of the image size. Both are keyed by the test index i = 0..N-1, the position of the image in the
// UMBRAE test split (Subject::trial(Split::Test, i)), not by an image id.
#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace vindex::data {

struct CategoryBoxes {
    std::string category;
    std::vector<std::array<double, 4>> boxes; // x0, y0, x1, y1 as fractions of width / height, file order
};

class BrainHubAnnotations {
public:
    static constexpr const char *kCaptionsFile = "caption/fmri_cococap.json";
    static constexpr const char *kBoxesFile = "bbox/coco_bbox_categorized.json";

    // Reads whichever of the two files exist under a BrainHub folder; DataError naming both when neither does.
    static BrainHubAnnotations open(const std::string &directory);
    // One file each; an image's categories in file order. FormatError naming the file and the key for keys that are not
    // 0..N-1, non-string captions, boxes that are not four numbers.
    static std::vector<std::vector<std::string>> readCaptions(const std::string &path);
    static std::vector<std::vector<CategoryBoxes>> readBoxes(const std::string &path);
    // Any file in BrainHub's layout (also decoded captions and boxes): an object keyed "0".."N-1", each key once, in
    // file order. visit(index, key, value) for every entry; returns N. FormatError naming the file and the key.
    static std::size_t readTestIndexed(const std::string &path,
                                       const std::function<void(std::size_t index, const std::string &key,
                                                                const nlohmann::ordered_json &value)> &visit);

    // The number of test indices (the larger of the two files; they agree in BrainHub).
    int64_t size() const;
    bool hasCaptions() const { return !m_captions.empty(); }
    bool hasBoxes() const { return !m_boxes.empty(); }
    // DataError naming the range when testIndex is outside the file.
    const std::vector<std::string> &captions(int64_t testIndex) const;
    const std::vector<CategoryBoxes> &boxes(int64_t testIndex) const;

private:
    std::string m_directory;
    std::vector<std::vector<std::string>> m_captions;
    std::vector<std::vector<CategoryBoxes>> m_boxes;
};

} // namespace vindex::data
