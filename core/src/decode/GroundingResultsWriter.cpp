#include "vindex/decode/GroundingResultsWriter.h"

#include "vindex/core/Error.h"
#include "vindex/io/AtomicFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <system_error>

namespace vindex::decode {
namespace {

// Plain non-negative decimal: "7", not "07", "+7" or " 7" (they would name the same index twice).
bool parseIndex(const std::string &key, int64_t &index)
{
    if (key.empty() || (key.size() > 1 && key[0] == '0'))
        return false;
    const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), index);
    return ec == std::errc() && end == key.data() + key.size() && index >= 0;
}

} // namespace

GroundingResultsWriter::GroundingResultsWriter(std::string path) : m_path(std::move(path)) {}

bool GroundingResultsWriter::load()
{
    std::ifstream in(m_path, std::ios::binary);
    if (!in)
        return false;
    nlohmann::ordered_json document;
    try {
        document = nlohmann::ordered_json::parse(in);
    } catch (const nlohmann::json::exception &e) {
        throw FormatError(m_path, std::string("is not valid JSON (") + e.what() + ")");
    }
    if (!document.is_object())
        throw FormatError(m_path, "expected an object keyed by test index {\"0\": {category: [[[x0, y0, x1, y1]]]}}");
    // Parse everything first so that a bad file leaves the entries as they were.
    std::map<int64_t, Entry> entries;
    for (const auto &[key, categories] : document.items()) {
        int64_t index = 0;
        if (!parseIndex(key, index) || entries.count(index) != 0)
            throw FormatError(m_path, "key \"" + key + "\" is not a test index (a non-negative integer, once)");
        if (!categories.is_object())
            throw FormatError(m_path, "\"" + key + "\": expected {category: [[[x0, y0, x1, y1], ...], ...]}");
        Entry &entry = entries[index];
        for (const auto &[category, answers] : categories.items()) {
            const std::string where = "\"" + key + "\" / \"" + category + "\": ";
            if (!answers.is_array())
                throw FormatError(m_path, where + "expected a list of answers, each a list of boxes");
            Answers parsed;
            for (const auto &answer : answers) {
                if (!answer.is_array())
                    throw FormatError(m_path, where + "an answer is not a list of boxes (" + answer.dump() + ")");
                std::vector<Box> boxes;
                for (const auto &box : answer) {
                    if (!box.is_array() || box.size() != 4 ||
                        !std::all_of(box.begin(), box.end(), [](const auto &v) { return v.is_number(); }))
                        throw FormatError(m_path, where + "a box is not four numbers (" + box.dump() + ")");
                    boxes.push_back(
                        {box[0].get<double>(), box[1].get<double>(), box[2].get<double>(), box[3].get<double>()});
                }
                parsed.push_back(std::move(boxes));
            }
            entry.emplace_back(category, std::move(parsed));
        }
    }
    m_entries = std::move(entries);
    return true;
}

void GroundingResultsWriter::set(int64_t testIndex, const std::string &category, Answers answers)
{
    if (testIndex < 0)
        throw Error(m_path + ": test index " + std::to_string(testIndex) + " is negative");
    if (category.empty())
        throw Error(m_path + ": test index " + std::to_string(testIndex) + ": empty category name");
    Entry &entry = m_entries[testIndex];
    const auto it = std::find_if(entry.begin(), entry.end(), [&](const auto &e) { return e.first == category; });
    if (it != entry.end())
        it->second = std::move(answers);
    else
        entry.emplace_back(category, std::move(answers));
}

void GroundingResultsWriter::addIndex(int64_t testIndex)
{
    if (testIndex < 0)
        throw Error(m_path + ": test index " + std::to_string(testIndex) + " is negative");
    m_entries[testIndex];
}

bool GroundingResultsWriter::has(int64_t testIndex, const std::string &category) const
{
    return answers(testIndex, category) != nullptr;
}

const GroundingResultsWriter::Answers *GroundingResultsWriter::answers(int64_t testIndex,
                                                                       const std::string &category) const
{
    const auto entry = m_entries.find(testIndex);
    if (entry == m_entries.end())
        return nullptr;
    for (const auto &[name, answers] : entry->second)
        if (name == category)
            return &answers;
    return nullptr;
}

std::vector<int64_t> GroundingResultsWriter::indices() const
{
    std::vector<int64_t> result;
    result.reserve(m_entries.size());
    for (const auto &entry : m_entries)
        result.push_back(entry.first);
    return result;
}

std::vector<std::string> GroundingResultsWriter::categories(int64_t testIndex) const
{
    std::vector<std::string> result;
    const auto entry = m_entries.find(testIndex);
    if (entry != m_entries.end())
        for (const auto &category : entry->second)
            result.push_back(category.first);
    return result;
}

std::size_t GroundingResultsWriter::pairCount() const
{
    std::size_t count = 0;
    for (const auto &entry : m_entries)
        count += entry.second.size();
    return count;
}

std::string GroundingResultsWriter::toJson() const
{
    // ordered_json keeps numeric key order and category order; dump(4) lays it out as json.dump(indent=4), and
    // doubles come out in their shortest round-trip form as Python's repr writes them ("0.034", "1.0").
    nlohmann::ordered_json document = nlohmann::ordered_json::object();
    for (const auto &[index, entry] : m_entries) {
        nlohmann::ordered_json categories = nlohmann::ordered_json::object();
        for (const auto &[category, answers] : entry) {
            nlohmann::ordered_json list = nlohmann::ordered_json::array();
            for (const auto &answer : answers) {
                nlohmann::ordered_json boxes = nlohmann::ordered_json::array();
                for (const Box &box : answer)
                    boxes.push_back({box[0], box[1], box[2], box[3]});
                list.push_back(std::move(boxes));
            }
            categories[category] = std::move(list);
        }
        document[std::to_string(index)] = std::move(categories);
    }
    // ensure_ascii like Python's default, so non-ASCII category names are written as \uXXXX too.
    return document.dump(4, ' ', true);
}

void GroundingResultsWriter::save() const
{
    io::AtomicFile file(m_path);
    file.write(toJson());
    file.commit();
}

} // namespace vindex::decode
