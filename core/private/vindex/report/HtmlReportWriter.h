#pragma once
// A caption report as one self-contained HTML file: inline CSS, thumbnails as data: URIs, charts as inline SVG, no
// script and nothing fetched, so it opens the same anywhere (mail attachment, offline laptop, Chromium's print to
// PDF). All text from files is escaped.
#include "vindex/report/CaptionReport.h"

#include <string>
#include <string_view>

namespace vindex::report {

class HtmlReportWriter {
public:
    static std::string toHtml(const CaptionReport &report);
    static void write(const CaptionReport &report, const std::string &path); // atomically
    // &, <, >, " and ' as entities: safe in text and in quoted attribute values.
    static std::string escape(std::string_view text);
};

} // namespace vindex::report
