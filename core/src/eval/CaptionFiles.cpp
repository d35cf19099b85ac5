#include "vindex/eval/CaptionFiles.h"

#include "vindex/core/Error.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

namespace vindex::eval {

namespace {

std::string readText(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw FormatError(path, std::string("cannot be read: ") + std::strerror(errno));
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string typeName(const nlohmann::ordered_json &value)
{
    if (value.is_number())
        return "a number";
    if (value.is_null())
        return "null";
    if (value.is_boolean())
        return "a boolean";
    if (value.is_array())
        return "a list";
    if (value.is_object())
        return "an object";
    return "a string";
}

// Parses JSON, refusing keys that occur twice in the top-level object.
nlohmann::ordered_json parseStrict(const std::string &text, const std::string &path)
{
    std::string duplicate;
    std::set<std::string> topKeys;
    const nlohmann::ordered_json::parser_callback_t check = [&](int depth, nlohmann::ordered_json::parse_event_t event,
                                                                nlohmann::ordered_json &parsed) {
        if (event == nlohmann::ordered_json::parse_event_t::key && depth == 1 && duplicate.empty() &&
            !topKeys.insert(parsed.get<std::string>()).second)
            duplicate = parsed.get<std::string>();
        return true;
    };
    nlohmann::ordered_json document;
    try {
        document = nlohmann::ordered_json::parse(text, check);
    } catch (const nlohmann::json::exception &e) {
        throw FormatError(path, std::string("is not valid JSON (") + e.what() + ")");
    }
    if (!duplicate.empty())
        throw FormatError(path, "id '" + duplicate + "' occurs twice (only one caption set per id is allowed)");
    return document;
}

std::string idText(const nlohmann::ordered_json &id)
{
    if (id.is_string())
        return id.get<std::string>();
    if (id.is_number_integer())
        return std::to_string(id.get<int64_t>());
    return {};
}

} // namespace

CandidateCaptions CaptionFiles::parseCandidates(const std::string &jsonText, const std::string &path)
{
    const auto document = parseStrict(jsonText, path);
    CandidateCaptions result;
    result.path = path;
    if (document.is_object()) {
        for (const auto &[id, caption] : document.items()) {
            if (!caption.is_string())
                throw FormatError(path, "the caption of id '" + id + "' is " + typeName(caption) +
                                            ", expected a string ({\"id\": \"caption\", ...})");
            result.ids.push_back(id);
            result.captions.push_back(caption.get<std::string>());
        }
    } else if (document.is_array()) {
        std::set<std::string> seen;
        for (std::size_t i = 0; i < document.size(); ++i) {
            const auto &entry = document[i];
            const std::string where = "entry " + std::to_string(i);
            if (!entry.is_object() || !entry.contains("image_id") || !entry.contains("caption"))
                throw FormatError(path, where + " is not an object with \"image_id\" and \"caption\"");
            const std::string id = idText(entry["image_id"]);
            if (id.empty())
                throw FormatError(path, where + ": image_id is " + typeName(entry["image_id"]) +
                                            ", expected a string or an integer");
            if (!entry["caption"].is_string())
                throw FormatError(path, "the caption of id '" + id + "' is " + typeName(entry["caption"]) +
                                            ", expected a string");
            if (!seen.insert(id).second)
                throw FormatError(path, "id '" + id + "' occurs twice (only one candidate per id is allowed)");
            result.ids.push_back(id);
            result.captions.push_back(entry["caption"].get<std::string>());
        }
    } else {
        throw FormatError(path,
                          "expected {\"id\": \"caption\", ...} or [{\"image_id\": ..., \"caption\": ...}], found " +
                              typeName(document));
    }
    if (result.ids.empty())
        throw FormatError(path, "holds no captions");
    return result;
}

ReferenceCaptions CaptionFiles::parseReferences(const std::string &jsonText, const std::string &path)
{
    const auto document = parseStrict(jsonText, path);
    if (!document.is_object())
        throw FormatError(path, "expected {\"id\": [\"caption\", ...], ...}, found " + typeName(document));
    ReferenceCaptions result;
    result.path = path;
    for (const auto &[id, value] : document.items()) {
        std::vector<std::string> captions;
        if (value.is_string()) {
            captions.push_back(value.get<std::string>());
        } else if (value.is_array()) {
            for (std::size_t i = 0; i < value.size(); ++i) {
                if (!value[i].is_string())
                    throw FormatError(path, "reference " + std::to_string(i) + " of id '" + id + "' is " +
                                                typeName(value[i]) + ", expected a string");
                captions.push_back(value[i].get<std::string>());
            }
            if (captions.empty())
                throw FormatError(path, "id '" + id + "' has an empty reference list");
        } else {
            throw FormatError(path, "the references of id '" + id + "' are " + typeName(value) +
                                        ", expected a list of strings");
        }
        result.ids.push_back(id);
        result.captions.push_back(std::move(captions));
    }
    if (result.ids.empty())
        throw FormatError(path, "holds no references");
    return result;
}

CandidateCaptions CaptionFiles::readCandidates(const std::string &path)
{
    return parseCandidates(readText(path), path);
}

ReferenceCaptions CaptionFiles::readReferences(const std::string &path)
{
    return parseReferences(readText(path), path);
}

} // namespace vindex::eval
