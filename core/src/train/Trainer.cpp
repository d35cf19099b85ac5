#include "vindex/train/Trainer.h"

#include "vindex/train/TrainingRun.h"

namespace vindex::train {

Trainer::Trainer(TrainRequest request) : m_request(std::move(request)) {}
Trainer::~Trainer() = default;

void Trainer::setProgressCallback(std::function<void(const TrainProgress &)> callback)
{
    m_callback = std::move(callback);
}

TrainResult Trainer::run(const JobControl &job)
{
    return TrainingRun(m_request, job, m_callback).run();
}

} // namespace vindex::train
