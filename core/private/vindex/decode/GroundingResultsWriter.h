#pragma once
// BrainHub's decoded-bbox file, as UMBRAE's inference_rec.py writes it and `vindex eval grounding` scores it
// (eval::GroundingEvaluation::readDecoded): {"idx": {"category": [[[x0, y0, x1, y1], ...], ...]}} — per test index
// and category the list of answers (bracket groups of the MLLM's reply), each a list of boxes as fractions of the
// image (BoxMapping's fraction frame; for NSD's square stimuli the same numbers Shikra wrote). A category with an
// empty list was decoded and held no box; a category that is absent is not decoded yet — that is what resume reads.
//
// Keys are written in numeric order, categories in the order they were first set (the reference asks them in the
// ground truth's order), formatted as Python's json.dump(indent=4) formats them, so a file of the reference read
// and written back is byte-identical. Every save() replaces the file atomically.
#include "vindex/decode/BoxTypes.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace vindex::decode {

class GroundingResultsWriter {
public:
    using Answers = std::vector<std::vector<Box>>;

    explicit GroundingResultsWriter(std::string path);
    const std::string &path() const { return m_path; }

    // Resume: reads the file at path() if there is one (true) and keeps its entries; false when there is none.
    // FormatError naming the file, the key and the category for anything not in the layout above (keys that are
    // not non-negative integers written plainly, boxes that are not four numbers).
    bool load();

    // Sets the answers of one (test index, category), replacing an earlier entry for the same pair. Error on a
    // negative index or an empty category name.
    void set(int64_t testIndex, const std::string &category, Answers answers);
    // Gives a test index its key even without categories ({}), for images without ground-truth categories.
    void addIndex(int64_t testIndex);

    bool hasIndex(int64_t testIndex) const { return m_entries.count(testIndex) != 0; }
    bool has(int64_t testIndex, const std::string &category) const;
    // nullptr when the pair is not set.
    const Answers *answers(int64_t testIndex, const std::string &category) const;
    std::vector<int64_t> indices() const;                         // ascending
    std::vector<std::string> categories(int64_t testIndex) const; // in the order they were set; empty when absent
    std::size_t pairCount() const;                                // (index, category) pairs set

    // The file's text: json.dump(indent=4) layout, no newline at the end.
    std::string toJson() const;
    // Writes toJson() to path() atomically (temporary file + rename).
    void save() const;

private:
    using Entry = std::vector<std::pair<std::string, Answers>>; // categories in the order they were set

    std::string m_path;
    std::map<int64_t, Entry> m_entries;
};

} // namespace vindex::decode
