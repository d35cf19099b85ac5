#include "vindex/eval/SalientQuestions.h"

#include "vindex/core/Error.h"
#include "vindex/core/SplitMix64.h"
#include "vindex/io/AtomicFile.h"
#include "vindex/io/JsonFile.h"
#include "vindex/io/Sha256.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

namespace vindex::eval {
namespace {

constexpr const char *kConstruction =
    "vindex's construction (the paper's questions were not published): per test image and category present (at "
    "most per_image, salient first, then larger box area), the category and option_count-1 categories absent from "
    "the image, drawn with SplitMix64 from the absent categories of its finest salience group (else of all groups), "
    "in a uniformly drawn order";

constexpr uint64_t kGolden = 0x9E3779B97F4A7C15ULL;

double totalArea(const data::CategoryBoxes &entry)
{
    double area = 0;
    for (const auto &b : entry.boxes)
        area += std::max(0.0, b[2] - b[0]) * std::max(0.0, b[3] - b[1]);
    return area;
}

bool contains(const std::vector<std::string> &list, const std::string &value)
{
    return std::find(list.begin(), list.end(), value) != list.end();
}

} // namespace

std::string SalientQuestions::prompt(const std::string &question, const std::vector<std::string> &options)
{
    std::string text = question;
    for (std::size_t i = 0; i < options.size(); ++i)
        text += "\n" + std::string(1, static_cast<char>('A' + i % 26)) + ". " + options[i];
    return text + "\nAnswer with the object's name.";
}

SalientQuestionSet SalientQuestions::make(const std::vector<std::vector<data::CategoryBoxes>> &truth,
                                          const std::vector<CategoryGroup> &groups,
                                          const SalientQuestionOptions &options)
{
    if (options.optionCount < 2)
        throw DataError("salient questions need at least 2 options, got " + std::to_string(options.optionCount));
    if (options.perImage < 0)
        throw DataError("salient questions: per-image count must be 0 (all) or positive, got " +
                        std::to_string(options.perImage));
    SalientQuestionSet set;
    set.options = options;

    // The vocabulary distractors come from: every category of the groups (BrainHub: coco_cats), first-seen order;
    // without groups, every category the truth names.
    std::vector<std::string> vocabulary;
    for (const auto &g : groups)
        for (const auto &c : g.categories)
            if (!contains(vocabulary, c))
                vocabulary.push_back(c);
    if (groups.empty()) {
        for (const auto &image : truth)
            for (const auto &entry : image)
                if (!contains(vocabulary, entry.category))
                    vocabulary.push_back(entry.category);
        set.groups = {SalientQuestionSet::kAllGroup};
    } else {
        for (const auto &g : groups)
            set.groups.push_back(g.name);
    }
    const auto groupsOf = [&](const std::string &category) {
        std::vector<const CategoryGroup *> of;
        for (const auto &g : groups)
            if (contains(g.categories, category))
                of.push_back(&g);
        return of;
    };
    const bool hasSalient =
        std::any_of(groups.begin(), groups.end(), [](const auto &g) { return g.name == "salient"; });
    const auto isSalient = [&](const std::string &category) {
        for (const auto &g : groups)
            if (g.name == "salient")
                return contains(g.categories, category);
        return false;
    };
    const std::size_t distractors = static_cast<std::size_t>(options.optionCount - 1);

    for (std::size_t image = 0; image < truth.size(); ++image) {
        SplitMix64 random(SplitMix64(options.seed ^ (static_cast<uint64_t>(image) * kGolden)).next());
        std::vector<std::string> present;
        for (const auto &entry : truth[image])
            present.push_back(entry.category);

        // Which categories are asked: all, or the first perImage by salience, area, file order.
        std::vector<std::size_t> order(truth[image].size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        if (options.perImage > 0 && static_cast<int64_t>(order.size()) > options.perImage) {
            std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
                const auto &ea = truth[image][a], &eb = truth[image][b];
                if (hasSalient && isSalient(ea.category) != isSalient(eb.category))
                    return isSalient(ea.category);
                return totalArea(ea) > totalArea(eb);
            });
            order.resize(static_cast<std::size_t>(options.perImage));
            std::sort(order.begin(), order.end()); // asked in file order
        }

        int64_t number = 0;
        for (std::size_t k : order) {
            const std::string &category = truth[image][k].category;
            SalientQuestion q;
            q.id = std::to_string(image) + "-" + std::to_string(number++);
            q.image = static_cast<int64_t>(image);
            q.category = category;
            const auto of = groupsOf(category);
            for (const auto *g : of)
                q.groups.push_back(g->name);
            const CategoryGroup *finest = nullptr;
            for (const auto *g : of)
                if (!finest || g->categories.size() < finest->categories.size())
                    finest = g;
            q.group = groups.empty() ? SalientQuestionSet::kAllGroup : (finest ? finest->name : "");
            if (groups.empty())
                q.groups = {SalientQuestionSet::kAllGroup};

            // Absent categories of the finest group, else of the vocabulary, in their list order.
            std::vector<std::string> pool;
            if (finest)
                for (const auto &c : finest->categories)
                    if (!contains(present, c) && !contains(pool, c))
                        pool.push_back(c);
            if (pool.size() < distractors) {
                pool.clear();
                for (const auto &c : vocabulary)
                    if (!contains(present, c))
                        pool.push_back(c);
            }
            if (pool.size() < distractors)
                throw DataError("salient questions: test image " + std::to_string(image) + " leaves only " +
                                std::to_string(pool.size()) + " absent categories for " + std::to_string(distractors) +
                                " distractors");
            // Partial Fisher-Yates: the first `distractors` entries are a uniform draw without replacement.
            for (std::size_t i = 0; i < distractors; ++i) {
                const std::size_t j = i + static_cast<std::size_t>(random.below(pool.size() - i));
                std::swap(pool[i], pool[j]);
            }
            q.answer = static_cast<int64_t>(random.below(static_cast<uint64_t>(options.optionCount)));
            for (std::size_t i = 0, d = 0; i < static_cast<std::size_t>(options.optionCount); ++i)
                q.options.push_back(static_cast<int64_t>(i) == q.answer ? category : pool[d++]);
            q.question = kQuestion;
            q.prompt = prompt(q.question, q.options);
            set.questions.push_back(std::move(q));
        }
    }
    return set;
}

SalientQuestionSet SalientQuestions::make(const std::string &truthPath, const std::string &labelsPath,
                                          const SalientQuestionOptions &options)
{
    const auto truth = data::BrainHubAnnotations::readBoxes(truthPath);
    const auto groups = labelsPath.empty() ? std::vector<CategoryGroup>{} : GroundingEvaluation::readGroups(labelsPath);
    SalientQuestionSet set = make(truth, groups, options);
    set.truthFile = truthPath;
    set.truthSha256 = io::Sha256::ofFile(truthPath);
    if (!labelsPath.empty()) {
        set.labelsFile = labelsPath;
        set.labelsSha256 = io::Sha256::ofFile(labelsPath);
    }
    return set;
}

std::string SalientQuestions::toJson(const SalientQuestionSet &set)
{
    nlohmann::ordered_json document;
    document["format"] = SalientQuestionSet::kFormat;
    document["construction"] = kConstruction;
    document["seed"] = set.options.seed;
    document["per_image"] = set.options.perImage;
    document["option_count"] = set.options.optionCount;
    document["truth"] = {{"file", set.truthFile}, {"sha256", set.truthSha256}};
    document["labels"] = set.labelsFile.empty()
                             ? nlohmann::ordered_json(nullptr)
                             : nlohmann::ordered_json{{"file", set.labelsFile}, {"sha256", set.labelsSha256}};
    document["groups"] = set.groups;
    nlohmann::ordered_json questions = nlohmann::ordered_json::array();
    for (const auto &q : set.questions)
        questions.push_back({{"id", q.id},
                             {"image", q.image},
                             {"category", q.category},
                             {"group", q.group},
                             {"groups", q.groups},
                             {"question", q.question},
                             {"prompt", q.prompt},
                             {"options", q.options},
                             {"answer", q.answer}});
    document["questions"] = std::move(questions);
    return document.dump(1) + "\n";
}

void SalientQuestions::write(const SalientQuestionSet &set, const std::string &path)
{
    io::AtomicFile file(path);
    file.write(toJson(set));
    file.commit();
}

SalientQuestionSet SalientQuestions::read(const std::string &path)
{
    const nlohmann::ordered_json document = io::readOrderedJsonFile(path);
    if (!document.is_object() || !document.contains("questions") || !document["questions"].is_array())
        throw FormatError(path, "expected a questions file {\"format\": \"" + std::string(SalientQuestionSet::kFormat) +
                                    "\", ..., \"questions\": [...]}");
    SalientQuestionSet set;
    const auto text = [&](const nlohmann::ordered_json &object, const char *key, const std::string &where) {
        if (!object.contains(key) || !object[key].is_string())
            throw FormatError(path, where + "\"" + key + "\" must be a string");
        return object[key].get<std::string>();
    };
    try {
        if (document.contains("seed") && document["seed"].is_number_unsigned())
            set.options.seed = document["seed"].get<uint64_t>();
        if (document.contains("per_image") && document["per_image"].is_number_integer())
            set.options.perImage = document["per_image"].get<int64_t>();
        if (document.contains("option_count") && document["option_count"].is_number_integer())
            set.options.optionCount = document["option_count"].get<int64_t>();
        if (document.contains("truth") && document["truth"].is_object()) {
            set.truthFile = document["truth"].value("file", "");
            set.truthSha256 = document["truth"].value("sha256", "");
        }
        if (document.contains("labels") && document["labels"].is_object()) {
            set.labelsFile = document["labels"].value("file", "");
            set.labelsSha256 = document["labels"].value("sha256", "");
        }
        if (document.contains("groups") && document["groups"].is_array())
            set.groups = document["groups"].get<std::vector<std::string>>();
    } catch (const nlohmann::json::exception &e) {
        throw FormatError(path, std::string("malformed header field: ") + e.what());
    }
    if (set.groups.empty())
        set.groups = {SalientQuestionSet::kAllGroup};

    std::set<std::string> ids;
    for (std::size_t n = 0; n < document["questions"].size(); ++n) {
        const auto &entry = document["questions"][n];
        const std::string where = "question " + std::to_string(n) + ": ";
        if (!entry.is_object())
            throw FormatError(path, where + "expected an object");
        SalientQuestion q;
        q.id = text(entry, "id", where);
        const std::string named = "question \"" + q.id + "\": ";
        if (!ids.insert(q.id).second)
            throw FormatError(path, named + "the id is used twice");
        if (!entry.contains("image") || !entry["image"].is_number_integer() || entry["image"].get<int64_t>() < 0)
            throw FormatError(path, named + "\"image\" must be a test index (an integer >= 0)");
        q.image = entry["image"].get<int64_t>();
        q.prompt = text(entry, "prompt", named);
        q.question = entry.contains("question") && entry["question"].is_string() ? entry["question"].get<std::string>()
                                                                                 : q.prompt;
        q.category =
            entry.contains("category") && entry["category"].is_string() ? entry["category"].get<std::string>() : "";
        if (!entry.contains("options") || !entry["options"].is_array() || entry["options"].size() < 2 ||
            !std::all_of(entry["options"].begin(), entry["options"].end(), [](const auto &o) { return o.is_string(); }))
            throw FormatError(path, named + "\"options\" must be a list of at least two strings");
        q.options = entry["options"].get<std::vector<std::string>>();
        if (!entry.contains("answer") || !entry["answer"].is_number_integer() || entry["answer"].get<int64_t>() < 0 ||
            entry["answer"].get<int64_t>() >= static_cast<int64_t>(q.options.size()))
            throw FormatError(path, named + "\"answer\" must index the options (0.." +
                                        std::to_string(q.options.size() - 1) + ")");
        q.answer = entry["answer"].get<int64_t>();
        if (entry.contains("groups") && entry["groups"].is_array() &&
            std::all_of(entry["groups"].begin(), entry["groups"].end(), [](const auto &g) { return g.is_string(); }))
            q.groups = entry["groups"].get<std::vector<std::string>>();
        else if (!entry.contains("groups"))
            q.groups = {SalientQuestionSet::kAllGroup};
        else
            throw FormatError(path, named + "\"groups\" must be a list of group names");
        q.group = entry.contains("group") && entry["group"].is_string() ? entry["group"].get<std::string>()
                                                                        : (q.groups.empty() ? "" : q.groups.back());
        set.questions.push_back(std::move(q));
    }
    return set;
}

} // namespace vindex::eval
