#pragma once
// A caption report as a PDF (A4 portrait, PdfDocument): title block, corpus table and bar charts, the per-trial
// table with thumbnails (a trial never splits across pages; the header row repeats), run manifests, exact values
// and method notes, a running footer with page numbers.
#include "vindex/report/CaptionReport.h"
#include "vindex/report/PdfDocument.h"

#include <string>

namespace vindex::report {

class PdfReportWriter {
public:
    static PdfDocument toPdf(const CaptionReport &report);
    static void write(const CaptionReport &report, const std::string &path); // atomically
};

} // namespace vindex::report
