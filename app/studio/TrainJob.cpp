#include "TrainJob.h"

#include "StdStrings.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>

namespace vindex::studio {

TrainJob::TrainJob(train::TrainRequest request, QObject *parent)
    : Job(Kind::Train,
          tr("Train %1 encoder · subject %2")
              .arg(QString::fromStdString(request.space).toUpper())
              .arg(request.subjects.empty() ? 0 : request.subjects.front()),
          parent),
      m_request(std::move(request)), m_trainer(std::make_unique<train::Trainer>(m_request))
{
    m_trainer->setProgressCallback([this](const train::TrainProgress &progress) { record(progress); });
    appendLog(tr("Run folder %1").arg(QDir::toNativeSeparators(runFolder())));
    if (!m_request.resume.empty())
        appendLog(tr("Continuing from %1").arg(QDir::toNativeSeparators(fromStd(m_request.resume))));
}

TrainJob::~TrainJob()
{
    stopAndWait(); // the trainer saves its checkpoint before the thread ends
}

QString TrainJob::runFolder() const
{
    return QFileInfo(fromStd(m_request.outDir)).absoluteFilePath();
}

void TrainJob::work()
{
    m_result = m_trainer->run(control()); // a cancelled run saves last.safetensors at the step reached, then throws
}

void TrainJob::record(const train::TrainProgress &p)
{
    std::lock_guard lock(workerMutex());
    if ((p.phase == "train" || p.phase == "done") && p.epoch > m_seenEpoch) {
        // The validation that ended the previous epoch shows as valLoss in the next epoch's first report.
        if (m_seenEpoch >= 0 && p.valLoss > 0) {
            m_pending.validation << QPointF(static_cast<double>(m_lastStep), p.valLoss);
            m_pending.log
                << tr("Epoch %1: validation loss %2").arg(m_seenEpoch + 1).arg(QLocale().toString(p.valLoss, 'g', 5));
        }
        m_seenEpoch = p.epoch;
    }
    if (p.phase == "train") {
        m_pending.train << QPointF(static_cast<double>(p.globalStep), p.loss);
        m_pending.eta = p.etaSeconds;
        m_lastStep = p.globalStep;
    }
    if (p.phase == "paused")
        m_pending.last.phase = "paused"; // it carries no numbers: the last ones stay
    else
        m_pending.last = p;
    m_pending.hasProgress = true;
    markReportsPending();
}

void TrainJob::flushWorker()
{
    Pending pending;
    {
        const auto lock = tryLockReports();
        if (!lock.owns_lock())
            return;
        pending.train.swap(m_pending.train);
        pending.validation.swap(m_pending.validation);
        pending.log.swap(m_pending.log);
        pending.last = m_pending.last;
        pending.eta = m_pending.eta;
        pending.hasProgress = m_pending.hasProgress;
    }
    for (const QString &line : pending.log)
        appendLog(line);
    if (pending.hasProgress && pending.last.phase == "train")
        m_totalSteps = pending.last.totalSteps;
    if (!pending.train.isEmpty() || !pending.validation.isEmpty()) {
        m_trainLoss += pending.train;
        m_validationLoss += pending.validation;
        emit lossAdded(pending.train, pending.validation);
    }
    if (!pending.hasProgress || !isActive())
        return;
    const train::TrainProgress &p = pending.last;
    const QLocale locale;
    QString status;
    if (p.phase == "targets") {
        status = tr("Computing training targets (%1%)").arg(qRound(100 * p.fraction));
    } else if (p.phase == "validate") {
        status = tr("Epoch %1/%2: validating").arg(p.epoch + 1).arg(p.epochs);
    } else if (p.phase == "paused") {
        status = tr("Paused at step %1 of %2").arg(p.globalStep).arg(p.totalSteps);
    } else if (p.phase == "train") {
        status = tr("Epoch %1/%2 · step %3/%4 · loss %5 · %6 samples/s")
                     .arg(p.epoch + 1)
                     .arg(p.epochs)
                     .arg(p.step)
                     .arg(p.stepsPerEpoch)
                     .arg(locale.toString(p.loss, 'g', 4))
                     .arg(locale.toString(p.samplesPerSecond, 'f', 1));
    } else {
        status = tr("Saving…");
    }
    if (state() == State::Paused && p.phase != "paused")
        status = tr("Pausing at the next step…");
    // Targets are computed first with a fraction of their own; then the fraction of the training steps.
    // Validation and pauses keep the last step's estimate; targets have none.
    setProgress(p.fraction, status, p.phase == "targets" ? -1 : pending.eta);
}

void TrainJob::workFinished()
{
    const QLocale locale;
    appendLog(tr("%1 steps in %2 epochs; last training loss %3, best validation loss %4")
                  .arg(m_result.globalStep)
                  .arg(m_result.epochs)
                  .arg(locale.toString(m_result.lastTrainLoss, 'g', 5))
                  .arg(locale.toString(m_result.bestValLoss, 'g', 5)));
    appendLog(tr("Checkpoint %1").arg(QDir::toNativeSeparators(fromStd(m_result.lastCheckpoint))));
}

void TrainJob::workCancelled()
{
    const QString checkpoint = QDir(runFolder()).filePath(QStringLiteral("last.safetensors"));
    if (!QFileInfo::exists(checkpoint)) {
        appendLog(tr("No checkpoint was written: the run was cancelled before its first training step."));
        return;
    }
    m_cancelledCheckpoint = checkpoint;
    const QString step = m_trainLoss.isEmpty() ? QString() : QString::number(qRound64(m_trainLoss.last().x()));
    const QString saved =
        step.isEmpty() ? tr("Cancelled; checkpoint %1").arg(QDir::toNativeSeparators(checkpoint))
                       : tr("Cancelled at step %1; checkpoint %2").arg(step, QDir::toNativeSeparators(checkpoint));
    appendLog(saved);
    appendLog(tr("To go on from there: Tools ▸ Train Brain Encoder…, Continue from: %1")
                  .arg(QDir::toNativeSeparators(runFolder())));
    setProgress(progress(), saved);
}

} // namespace vindex::studio
