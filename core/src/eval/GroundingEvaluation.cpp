#include "vindex/eval/GroundingEvaluation.h"

#include "vindex/core/Error.h"
#include "vindex/io/JsonFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace vindex::eval {
namespace {

Box boxOf(const nlohmann::ordered_json &value, const std::string &path, const std::string &where)
{
    if (!value.is_array() || value.size() != 4 ||
        !std::all_of(value.begin(), value.end(), [](const auto &v) { return v.is_number(); }))
        throw FormatError(path, where + "a box is not four numbers (" + value.dump() + ")");
    return {value[0].get<double>(), value[1].get<double>(), value[2].get<double>(), value[3].get<double>()};
}

} // namespace

std::vector<std::vector<DecodedCategory>> GroundingEvaluation::readDecoded(const std::string &path)
{
    std::vector<std::vector<DecodedCategory>> decoded;
    const auto count = data::BrainHubAnnotations::readTestIndexed(
        path, [&](std::size_t index, const std::string &key, const nlohmann::ordered_json &categories) {
            if (decoded.size() <= index)
                decoded.resize(index + 1);
            if (!categories.is_object())
                throw FormatError(path, "\"" + key + "\": expected {category: [[[x0, y0, x1, y1], ...], ...]}");
            for (const auto &[category, answers] : categories.items()) {
                const std::string where = "\"" + key + "\" / \"" + category + "\": ";
                if (!answers.is_array())
                    throw FormatError(path, where + "expected a list of answers, each a list of boxes");
                DecodedCategory entry{category, std::nullopt};
                for (const auto &answer : answers) {
                    if (!answer.is_array())
                        throw FormatError(path, where + "an answer is not a list of boxes (" + answer.dump() + ")");
                    for (const auto &box : answer)
                        (void)boxOf(box, path, where); // every box is checked, only answers[0][0] is scored
                }
                if (!answers.empty() && !answers.front().empty())
                    entry.box = boxOf(answers.front().front(), path, where);
                decoded[index].push_back(std::move(entry));
            }
        });
    decoded.resize(count);
    return decoded;
}

std::vector<CategoryGroup> GroundingEvaluation::readGroups(const std::string &path)
{
    const nlohmann::ordered_json document = io::readOrderedJsonFile(path);
    if (!document.is_object())
        throw FormatError(path, "expected {group: [category, ...], ...}");
    std::vector<CategoryGroup> groups;
    for (const auto &[name, categories] : document.items()) {
        if (!categories.is_array() ||
            !std::all_of(categories.begin(), categories.end(), [](const auto &c) { return c.is_string(); }))
            throw FormatError(path, "\"" + name + "\": expected a list of category names");
        groups.push_back({name, categories.get<std::vector<std::string>>()});
    }
    return groups;
}

double GroundingEvaluation::iou(const Box &a, const Box &b)
{
    // torch.tensor() makes float32 boxes; every step below rounds to float32 as the tensor ops do.
    float p[4], g[4];
    for (int i = 0; i < 4; ++i) {
        p[i] = static_cast<float>(a[i]) * 1000.0f;
        g[i] = static_cast<float>(b[i]) * 1000.0f;
    }
    const float areaP = (p[2] - p[0]) * (p[3] - p[1]);
    const float areaG = (g[2] - g[0]) * (g[3] - g[1]);
    const float w = std::max(0.0f, std::min(p[2], g[2]) - std::max(p[0], g[0]));
    const float h = std::max(0.0f, std::min(p[3], g[3]) - std::max(p[1], g[1]));
    const float inter = w * h;
    const float unionArea = areaP + areaG - inter;
    if (unionArea == 0.0f)
        return 0.0;
    return static_cast<double>(inter / unionArea);
}

GroundingResult GroundingEvaluation::evaluate(const std::vector<std::vector<data::CategoryBoxes>> &truth,
                                              const std::vector<std::vector<DecodedCategory>> &decoded,
                                              const std::vector<CategoryGroup> &groups, double threshold,
                                              const JobControl &job)
{
    if (truth.size() != decoded.size()) {
        const std::size_t first = std::min(truth.size(), decoded.size());
        throw DataError("the ground truth has " + std::to_string(truth.size()) + " test images but the decoded boxes " +
                        std::to_string(decoded.size()) + ": test index " + std::to_string(first) + " is only in the " +
                        (truth.size() > decoded.size() ? "ground truth" : "decoded boxes"));
    }
    GroundingResult result;
    for (std::size_t i = 0; i < truth.size(); ++i) {
        if (i % 256 == 0)
            job.report("grounding", static_cast<int64_t>(i), static_cast<int64_t>(truth.size()));
        std::map<std::string, const DecodedCategory *> byName;
        for (const DecodedCategory &entry : decoded[i])
            byName.emplace(entry.category, &entry);
        std::set<std::string> truthNames;
        for (const data::CategoryBoxes &category : truth[i]) {
            truthNames.insert(category.category);
            if (category.boxes.empty())
                continue; // no target to score (the reference's target_failed; BrainHub has none)
            GroundingPair pair;
            pair.index = static_cast<int64_t>(i);
            pair.category = category.category;
            pair.truth = category.boxes.front();
            const auto it = byName.find(category.category);
            if (it != byName.end())
                pair.decoded = it->second->box;
            pair.iou = iou(pair.decoded.value_or(Box{0, 0, 0, 0}), pair.truth);
            result.pairs.push_back(std::move(pair));
        }
        std::set<std::string> decodedNames;
        for (const auto &entry : byName)
            decodedNames.insert(entry.first);
        if (decodedNames != truthNames)
            result.keyMismatchImages.push_back(static_cast<int64_t>(i));
    }

    for (const CategoryGroup &group : groups) {
        job.checkCancelled();
        const std::set<std::string> members(group.categories.begin(), group.categories.end());
        GroundingGroupScore score;
        score.group = group.name;
        double iouSum = 0;
        int64_t correct = 0;
        for (const GroundingPair &pair : result.pairs) {
            if (members.count(pair.category) == 0)
                continue;
            ++score.targets;
            if (!pair.decoded)
                ++score.failed;
            iouSum += pair.iou;
            if (pair.iou > threshold)
                ++correct;
        }
        if (score.targets > 0) {
            score.accuracy = static_cast<double>(correct) / static_cast<double>(score.targets);
            score.iou = iouSum / static_cast<double>(score.targets);
        }
        result.groups.push_back(score);
    }
    return result;
}

} // namespace vindex::eval
