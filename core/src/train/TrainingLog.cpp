#include "vindex/train/TrainingLog.h"

#include "vindex/core/Error.h"

#include <cerrno>
#include <cstring>
#include <ctime>

namespace vindex::train {

TrainingLog::TrainingLog(std::string path) : m_path(std::move(path))
{
    m_file = std::fopen(m_path.c_str(), "a");
    if (!m_file)
        throw Error(m_path + ": cannot open the training log: " + std::strerror(errno));
}

TrainingLog::~TrainingLog()
{
    if (m_file)
        std::fclose(m_file);
}

void TrainingLog::write(const std::string &event, const nlohmann::ordered_json &fields)
{
    const std::time_t now = std::time(nullptr);
    char time[32];
    std::strftime(time, sizeof time, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    nlohmann::ordered_json line{{"event", event}, {"time", time}};
    for (const auto &[key, value] : fields.items())
        line[key] = value;
    // One write per line: a crash can cut the last line short but never interleave two.
    const std::string text = line.dump() + "\n";
    std::fwrite(text.data(), 1, text.size(), m_file);
    std::fflush(m_file);
}

} // namespace vindex::train
