#include "EvaluateJob.h"

#include "vindex/core/Error.h"

#include "DecodingResult.h"

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
    auto scored = std::make_shared<const report::ScoredResult>(
        report::ResultScoring::score(ResultLoader::scoringRequest(m_request), control()));
    // Captions decoded for another dataset are refused: their scores against these references would mean nothing.
    if (const QString problem = ResultLoader::idMismatch(*scored); !problem.isEmpty())
        throw DataError(problem.toStdString());
    auto result = std::make_shared<widgets::DecodingResult>(ResultLoader::toDecodingResult(*scored));
    result->path = m_request.path;
    control().checkCancelled();
    m_scored = std::move(scored);
    m_result = std::move(result);
}

void EvaluateJob::workFinished()
{
    setProgress(1.0, tr("%n trial(s) scored", nullptr, m_result ? static_cast<int>(m_result->trialCount) : 0));
}

} // namespace vindex::studio
