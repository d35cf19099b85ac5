#include "vindex/data/BrainHubAnnotations.h"

#include "vindex/core/Error.h"
#include "vindex/io/JsonFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <filesystem>

namespace vindex::data {
namespace {

using Json = nlohmann::ordered_json;

template <typename Entry, typename Parse> std::vector<Entry> readIndexed(const std::string &path, Parse parse)
{
    std::vector<Entry> entries;
    const std::size_t count =
        BrainHubAnnotations::readTestIndexed(path, [&](std::size_t index, const std::string &key, const Json &value) {
            if (entries.size() <= index)
                entries.resize(index + 1);
            entries[index] = parse(key, value);
        });
    entries.resize(count);
    return entries;
}

} // namespace

std::size_t BrainHubAnnotations::readTestIndexed(
    const std::string &path,
    const std::function<void(std::size_t index, const std::string &key, const Json &value)> &visit)
{
    // In file order: the categories of an image are asked in the order BrainHub lists them.
    const Json document = io::readOrderedJsonFile(path);
    if (!document.is_object())
        throw FormatError(path, "expected an object keyed by test index \"0\"..\"N-1\"");
    std::vector<bool> seen(document.size(), false);
    for (const auto &[key, value] : document.items()) {
        std::size_t index = 0;
        const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), index);
        if (ec != std::errc() || end != key.data() + key.size() || index >= seen.size() || seen[index])
            throw FormatError(path, "key \"" + key + "\" is not a test index in 0.." + std::to_string(seen.size() - 1) +
                                        " (each once)");
        seen[index] = true;
        visit(index, key, value);
    }
    return seen.size();
}

std::vector<std::vector<std::string>> BrainHubAnnotations::readCaptions(const std::string &path)
{
    return readIndexed<std::vector<std::string>>(path, [&](const std::string &key, const Json &value) {
        if (!value.is_array())
            throw FormatError(path, "\"" + key + "\": expected a list of captions");
        std::vector<std::string> captions;
        for (const auto &caption : value) {
            if (!caption.is_string())
                throw FormatError(path, "\"" + key + "\": a caption is not a string (" + caption.dump() + ")");
            captions.push_back(caption.get<std::string>());
        }
        return captions;
    });
}

std::vector<std::vector<CategoryBoxes>> BrainHubAnnotations::readBoxes(const std::string &path)
{
    return readIndexed<std::vector<CategoryBoxes>>(path, [&](const std::string &key, const Json &value) {
        if (!value.is_object())
            throw FormatError(path, "\"" + key + "\": expected {category: [[x0, y0, x1, y1], ...]}");
        std::vector<CategoryBoxes> categories;
        for (const auto &[category, boxes] : value.items()) {
            const std::string where = "\"" + key + "\" / \"" + category + "\": ";
            if (!boxes.is_array())
                throw FormatError(path, where + "expected a list of boxes");
            CategoryBoxes entry{category, {}};
            for (const auto &box : boxes) {
                if (!box.is_array() || box.size() != 4 ||
                    !std::all_of(box.begin(), box.end(), [](const Json &v) { return v.is_number(); }))
                    throw FormatError(path, where + "a box is not four numbers (" + box.dump() + ")");
                entry.boxes.push_back(
                    {box[0].get<double>(), box[1].get<double>(), box[2].get<double>(), box[3].get<double>()});
            }
            categories.push_back(std::move(entry));
        }
        return categories;
    });
}

BrainHubAnnotations BrainHubAnnotations::open(const std::string &directory)
{
    namespace fs = std::filesystem;
    BrainHubAnnotations annotations;
    annotations.m_directory = directory;
    const fs::path captions = fs::path(directory) / kCaptionsFile;
    const fs::path boxes = fs::path(directory) / kBoxesFile;
    std::error_code ec;
    if (fs::is_regular_file(captions, ec))
        annotations.m_captions = readCaptions(captions.string());
    if (fs::is_regular_file(boxes, ec))
        annotations.m_boxes = readBoxes(boxes.string());
    if (!annotations.hasCaptions() && !annotations.hasBoxes())
        throw DataError(directory + ": not a BrainHub folder (expected " + kCaptionsFile + " or " + kBoxesFile + ")");
    return annotations;
}

int64_t BrainHubAnnotations::size() const
{
    return static_cast<int64_t>(std::max(m_captions.size(), m_boxes.size()));
}

namespace {
template <typename Entries> const auto &entryAt(const Entries &entries, int64_t index, const std::string &file)
{
    if (index < 0 || index >= static_cast<int64_t>(entries.size()))
        throw DataError(file + ": no test index " + std::to_string(index) + " (it has 0.." +
                        std::to_string(static_cast<int64_t>(entries.size()) - 1) + ")");
    return entries[static_cast<std::size_t>(index)];
}
} // namespace

const std::vector<std::string> &BrainHubAnnotations::captions(int64_t testIndex) const
{
    return entryAt(m_captions, testIndex, (std::filesystem::path(m_directory) / kCaptionsFile).string());
}

const std::vector<CategoryBoxes> &BrainHubAnnotations::boxes(int64_t testIndex) const
{
    return entryAt(m_boxes, testIndex, (std::filesystem::path(m_directory) / kBoxesFile).string());
}

} // namespace vindex::data
