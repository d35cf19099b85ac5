#include "vindex/report/ReportExport.h"

#include "vindex/core/Error.h"
#include "vindex/report/CsvReportWriter.h"
#include "vindex/report/HtmlReportWriter.h"
#include "vindex/report/JsonReportWriter.h"
#include "vindex/report/PdfReportWriter.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace vindex::report {

ReportFormat ReportExport::parse(const std::string &name)
{
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "html" || lower == "htm")
        return ReportFormat::Html;
    if (lower == "pdf")
        return ReportFormat::Pdf;
    if (lower == "csv")
        return ReportFormat::Csv;
    if (lower == "json")
        return ReportFormat::Json;
    throw Error("unknown report format '" + name + "' (expected html, pdf, csv or json)");
}

ReportFormat ReportExport::fromPath(const std::string &path)
{
    const std::string extension = std::filesystem::path(path).extension().string();
    try {
        return parse(extension.empty() ? std::string() : extension.substr(1));
    } catch (const Error &) {
        throw Error(path + ": cannot tell the report format from the extension '" + extension +
                    "' (use .html, .pdf, .csv or .json, or --format)");
    }
}

const char *ReportExport::name(ReportFormat format)
{
    switch (format) {
    case ReportFormat::Html: return "html";
    case ReportFormat::Pdf: return "pdf";
    case ReportFormat::Csv: return "csv";
    case ReportFormat::Json: return "json";
    }
    return "html";
}

void ReportExport::write(const CaptionReport &report, ReportFormat format, const std::string &path,
                         const JobControl &job)
{
    job.checkCancelled();
    switch (format) {
    case ReportFormat::Html: HtmlReportWriter::write(report, path); return;
    case ReportFormat::Pdf: PdfReportWriter::write(report, path); return;
    case ReportFormat::Csv: CsvReportWriter::write(report, path); return;
    case ReportFormat::Json: JsonReportWriter::write(report, path); return;
    }
}

} // namespace vindex::report
