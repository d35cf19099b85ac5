#include "vindex/io/JsonFile.h"

#include "vindex/core/Error.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace vindex::io {
namespace {

template <typename Json> Json readFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw FormatError(path, std::string("cannot be read: ") + std::strerror(errno));
    std::stringstream text;
    text << in.rdbuf();
    try {
        return Json::parse(text.str());
    } catch (const nlohmann::json::exception &e) {
        throw FormatError(path, std::string("is not valid JSON (") + e.what() + ")");
    }
}

} // namespace

nlohmann::json readJsonFile(const std::string &path)
{
    return readFile<nlohmann::json>(path);
}

nlohmann::ordered_json readOrderedJsonFile(const std::string &path)
{
    return readFile<nlohmann::ordered_json>(path);
}

} // namespace vindex::io
