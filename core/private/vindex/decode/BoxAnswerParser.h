#pragma once
// Reads the boxes out of a Shikra answer exactly as the reference does (PlainBoxFormatter.extract / extract_point in
// shikras/shikra mllm/dataset/process_function/box_process_function.py; UMBRAE's extract_boxes is the same code):
// every non-overlapping, left-to-right match of
//   boxes:  \[\d(?:\.\d*)?(?:,\d(?:\.\d*)?){3}(?:;\d(?:\.\d*)?(?:,\d(?:\.\d*)?){3})*\]
//   points: \[\d(?:\.\d*)?(?:,\d(?:\.\d*)?)(?:;\d(?:\.\d*)?(?:,\d(?:\.\d*)?))*\]
// is one answer (one bracket pair), its ';'-separated parts its boxes or points, each number read as Python's float().
//
// What that means for text the model may write (decisions, all following the reference):
// - A number is one digit, optionally a '.' and any digits: "0.123", "1", "0." (= 0), "9.5". Anything else makes the
//   whole bracket pair fail and it is skipped, with the reason: "10" or "123" (a 0-1000 scale), ".5", "-0.2", "+1",
//   "1e-3", "0.1.2", spaces anywhere ("[0.1, 0.2, ...]"), missing or doubled separators, 3 or 5 numbers, boxes and
//   points mixed in one pair, a pair never closed. Nothing is repaired: a lenient reading would score answers the
//   reference scores as missing, and change the benchmark.
// - Nested brackets: "[[0.1,0.2,0.3,0.4]]" yields the inner pair (the outer '[' is skipped as nested).
// - Values above 1 (the pattern allows up to 9.999...) are kept as written, as the reference keeps them, and the
//   answer is flagged outOfRange; BoxMapping clamps when it maps to pixels. Negative values cannot occur.
// - An answer without any matching pair gives no groups: BrainHub scores that category as [0, 0, 0, 0].
#include "vindex/decode/BoxTypes.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vindex::decode {

// One matched bracket pair.
struct BracketGroup {
    enum class Kind { Boxes, Points };
    Kind kind = Kind::Boxes;
    std::vector<Box> boxes;    // kind == Boxes: [x0,y0,x1,y1;...] in answer order
    std::vector<Point> points; // kind == Points: [x,y;...]
    std::size_t offset = 0;    // byte offset of '[' in the answer
    std::size_t length = 0;    // bytes up to and including ']'
    bool outOfRange = false;   // some coordinate above 1 (kept as written)
};

// A '[' that does not start a match, with the text from it up to the closing ']' (or to the next '[' or the end of
// the answer, at most 200 bytes) and why it was not read.
struct SkippedGroup {
    std::size_t offset = 0;
    std::string text;
    std::string reason;
};

struct ParsedAnswer {
    std::vector<BracketGroup> groups; // boxes and points in answer order
    std::vector<SkippedGroup> skipped;

    // The reference's extract(): the box groups only, each a list of boxes — one entry of BrainHub's decoded-bbox
    // file for a category. Point groups are not in it (UMBRAE drops them too).
    std::vector<std::vector<Box>> boxAnswers() const;
    // extract_point(): the point groups only.
    std::vector<std::vector<Point>> pointAnswers() const;
    bool hasBoxes() const;
    bool hasOutOfRange() const;
};

class BoxAnswerParser {
public:
    static ParsedAnswer parse(std::string_view answer);

    // PlainBoxFormatter.format_box: "[x0,y0,x1,y1;...]" with {:.3f} numbers (for prompts and training targets).
    static std::string formatBoxes(const std::vector<Box> &boxes);
    static std::string formatPoints(const std::vector<Point> &points);
    // Python's f"{value:.3f}": correctly rounded from the exact binary value (ties to even), locale-independent.
    static std::string formatNumber(double value);
};

} // namespace vindex::decode
