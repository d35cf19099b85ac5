#include "vindex/report/TrialSelection.h"

#include "vindex/core/Error.h"

#include <algorithm>
#include <charconv>
#include <sstream>

namespace vindex::report {
namespace {

int64_t number(const std::string &part, const std::string &text)
{
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (ec != std::errc() || end != part.data() + part.size() || value < 0)
        throw Error("--trials '" + text + "': '" + part +
                    "' is not a trial index (expected e.g. 0:20, 5 or 0:8,20:24)");
    return value;
}

} // namespace

TrialSelection TrialSelection::parse(const std::string &text)
{
    TrialSelection selection;
    selection.m_text = text;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        const auto first = item.find_first_not_of(' ');
        if (first == std::string::npos)
            continue;
        item = item.substr(first, item.find_last_not_of(' ') - first + 1);
        const auto colon = item.find(':');
        if (colon == std::string::npos) {
            const int64_t index = number(item, text);
            selection.m_ranges.push_back({index, index + 1});
            continue;
        }
        const std::string from = item.substr(0, colon), to = item.substr(colon + 1);
        const int64_t begin = from.empty() ? 0 : number(from, text);
        const int64_t end = to.empty() ? -1 : number(to, text);
        if (end != -1 && end <= begin)
            throw Error("--trials '" + text + "': '" + item + "' selects no trial (the end is not after the start)");
        selection.m_ranges.push_back({begin, end});
    }
    if (selection.m_ranges.empty() && !text.empty())
        throw Error("--trials '" + text + "': no range given (expected e.g. 0:20)");
    return selection;
}

bool TrialSelection::contains(int64_t index) const
{
    if (m_ranges.empty())
        return true;
    for (const Range &r : m_ranges)
        if (index >= r.begin && (r.end == -1 || index < r.end))
            return true;
    return false;
}

int64_t TrialSelection::lastExplicit() const
{
    int64_t last = -1;
    for (const Range &r : m_ranges)
        last = std::max(last, r.end == -1 ? r.begin : r.end - 1);
    return last;
}

} // namespace vindex::report
