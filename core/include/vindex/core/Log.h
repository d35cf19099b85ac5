#pragma once
// Logging through spdlog. Everything in core logs to the "vindex" logger; front ends add sinks (the GUI's log dock,
// the CLI's stderr) through addLogListener without depending on spdlog themselves.
#include <functional>
#include <memory>
#include <string>

namespace spdlog {
class logger;
}

namespace vindex {

enum class LogLevel { Trace, Debug, Info, Warning, Error, Critical };

// The engine's logger (created on first use, writes to stderr).
std::shared_ptr<spdlog::logger> logger();

void setLogLevel(LogLevel level);

using LogListener = std::function<void(LogLevel level, const std::string &message)>;
// Adds a listener that receives every formatted log line; returns an id for removeLogListener.
int addLogListener(LogListener listener);
void removeLogListener(int id);
// Silences (or restores) the stderr sink, e.g. for --json output or the GUI.
void setLogToStderr(bool enabled);

void logInfo(const std::string &message);
void logWarning(const std::string &message);
void logError(const std::string &message);
void logDebug(const std::string &message);

} // namespace vindex
