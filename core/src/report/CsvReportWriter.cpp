#include "vindex/report/CsvReportWriter.h"

#include "ReportStyle.h"

#include "vindex/io/AtomicFile.h"

namespace vindex::report {

std::string CsvReportWriter::field(std::string_view text)
{
    if (text.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(text);
    std::string quoted = "\"";
    for (char c : text)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string CsvReportWriter::toCsv(const CaptionReport &report)
{
    std::string csv = "trial,result,results_file,caption";
    for (const auto &name : report.scoreNames)
        csv.append(",").append(field(name));
    csv += ",stimulus,references\n";
    for (const auto &trial : report.trials) {
        std::string references;
        for (std::size_t i = 0; i < trial.references.size(); ++i)
            references += (i ? " | " : "") + trial.references[i];
        for (const auto &result : report.results) {
            csv += field(trial.id) + "," + field(result.label) + "," + field(result.resultsPath) + ",";
            const long row = result.row(trial.id);
            if (row < 0) {
                csv += std::string(report.scoreNames.size(), ','); // not decoded: empty caption and scores
            } else {
                const auto k = static_cast<std::size_t>(row);
                csv += field(result.evaluation.candidates[k]);
                for (double v : result.evaluation.perTrial[k])
                    csv.append(",").append(ReportStyle::roundTrip(v));
            }
            csv.append(",").append(field(trial.stimulus)).append(",").append(field(references)).append("\n");
        }
    }
    return csv;
}

void CsvReportWriter::write(const CaptionReport &report, const std::string &path)
{
    io::AtomicFile file(path);
    file.write(toCsv(report));
    file.commit();
}

} // namespace vindex::report
