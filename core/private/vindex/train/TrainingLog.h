#pragma once
// A run's JSON-lines log (RUN_DIR/train_log.jsonl): one object per line — start/resume, every step, validation,
// checkpoints, the end — appended and flushed line by line, so a killed run's log ends at its last whole line.
// Lines from steps that a resume repeats stay in the log; "global_step" tells them apart.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

namespace vindex::train {

class TrainingLog {
public:
    explicit TrainingLog(std::string path); // appends; throws Error when the file cannot be opened
    ~TrainingLog();
    TrainingLog(const TrainingLog &) = delete;
    TrainingLog &operator=(const TrainingLog &) = delete;

    // Adds "event" and the wall-clock "time" (ISO 8601, UTC) in front of the fields.
    void write(const std::string &event, const nlohmann::ordered_json &fields = nlohmann::ordered_json::object());
    const std::string &path() const { return m_path; }

private:
    std::string m_path;
    std::FILE *m_file = nullptr;
};

} // namespace vindex::train
