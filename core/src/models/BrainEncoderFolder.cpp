#include "vindex/models/BrainEncoderFolder.h"

#include "vindex/core/Error.h"

#include <algorithm>
#include <filesystem>

namespace vindex::models {

namespace fs = std::filesystem;

namespace {

constexpr const char *kCheckpointName = "last.pth"; // UMBRAE's train.py: <outdir>/last.pth
constexpr const char *kMethodSize = "224";          // the method's ME encoders: --img_size 224

// "clip_224" → {"clip", "224"}; {"", ""} for any other name.
std::pair<std::string, std::string> towerAndSize(const std::string &name)
{
    const std::size_t underscore = name.rfind('_');
    if (underscore == std::string::npos || underscore == 0 || underscore + 1 == name.size())
        return {};
    const std::string size = name.substr(underscore + 1);
    if (size.find_first_not_of("0123456789") != std::string::npos)
        return {};
    return {name.substr(0, underscore), size};
}

std::string joined(const std::vector<std::string> &names)
{
    std::string text;
    for (const auto &name : names)
        text += (text.empty() ? "" : ", ") + name;
    return text.empty() ? "none" : text;
}

} // namespace

std::vector<std::string> BrainEncoderFolder::towerFolders(const std::string &folder)
{
    std::vector<std::string> names;
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return names;
    for (const auto &entry : fs::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        const auto [tower, size] = towerAndSize(name);
        if ((tower == "clip" || tower == "dino") && entry.is_directory(ec))
            names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

bool BrainEncoderFolder::isEncoderFolder(const std::string &path)
{
    return !towerFolders(path).empty();
}

std::string BrainEncoderFolder::checkpoint(const std::string &folder, const std::string &tower)
{
    const std::vector<std::string> present = towerFolders(folder);
    std::error_code ec;
    const fs::path preferred = fs::path(folder) / (tower + "_" + kMethodSize) / kCheckpointName;
    if (fs::is_regular_file(preferred, ec))
        return preferred.string();
    std::vector<std::string> candidates;
    for (const auto &name : present)
        if (towerAndSize(name).first == tower && fs::is_regular_file(fs::path(folder) / name / kCheckpointName, ec))
            candidates.push_back((fs::path(folder) / name / kCheckpointName).string());
    if (candidates.size() == 1)
        return candidates.front();
    if (candidates.empty())
        throw ModelError(folder + ": no " + tower + " encoder (expected " + tower + "_224/" + kCheckpointName +
                         " as the method's --brainx_path folders hold; found " + joined(present) + ")");
    throw ModelError(folder + ": several " + tower + " encoders (" + joined(candidates) + ") and no " + tower +
                     "_224; give one checkpoint file instead of the folder");
}

} // namespace vindex::models
