#pragma once
// COCO caption annotations (captions_{train,val}2017.json): image id → its captions, in annotation-id order.
// NSD images map to COCO ids through nsd_stim_info_merged.csv's cocoId column (see NativeNsdLayout::cocoId).
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace vindex::data {

class CocoCaptions {
public:
    // Reads one caption file. The file is streamed (SAX), so the 90 MB train file does not become a DOM.
    // Throws FormatError naming the file for invalid JSON or an annotation without image_id / caption.
    static CocoCaptions read(const std::string &path);
    // Reads captions_train2017.json and captions_val2017.json from an annotations folder, whichever exist;
    // DataError naming both expected files when neither does.
    static CocoCaptions readDirectory(const std::string &annotationsDir);

    // Adds another file's captions (ids from train and val never collide in COCO).
    void merge(const CocoCaptions &other);

    const std::vector<std::string> &files() const { return m_files; }
    std::size_t imageCount() const { return m_captions.size(); }
    std::size_t captionCount() const { return m_captionCount; }
    bool contains(int64_t cocoId) const { return m_captions.count(cocoId) != 0; }
    // The captions of an image (empty when the image has none).
    const std::vector<std::string> &captions(int64_t cocoId) const;

private:
    std::vector<std::string> m_files;
    std::unordered_map<int64_t, std::vector<std::string>> m_captions;
    std::size_t m_captionCount = 0;
};

} // namespace vindex::data
