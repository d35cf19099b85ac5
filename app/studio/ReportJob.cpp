#include "ReportJob.h"

#include <QDir>
#include <QFileInfo>

namespace vindex::studio {

ReportJob::ReportJob(report::CaptionReportOptions options, report::ReportFormat format, QString path, QObject *parent)
    : Job(Kind::Report, tr("Report %1").arg(QFileInfo(path).fileName()), parent), m_options(std::move(options)),
      m_format(format), m_path(std::move(path))
{
    appendLog(tr("Writing %1").arg(QDir::toNativeSeparators(m_path)));
}

ReportJob::~ReportJob()
{
    stopAndWait();
}

void ReportJob::work()
{
    const report::CaptionReport report = report::CaptionReport::build(m_options, control());
    report::ReportExport::write(report, m_format, m_path.toStdString(), control());
}

} // namespace vindex::studio
