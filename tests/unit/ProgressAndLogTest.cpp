#include "vindex/core/Error.h"
#include "vindex/core/JobControl.h"
#include "vindex/core/Log.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

TEST(JobControl, ReportsUntilCancelled)
{
    std::vector<vindex::JobProgress> seen;
    vindex::JobControl job([&](const vindex::JobProgress &p) { seen.push_back(p); });
    job.report("load", 1, 4, "loading");
    job.reportFraction(0.5);
    job.cancel();
    EXPECT_THROW(job.report("load", 3, 4), vindex::Cancelled);
    EXPECT_THROW(job.checkCancelled(), vindex::Cancelled);
    EXPECT_THROW(job.pausePoint(), vindex::Cancelled);
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0].stage, "load");
    EXPECT_EQ(seen[0].done, 1);
    EXPECT_EQ(seen[0].total, 4);
    EXPECT_DOUBLE_EQ(seen[0].fraction, 0.25);
    EXPECT_EQ(seen[0].message, "loading");
    EXPECT_DOUBLE_EQ(seen[1].fraction, 0.5);
    const vindex::JobControl silent;
    EXPECT_NO_THROW(silent.report("x", 0, 0));
    EXPECT_LT(vindex::JobProgress().fraction, 0) << "unknown until said";
}

TEST(JobControl, PartialResultsAreNeverDroppedByACancel)
{
    std::vector<std::pair<std::string, std::string>> partials;
    vindex::JobControl job({}, [&](const std::string &k, const std::string &t) { partials.emplace_back(k, t); });
    job.partial("0", "a cat");
    job.cancel();
    job.partial("0", "a cat on");
    EXPECT_EQ(partials.size(), 2u);
    EXPECT_EQ(partials[1].second, "a cat on");
}

TEST(JobControl, PausePointWaitsUntilResumedOrCancelled)
{
    using namespace std::chrono_literals;
    vindex::JobControl job;
    job.pause();
    std::atomic<bool> passed{false};
    std::thread worker([&] {
        job.pausePoint();
        passed = true;
    });
    std::this_thread::sleep_for(150ms);
    EXPECT_FALSE(passed.load()) << "a paused job waits at its pause point";
    job.resume();
    worker.join();
    EXPECT_TRUE(passed.load());

    // A cancel stored by a signal handler (no notify) still wakes the waiter within its 100 ms poll.
    job.pause();
    std::atomic<bool> cancelled{false};
    std::thread waiting([&] {
        try {
            job.pausePoint();
        } catch (const vindex::Cancelled &) {
            cancelled = true;
        }
    });
    std::this_thread::sleep_for(50ms);
    job.cancelFlag().store(true);
    waiting.join();
    EXPECT_TRUE(cancelled.load());
}

TEST(Log, ListenersReceiveLinesUntilRemoved)
{
    std::vector<std::pair<vindex::LogLevel, std::string>> lines;
    vindex::setLogToStderr(false);
    const int id = vindex::addLogListener(
        [&](vindex::LogLevel level, const std::string &line) { lines.emplace_back(level, line); });
    vindex::logWarning("disk almost full");
    vindex::logDebug("hidden below the default level");
    vindex::removeLogListener(id);
    vindex::logInfo("after removal");
    vindex::setLogToStderr(true);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].first, vindex::LogLevel::Warning);
    EXPECT_NE(lines[0].second.find("disk almost full"), std::string::npos);
    EXPECT_EQ(lines[0].second.back(), 'l') << "no trailing newline";
}
