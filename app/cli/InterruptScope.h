#pragma once
// Ctrl-C / SIGTERM during a long command: the job is cancelled (its work saves what it finished, removes partial
// files and stops at its next safe point) instead of the process dying mid-write. One scope at a time.
#include "vindex/core/JobControl.h"

#include <csignal>

class InterruptScope {
public:
    explicit InterruptScope(vindex::JobControl &job);
    ~InterruptScope();
    InterruptScope(const InterruptScope &) = delete;
    InterruptScope &operator=(const InterruptScope &) = delete;

private:
    void (*m_int)(int) = SIG_DFL;
    void (*m_term)(int) = SIG_DFL;
};
