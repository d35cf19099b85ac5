#pragma once
// A caption report as JSON, everything the other formats show: corpus scores per result (fractions), manifests,
// notes, and the per-trial section with references, captions, scores and thumbnails (base64 JPEG).
#include "vindex/report/CaptionReport.h"

#include <nlohmann/json.hpp>

#include <string>

namespace vindex::report {

class JsonReportWriter {
public:
    static constexpr const char *kFormat = "vindex-caption-report/1";
    static nlohmann::ordered_json toJson(const CaptionReport &report);
    static void write(const CaptionReport &report, const std::string &path); // atomically
};

} // namespace vindex::report
