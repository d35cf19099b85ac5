#pragma once
// Reads a JSON file (config.json, index files, added tokens, ...) with errors that name the file.
#include <nlohmann/json.hpp>

#include <string>

namespace vindex::io {

// Throws FormatError "<path>: cannot be read: ..." or "<path>: is not valid JSON (...)".
nlohmann::json readJsonFile(const std::string &path);
// The same keeping every object's keys in file order (readJsonFile sorts them).
nlohmann::ordered_json readOrderedJsonFile(const std::string &path);

} // namespace vindex::io
