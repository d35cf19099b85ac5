#pragma once
// Writing a caption report as a job of the jobs dock: report::CaptionReport::build (reading and scoring every
// result) and report::ReportExport::write on the job's thread, cancellable until the file is written (atomically:
// a cancelled or failed report leaves no file behind).
#include "Job.h"

#include "vindex/report/CaptionReport.h"
#include "vindex/report/ReportExport.h"

namespace vindex::studio {

class ReportJob : public Job {
    Q_OBJECT

public:
    ReportJob(report::CaptionReportOptions options, report::ReportFormat format, QString path,
              QObject *parent = nullptr);
    ~ReportJob() override;

    QString path() const { return m_path; }

protected:
    void work() override;

private:
    report::CaptionReportOptions m_options;
    report::ReportFormat m_format;
    QString m_path;
};

} // namespace vindex::studio
