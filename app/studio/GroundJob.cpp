#include "GroundJob.h"

#include "StdStrings.h"

#include <QDir>
#include <QLocale>

namespace vindex::studio {

GroundJob::GroundJob(decode::GroundRunRequest request, QString name, QObject *parent)
    : Job(Kind::Ground, std::move(name), parent), m_request(std::move(request))
{
    m_request.job = &control();
    appendLog(tr("Model %1, device %2")
                  .arg(QDir::toNativeSeparators(fromStd(m_request.modelFolder)), fromStd(m_request.device)));
    if (!m_request.resultsPath.empty())
        appendLog(tr("Results %1").arg(QDir::toNativeSeparators(fromStd(m_request.resultsPath))));
}

GroundJob::~GroundJob()
{
    stopAndWait();
}

void GroundJob::work()
{
    m_result = decode::GroundRun::run(m_request);
}

void GroundJob::showProgress(const JobProgress &progress)
{
    const double elapsed = elapsedSeconds();
    const double eta = progress.fraction > 0 ? elapsed / progress.fraction - elapsed : -1;
    setProgress(progress.fraction, tr("%1 of %2 questions").arg(progress.done).arg(progress.total), eta);
}

QString GroundJob::boxesText(const decode::GroundRunResult::Answer &answer)
{
    const QLocale locale;
    QStringList boxes;
    for (const auto &group : answer.boxes)
        for (const auto &box : group)
            boxes << QStringLiteral("[%1, %2, %3, %4]")
                         .arg(locale.toString(box[0], 'f', 3), locale.toString(box[1], 'f', 3),
                              locale.toString(box[2], 'f', 3), locale.toString(box[3], 'f', 3));
    return boxes.isEmpty() ? tr("no box") : boxes.join(QLatin1Char(' '));
}

void GroundJob::workFinished()
{
    appendLog(tr("%n answer(s)", nullptr, static_cast<int>(m_result.answers.size())));
    for (const auto &answer : m_result.answers)
        appendLog(
            QStringLiteral("%1 · %2: %3").arg(fromStd(answer.source), fromStd(answer.category), boxesText(answer)));
    if (!m_result.resultsPath.empty()) {
        appendLog(tr("Wrote %1").arg(QDir::toNativeSeparators(fromStd(m_result.resultsPath))));
        emit resultsWritten(fromStd(m_result.resultsPath));
    }
}

} // namespace vindex::studio
