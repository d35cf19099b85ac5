#pragma once
// Training a brain encoder as a job: train::Trainer on the job's thread, given the job's control(). Each step's loss
// and each epoch's validation loss come back to the GUI thread as points for the loss curve (the Trainer's typed
// progress); pause and resume (the Job's) take effect at the next step, cancel saves the step reached as the run's
// last checkpoint (the Trainer does) before the job ends.
#include "Job.h"

#include "vindex/train/Trainer.h"

#include <QList>
#include <QPointF>

#include <memory>

namespace vindex::studio {

class TrainJob : public Job {
    Q_OBJECT

public:
    explicit TrainJob(train::TrainRequest request, QObject *parent = nullptr);
    ~TrainJob() override;

    const train::TrainRequest &request() const { return m_request; }
    bool canPause() const override { return true; }

    // (global step, training loss) for every step so far, and (global step at the epoch's end, validation loss)
    // for every epoch's validation.
    const QList<QPointF> &trainLoss() const { return m_trainLoss; }
    const QList<QPointF> &validationLoss() const { return m_validationLoss; }
    // The run's result once Finished.
    const train::TrainResult &result() const { return m_result; }
    QString runFolder() const;
    // Steps of the whole run once training has begun (0 before).
    qint64 totalSteps() const { return m_totalSteps; }
    // The checkpoint a cancelled run left (the run folder's last.safetensors); empty when none was written.
    QString cancelledCheckpoint() const { return m_cancelledCheckpoint; }

signals:
    // New points since the last signal.
    void lossAdded(const QList<QPointF> &train, const QList<QPointF> &validation);

protected:
    void work() override;
    // The typed progress (flushWorker) shows the run: the generic report says less.
    void showProgress(const JobProgress &) override {}
    void flushWorker() override;
    void workFinished() override;
    // Says where the step reached was saved and how to go on from it.
    void workCancelled() override;

private:
    void record(const train::TrainProgress &progress); // worker thread

    train::TrainRequest m_request;
    std::unique_ptr<train::Trainer> m_trainer;
    train::TrainResult m_result;
    QList<QPointF> m_trainLoss, m_validationLoss;
    qint64 m_totalSteps = 0;
    QString m_cancelledCheckpoint;

    // Written by the worker under workerMutex(), taken by flushWorker().
    struct Pending {
        QList<QPointF> train, validation;
        train::TrainProgress last;
        double eta = -1; // of the last training step: validation and pauses report none
        bool hasProgress = false;
        QStringList log;
    } m_pending;
    // Worker side only: the epoch and step last reported, to place each validation.
    int64_t m_seenEpoch = -1;
    int64_t m_lastStep = 0;
};

} // namespace vindex::studio
