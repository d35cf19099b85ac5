#include "vindex/core/Error.h"
#include "vindex/core/Log.h"
#include "vindex/core/Progress.h"

#include <gtest/gtest.h>

#include <atomic>
#include <vector>

TEST(Progress, ReportsUntilCancelled)
{
    std::atomic<bool> cancel{false};
    std::vector<double> seen;
    vindex::Progress progress([&](double f, const std::string &) { seen.push_back(f); }, &cancel);
    progress.report(0.25, "loading");
    progress.report(0.5);
    cancel = true;
    EXPECT_THROW(progress.report(0.75), vindex::Cancelled);
    EXPECT_THROW(progress.checkCancelled(), vindex::Cancelled);
    EXPECT_EQ(seen, (std::vector<double>{0.25, 0.5}));
    vindex::Progress silent;
    EXPECT_NO_THROW(silent.report(1.0));
}

TEST(Log, ListenersReceiveLinesUntilRemoved)
{
    std::vector<std::pair<vindex::LogLevel, std::string>> lines;
    vindex::setLogToStderr(false);
    const int id = vindex::addLogListener([&](vindex::LogLevel level, const std::string &line) {
        lines.emplace_back(level, line);
    });
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
