#pragma once
// One job control for every long task of core — captioning, grounding, encoding, training, evaluation, reports,
// opening a dataset, building a cache — without Qt. Whoever starts the work owns it: it cancels, pauses and resumes
// from any thread and sees progress and partial results through handlers (the CLI prints them, the studio's Job
// adapter turns them into the jobs dock's rows). The work reports at its steps and checks it at its safe points.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

namespace vindex {

struct JobProgress {
    std::string stage;    // what part of the work: "decode", "epoch 2/5", "CLIP image features", "session 3"
    int64_t done = 0;     // units of the stage finished
    int64_t total = 0;    // units of the stage; 0 while unknown
    std::string message;  // one line for a status bar; may be empty
    double fraction = -1; // of the whole job in [0, 1]; negative while unknown
};

class JobControl {
public:
    using ProgressHandler = std::function<void(const JobProgress &)>;
    // A partial result as soon as there is one: a caption's text so far, a finished key, a grounding answer.
    using PartialHandler = std::function<void(const std::string &key, const std::string &text)>;

    JobControl() = default;
    explicit JobControl(ProgressHandler onProgress, PartialHandler onPartial = {});
    JobControl(const JobControl &) = delete;
    JobControl &operator=(const JobControl &) = delete;
    // A control nobody cancels and nobody watches: the default for callers that do not care.
    static const JobControl &none();

    // The owner, before the work starts.
    void setProgressHandler(ProgressHandler handler) { m_onProgress = std::move(handler); }
    void setPartialHandler(PartialHandler handler) { m_onPartial = std::move(handler); }

    // The owner, any thread. cancel(): the work throws Cancelled at its next check, after saving what it finished.
    // pause(): work that can pause waits at its next pause point; other work goes on (resume() is then a no-op).
    void cancel();
    void pause();
    void resume();
    bool isCancelled() const { return m_cancelled.load(std::memory_order_relaxed); }
    bool isPaused() const { return m_paused.load(std::memory_order_relaxed); }
    // For a signal handler: storing true here is cancel() without a lock (waiters notice within 100 ms).
    std::atomic<bool> &cancelFlag() { return m_cancelled; }
    const std::atomic<bool> &cancelFlag() const { return m_cancelled; }

    // The work. report(): throws Cancelled when cancelled, else tells the progress handler.
    void report(const JobProgress &progress) const;
    void report(std::string stage, int64_t done, int64_t total, std::string message = {}) const;
    // A fraction of the whole job with a message, for work measured that way (caches, writers).
    void reportFraction(double fraction, std::string message = {}) const;
    // Tells the partial-result handler (no cancellation check: a result is never dropped).
    void partial(const std::string &key, const std::string &text) const;
    void checkCancelled() const; // throws Cancelled
    // checkCancelled(), then waits while paused until resume() or cancel(); throws Cancelled on cancel.
    void pausePoint() const;

private:
    ProgressHandler m_onProgress;
    PartialHandler m_onPartial;
    std::atomic<bool> m_cancelled{false}, m_paused{false};
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_wake;
};

} // namespace vindex
