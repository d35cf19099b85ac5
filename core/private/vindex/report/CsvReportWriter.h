#pragma once
// A caption report's per-trial section as CSV (RFC 4180): one row per trial and result with the trial id, the
// result's label and file, its caption and every score as a fraction, and the references joined by " | ".
#include "vindex/report/CaptionReport.h"

#include <string>
#include <string_view>

namespace vindex::report {

class CsvReportWriter {
public:
    static std::string toCsv(const CaptionReport &report);
    static void write(const CaptionReport &report, const std::string &path); // atomically
    // Quoted when it holds a comma, quote, CR or LF; quotes doubled.
    static std::string field(std::string_view text);
};

} // namespace vindex::report
