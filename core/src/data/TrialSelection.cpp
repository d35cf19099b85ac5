#include "vindex/data/TrialSelection.h"

#include "vindex/core/Error.h"

namespace vindex::data {

std::vector<int64_t> parseTrialSelection(const std::string &text, int64_t count)
{
    std::vector<int64_t> indices;
    if (text.empty()) {
        for (int64_t i = 0; i < count; ++i)
            indices.push_back(i);
        return indices;
    }
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = text.find(',', start);
        const std::string part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        const auto number = [&](const std::string &s) -> int64_t {
            std::size_t used = 0;
            int64_t value = -1;
            try {
                value = std::stoll(s, &used);
            } catch (const std::exception &) {
                used = 0;
            }
            if (s.empty() || used != s.size() || value < 0)
                throw Error("trials '" + text + "': '" + part + "' is not an index or a range a:b");
            return value;
        };
        const std::size_t colon = part.find(':');
        const int64_t first = number(colon == std::string::npos ? part : part.substr(0, colon));
        const int64_t end = colon == std::string::npos ? first + 1 : number(part.substr(colon + 1));
        if (end <= first || end > count)
            throw Error("trials '" + text + "': '" + part + "' is outside the " + std::to_string(count) +
                        " trials available (0:" + std::to_string(count) + ")");
        for (int64_t i = first; i < end; ++i)
            indices.push_back(i);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return indices;
}

} // namespace vindex::data
