#include "InterruptScope.h"

#include <atomic>

namespace {

std::atomic<std::atomic<bool> *> g_cancel{nullptr};

extern "C" void onInterrupt(int)
{
    // Only a lock-free store: all a signal handler may do.
    if (std::atomic<bool> *flag = g_cancel.load())
        flag->store(true);
}

} // namespace

InterruptScope::InterruptScope(vindex::JobControl &job)
{
    g_cancel.store(&job.cancelFlag());
    m_int = std::signal(SIGINT, onInterrupt);
    m_term = std::signal(SIGTERM, onInterrupt);
}

InterruptScope::~InterruptScope()
{
    std::signal(SIGINT, m_int);
    std::signal(SIGTERM, m_term);
    g_cancel.store(nullptr);
}
