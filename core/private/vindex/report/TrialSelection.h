#pragma once
// Which trials a report lists one by one: "0:20" (test indices 0..19, Python's half-open slice), "5" (one trial),
// ":50", "900:", or a comma-separated list of those. The empty selection means every trial.
#include <cstdint>
#include <string>
#include <vector>

namespace vindex::report {

class TrialSelection {
public:
    TrialSelection() = default;
    // Error naming the text and what is wrong ("'9:3': the end is before the start").
    static TrialSelection parse(const std::string &text);

    bool all() const { return m_ranges.empty(); }
    bool contains(int64_t index) const;
    // The largest index asked for explicitly (-1 for open-ended or empty selections); for range checks.
    int64_t lastExplicit() const;
    const std::string &text() const { return m_text; }

private:
    struct Range {
        int64_t begin, end; // end = -1: to the last trial
    };
    std::string m_text;
    std::vector<Range> m_ranges;
};

} // namespace vindex::report
