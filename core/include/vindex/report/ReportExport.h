#pragma once
// Chooses a report writer by format name or by the output file's extension, for the CLI and the GUI alike.
#include "vindex/report/CaptionReport.h"

#include <string>

namespace vindex::report {

enum class ReportFormat { Html, Pdf, Csv, Json };

class ReportExport {
public:
    // "html" | "pdf" | "csv" | "json" (case-insensitive); Error naming the choices otherwise.
    static ReportFormat parse(const std::string &name);
    // From ".html"/".htm", ".pdf", ".csv", ".json"; Error naming the file when the extension is none of those.
    static ReportFormat fromPath(const std::string &path);
    static const char *name(ReportFormat format);
    // Atomically; Cancelled (nothing written) when the job is cancelled before the file is.
    static void write(const CaptionReport &report, ReportFormat format, const std::string &path,
                      const JobControl &job = JobControl::none());
};

} // namespace vindex::report
