#pragma once
// Caption files as BrainHub and COCO write them, read with every problem named (file, id, what was found).
//
// Candidates: BrainHub's decoded layout {"id": "caption", ...}, or a COCO results list
// [{"image_id": id, "caption": "..."}, ...]. References: {"id": ["caption", ...], ...} (BrainHub's
// fmri_cococap.json); a single string stands for a one-caption list, as BrainHub's eval_caption.py reads it.
// Ids keep the file's order. FormatError for invalid JSON, another layout, a caption that is not a string, an empty
// reference list, or an id that occurs twice (JSON parsers would silently keep only the last).
#include <string>
#include <vector>

namespace vindex::eval {

struct CandidateCaptions {
    std::string path;
    std::vector<std::string> ids;
    std::vector<std::string> captions; // one per id
};

struct ReferenceCaptions {
    std::string path;
    std::vector<std::string> ids;
    std::vector<std::vector<std::string>> captions; // at least one per id
};

class CaptionFiles {
public:
    static CandidateCaptions readCandidates(const std::string &path);
    static ReferenceCaptions readReferences(const std::string &path);
    // The same from JSON text; `path` only names the source in messages.
    static CandidateCaptions parseCandidates(const std::string &jsonText, const std::string &path);
    static ReferenceCaptions parseReferences(const std::string &jsonText, const std::string &path);
};

} // namespace vindex::eval
