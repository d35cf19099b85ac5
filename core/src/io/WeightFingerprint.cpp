#include "vindex/io/WeightFingerprint.h"

#include "vindex/core/Log.h"
#include "vindex/io/AtomicFile.h"
#include "vindex/io/Sha256.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>

namespace vindex::io {
namespace {

namespace fs = std::filesystem;

fs::path cacheFile()
{
    if (const char *dir = std::getenv("VINDEX_CACHE_DIR"); dir && *dir)
        return fs::path(dir) / "sha256.json";
    if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return fs::path(xdg) / "vindex" / "sha256.json";
    if (const char *home = std::getenv("HOME"); home && *home)
        return fs::path(home) / ".cache" / "vindex" / "sha256.json";
    return {};
}

std::mutex cacheMutex;

bool isWeightFile(const fs::path &path)
{
    const std::string ext = path.extension().string();
    return ext == ".safetensors" || ext == ".bin" || ext == ".pth" || ext == ".pt" || ext == ".model" || ext == ".json";
}

nlohmann::ordered_json fileEntry(const fs::path &path)
{
    return {{"name", path.filename().string()},
            {"bytes", fs::file_size(path)},
            {"sha256", WeightFingerprint::sha256(path.string())}};
}

} // namespace

std::string WeightFingerprint::sha256(const std::string &path)
{
    std::error_code ec;
    const fs::path absolute = fs::weakly_canonical(fs::absolute(path), ec);
    const auto size = fs::file_size(absolute, ec);
    const auto mtime = fs::last_write_time(absolute, ec).time_since_epoch().count();
    const std::string stamp = std::to_string(size) + ":" + std::to_string(mtime);
    const fs::path cachePath = cacheFile();

    std::lock_guard<std::mutex> lock(cacheMutex);
    nlohmann::json cache = nlohmann::json::object();
    if (!cachePath.empty()) {
        std::ifstream in(cachePath);
        cache = nlohmann::json::parse(in, nullptr, false);
        if (!cache.is_object())
            cache = nlohmann::json::object(); // unreadable cache: rebuilt, never trusted
    }
    const std::string key = absolute.string();
    if (cache.contains(key) && cache[key].value("stamp", "") == stamp && cache[key].contains("sha256"))
        return cache[key]["sha256"].get<std::string>();

    const std::string digest = io::Sha256::ofFile(absolute.string());
    if (!cachePath.empty()) {
        try {
            fs::create_directories(cachePath.parent_path());
            cache[key] = {{"stamp", stamp}, {"sha256", digest}};
            io::AtomicFile out(cachePath.string());
            out.write(cache.dump(1));
            out.commit();
        } catch (const std::exception &e) {
            logWarning("SHA-256 cache " + cachePath.string() + " not written: " + e.what());
        }
    }
    return digest;
}

nlohmann::ordered_json WeightFingerprint::describeFolder(const std::string &folder, const std::string &role)
{
    std::vector<fs::path> files;
    for (const auto &entry : fs::directory_iterator(folder))
        if (entry.is_regular_file() && isWeightFile(entry.path()))
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const fs::path &file : files)
        list.push_back(fileEntry(file));
    std::error_code ec;
    return {{"role", role}, {"path", fs::weakly_canonical(fs::absolute(folder), ec).string()}, {"files", list}};
}

nlohmann::ordered_json WeightFingerprint::describeFile(const std::string &path, const std::string &role)
{
    std::error_code ec;
    return {{"role", role},
            {"path", fs::weakly_canonical(fs::absolute(path), ec).string()},
            {"files", nlohmann::ordered_json::array({fileEntry(path)})}};
}

} // namespace vindex::io
