#pragma once
// What the report writers share so that HTML, PDF, CSV and JSON say the same thing the same way: number formats,
// the colour of each result, the best result per score, chart axis ends, small text helpers.
#include "vindex/report/CaptionReport.h"

#include <array>
#include <string>
#include <vector>

namespace vindex::report {

class ReportStyle {
public:
    // Okabe–Ito-like, distinguishable with the common colour-vision deficiencies and in greyscale print order.
    static std::array<int, 3> colour(std::size_t result);
    static std::string hexColour(std::size_t result); // "#0072b2"

    // ×100 with two decimals, the leaderboard's unit ("41.30").
    static std::string leaderboard(double fraction);
    // ×100 with one decimal, for per-trial scores ("83.4").
    static std::string perTrial(double fraction);
    // The fraction with ten decimals, as BrainHub's README lists it ("0.4130323402").
    static std::string exact(double fraction);
    // CSV and JSON numbers: shortest text that reads back to the same double.
    static std::string roundTrip(double value);

    // Index of the result with the highest corpus value per score (first on ties); ties with one result: none.
    static std::vector<int> bestResultPerScore(const CaptionReport &report);
    // An axis end >= value on a 1-2-2.5-5 ladder, for ×100 bar charts.
    static double niceCeiling(double value);
    // "sub01_decoded_caption.json" from a path.
    static std::string fileName(const std::string &path);
    static std::string base64(const std::string &bytes);
    // File sizes: "512 B", "1.4 MB", "13.5 GB"; "" for -1 (unknown).
    static std::string bytes(int64_t size);
    // 982 → "982", 4913 → "4,913".
    static std::string thousands(std::size_t value);
    // A score's name for narrow columns: CAPTURE's element scores abbreviated ("Attribute-F1" → "Attr-F1",
    // "Object-P" → "Obj-P", "Relation-R" → "Rel-R"), other names as they are.
    static std::string shortScoreName(const std::string &name);
    // A short explanation of the scores, the same sentence in every format.
    static std::string methodNote();
};

} // namespace vindex::report
