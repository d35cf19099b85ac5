#include "vindex/core/JobControl.h"

#include "vindex/core/Error.h"

#include <chrono>

namespace vindex {

JobControl::JobControl(ProgressHandler onProgress, PartialHandler onPartial)
    : m_onProgress(std::move(onProgress)), m_onPartial(std::move(onPartial))
{
}

const JobControl &JobControl::none()
{
    static const JobControl unwatched;
    return unwatched;
}

void JobControl::cancel()
{
    {
        std::lock_guard lock(m_mutex);
        m_cancelled.store(true);
    }
    m_wake.notify_all();
}

void JobControl::pause()
{
    m_paused.store(true);
}

void JobControl::resume()
{
    {
        std::lock_guard lock(m_mutex);
        m_paused.store(false);
    }
    m_wake.notify_all();
}

void JobControl::report(const JobProgress &progress) const
{
    checkCancelled();
    if (m_onProgress)
        m_onProgress(progress);
}

void JobControl::report(std::string stage, int64_t done, int64_t total, std::string message) const
{
    JobProgress progress;
    progress.stage = std::move(stage);
    progress.done = done;
    progress.total = total;
    progress.message = std::move(message);
    if (total > 0)
        progress.fraction = static_cast<double>(done) / static_cast<double>(total);
    report(progress);
}

void JobControl::reportFraction(double fraction, std::string message) const
{
    JobProgress progress;
    progress.stage = message;
    progress.message = std::move(message);
    progress.fraction = fraction;
    report(progress);
}

void JobControl::partial(const std::string &key, const std::string &text) const
{
    if (m_onPartial)
        m_onPartial(key, text);
}

void JobControl::checkCancelled() const
{
    if (isCancelled())
        throw Cancelled();
}

void JobControl::pausePoint() const
{
    checkCancelled();
    std::unique_lock lock(m_mutex);
    // A signal handler's cancel cannot notify: wake every 100 ms to look.
    while (isPaused() && !isCancelled())
        m_wake.wait_for(lock, std::chrono::milliseconds(100));
    lock.unlock();
    checkCancelled();
}

} // namespace vindex
