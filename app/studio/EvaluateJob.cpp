#include "EvaluateJob.h"

#include "DecodingResult.h"

#include "vindex/core/Error.h"

#include <QDir>
#include <QFileInfo>

namespace vindex::studio {

EvaluateJob::EvaluateJob(ResultLoader::Request request, QObject *parent)
    : Job(Kind::Evaluate, tr("Score %1").arg(QFileInfo(request.path).fileName()), parent), m_request(std::move(request))
{
    appendLog(tr("Results %1").arg(QDir::toNativeSeparators(m_request.path)));
}

EvaluateJob::~EvaluateJob()
{
    stopAndWait();
}

void EvaluateJob::work()
{
    control().checkCancelled();
    auto result = std::make_shared<widgets::DecodingResult>(ResultLoader::load(m_request));
    control().checkCancelled();
    m_result = std::move(result);
}

void EvaluateJob::workFinished()
{
    setProgress(1.0, tr("%n trial(s) scored", nullptr, m_result ? static_cast<int>(m_result->trialCount) : 0));
}

} // namespace vindex::studio
