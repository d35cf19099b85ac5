#include "vindex/eval/SceneGraph.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

namespace vindex::eval {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Python's str.strip(chars): every leading and trailing character that is in `chars`.
std::string_view strip(std::string_view text, std::string_view chars)
{
    const auto isIn = [&](char c) { return chars.empty() ? isSpace(c) : chars.find(c) != std::string_view::npos; };
    while (!text.empty() && isIn(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isIn(text.back()))
        text.remove_suffix(1);
    return text;
}

std::string_view stripSpaces(std::string_view text)
{
    return strip(text, {});
}

// Python's str.split(separator).
std::vector<std::string_view> split(std::string_view text, std::string_view separator)
{
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t found = text.find(separator, start);
        if (found == std::string_view::npos) {
            parts.push_back(text.substr(start));
            return parts;
        }
        parts.push_back(text.substr(start, found - start));
        start = found + separator.size();
    }
}

bool isDigits(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string spaceOutSymbols(const std::string &graph)
{
    std::string spaced;
    for (const char c : graph) {
        if (c == '(' || c == ')' || c == ',') {
            spaced += ' ';
            spaced += c;
            spaced += ' ';
        } else {
            spaced += c;
        }
    }
    // ' '.join(word.strip() for word in spaced.split())
    std::string joined;
    std::size_t i = 0;
    while (i < spaced.size()) {
        while (i < spaced.size() && isSpace(spaced[i]))
            ++i;
        const std::size_t start = i;
        while (i < spaced.size() && !isSpace(spaced[i]))
            ++i;
        if (i > start) {
            if (!joined.empty())
                joined += ' ';
            joined.append(spaced, start, i - start);
        }
    }
    return joined;
}

std::string cleanGraphString(const std::string &graph)
{
    std::vector<std::string_view> facts = split(stripSpaces(graph), ") ,");
    const bool truncated = graph.empty() || graph.back() != ')';
    if (truncated && facts.size() > 1)
        facts.pop_back();
    else if (truncated && facts.size() == 1)
        facts = {split(facts[0], ",")[0]};
    std::set<std::string> unique;
    for (const auto fact : facts) {
        const auto cleaned = stripSpaces(strip(stripSpaces(fact), "()"));
        if (!cleaned.empty())
            unique.emplace(cleaned);
    }
    std::string joined;
    for (const auto &fact : unique) // std::set of UTF-8 strings sorts as Python sorts code points
        joined += (joined.empty() ? "( " : " , ( ") + fact + " )";
    return joined;
}

} // namespace

std::string SceneGraph::formatParserText(const std::string &text)
{
    std::string decoded = text;
    static const std::string kPrompt = "Generate Scene Graph:";
    for (std::size_t at = decoded.find(kPrompt); at != std::string::npos; at = decoded.find(kPrompt, at))
        decoded.erase(at, kPrompt.size());
    return cleanGraphString(spaceOutSymbols(std::string(stripSpaces(decoded))));
}

SceneGraph SceneGraph::fromParserText(const std::string &text)
{
    const std::string formatted = formatParserText(text);
    SceneGraph graph;
    std::map<std::string, std::size_t, std::less<>> indexOf;
    const auto entity = [&](std::string_view name) {
        const auto found = indexOf.find(name);
        if (found != indexOf.end())
            return found->second;
        graph.entities.push_back({std::string(name), {}, {}});
        indexOf.emplace(std::string(name), graph.entities.size() - 1);
        return graph.entities.size() - 1;
    };
    const auto facts = split(stripSpaces(formatted), ") ,");
    for (const auto fact : facts) {
        std::vector<std::string_view> parts = split(strip(stripSpaces(fact), "()"), ",");
        for (auto &part : parts)
            part = stripSpaces(part);
        if (parts.size() != 3) {
            if (facts.size() == 1)
                entity(parts[0]);
            continue;
        }
        const std::size_t subject = entity(parts[0]);
        if (parts[1] == "is") {
            auto &head = graph.entities[subject];
            if (isDigits(parts[2]))
                head.quantity = std::string(parts[2]);
            else if (std::find(head.attributes.begin(), head.attributes.end(), parts[2]) == head.attributes.end())
                head.attributes.emplace_back(parts[2]);
        } else {
            const std::size_t object = entity(parts[2]);
            graph.relations.push_back({subject, object, std::string(parts[1])});
        }
    }
    return graph;
}

} // namespace vindex::eval
