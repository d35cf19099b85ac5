#include "vindex/core/Log.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <map>
#include <mutex>

namespace vindex {
namespace {

LogLevel toLogLevel(spdlog::level::level_enum level)
{
    switch (level) {
    case spdlog::level::trace: return LogLevel::Trace;
    case spdlog::level::debug: return LogLevel::Debug;
    case spdlog::level::info: return LogLevel::Info;
    case spdlog::level::warn: return LogLevel::Warning;
    case spdlog::level::err: return LogLevel::Error;
    default: return LogLevel::Critical;
    }
}

// Forwards formatted lines to the registered listeners.
class ListenerSink : public spdlog::sinks::base_sink<std::mutex> {
public:
    int add(LogListener listener)
    {
        std::lock_guard lock(m_listenersMutex);
        m_listeners.emplace(++m_nextId, std::move(listener));
        return m_nextId;
    }
    void remove(int id)
    {
        std::lock_guard lock(m_listenersMutex);
        m_listeners.erase(id);
    }

protected:
    void sink_it_(const spdlog::details::log_msg &msg) override
    {
        spdlog::memory_buf_t formatted;
        formatter_->format(msg, formatted);
        std::string line(formatted.data(), formatted.size());
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
            line.pop_back();
        std::lock_guard lock(m_listenersMutex);
        for (auto &[id, listener] : m_listeners)
            listener(toLogLevel(msg.level), line);
    }
    void flush_() override {}

private:
    std::mutex m_listenersMutex;
    std::map<int, LogListener> m_listeners;
    int m_nextId = 0;
};

struct LogState {
    std::shared_ptr<spdlog::sinks::stderr_color_sink_mt> stderrSink;
    std::shared_ptr<ListenerSink> listenerSink;
    std::shared_ptr<spdlog::logger> logger;
};

LogState &state()
{
    static LogState s = [] {
        LogState st;
        st.stderrSink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
        st.listenerSink = std::make_shared<ListenerSink>();
        st.logger = std::make_shared<spdlog::logger>("vindex", spdlog::sinks_init_list{st.stderrSink, st.listenerSink});
        st.logger->set_pattern("[%H:%M:%S.%e] [%^%l%$] %v");
        st.logger->set_level(spdlog::level::info);
        return st;
    }();
    return s;
}

} // namespace

std::shared_ptr<spdlog::logger> logger()
{
    return state().logger;
}

void setLogLevel(LogLevel level)
{
    static const spdlog::level::level_enum levels[] = {spdlog::level::trace, spdlog::level::debug,
                                                       spdlog::level::info,  spdlog::level::warn,
                                                       spdlog::level::err,   spdlog::level::critical};
    state().logger->set_level(levels[static_cast<int>(level)]);
}

int addLogListener(LogListener listener)
{
    return state().listenerSink->add(std::move(listener));
}
void removeLogListener(int id)
{
    state().listenerSink->remove(id);
}

void setLogToStderr(bool enabled)
{
    state().stderrSink->set_level(enabled ? spdlog::level::trace : spdlog::level::off);
}

void logInfo(const std::string &message)
{
    logger()->info(message);
}
void logWarning(const std::string &message)
{
    logger()->warn(message);
}
void logError(const std::string &message)
{
    logger()->error(message);
}
void logDebug(const std::string &message)
{
    logger()->debug(message);
}

} // namespace vindex
