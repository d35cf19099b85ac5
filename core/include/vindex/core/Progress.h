#pragma once
// Progress and cancellation for long work, without Qt: the GUI adapts the callback to signals.
#include <atomic>
#include <functional>
#include <string>

namespace vindex {

class Progress {
public:
    using Callback = std::function<void(double fraction, const std::string &message)>;

    Progress() = default;
    Progress(Callback callback, const std::atomic<bool> *cancelFlag = nullptr)
        : m_callback(std::move(callback)), m_cancelFlag(cancelFlag) {}

    // Reports progress in [0, 1]; throws Cancelled when the cancel flag is set.
    void report(double fraction, const std::string &message = {}) const;
    // Throws Cancelled when the cancel flag is set.
    void checkCancelled() const;
    bool isCancelled() const { return m_cancelFlag && m_cancelFlag->load(std::memory_order_relaxed); }

private:
    Callback m_callback;
    const std::atomic<bool> *m_cancelFlag = nullptr;
};

} // namespace vindex
