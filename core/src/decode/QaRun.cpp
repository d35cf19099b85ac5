#include "vindex/decode/QaRun.h"

#include "RunInputs.h"

#include "vindex/core/Error.h"
#include "vindex/eval/SalientQuestions.h"
#include "vindex/io/AtomicFile.h"
#include "vindex/io/Sha256.h"
#include "vindex/models/LlamaModel.h"
#include "vindex/models/MultimodalModel.h"
#include "vindex/models/OptionScorer.h"
#include "vindex/spaces/FeatureSpace.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

namespace vindex::decode {
namespace {

namespace fs = std::filesystem;

// The ids an option adds to the prompt: those of `prompt + " " + option` beyond the prompt's own.
std::vector<int64_t> optionIds(const models::MultimodalModel &model, const std::string &promptText,
                               const std::vector<int64_t> &promptIds, int64_t visualTokens, const std::string &option,
                               const std::string &questionId)
{
    const std::vector<int64_t> full = model.promptIds(promptText + " " + option, visualTokens);
    if (full.size() <= promptIds.size() || !std::equal(promptIds.begin(), promptIds.end(), full.begin()))
        throw DataError("qa: question \"" + questionId + "\": option \"" + option +
                        "\" does not tokenize as a continuation of the prompt");
    return {full.begin() + static_cast<std::ptrdiff_t>(promptIds.size()), full.end()};
}

// <folder>/<index>.png|.jpg|.jpeg, "" when there is none.
std::string imageFor(const std::string &folder, int64_t index)
{
    for (const char *extension : {".png", ".jpg", ".jpeg", ".PNG", ".JPG", ".JPEG"}) {
        const fs::path path = fs::path(folder) / (std::to_string(index) + extension);
        std::error_code ec;
        if (fs::is_regular_file(path, ec))
            return path.string();
    }
    return {};
}

nlohmann::ordered_json accuracyJson(const QaGroupAccuracy &a)
{
    return {{"correct", a.correct},
            {"total", a.total},
            {"accuracy", a.total > 0 ? nlohmann::ordered_json(a.accuracy()) : nlohmann::ordered_json(nullptr)}};
}

} // namespace

const char *QaRun::scoringName(OptionScoring scoring)
{
    return scoring == OptionScoring::Sum ? "sum" : "mean";
}

OptionScoring QaRun::scoringFromName(const std::string &name)
{
    if (name == "mean")
        return OptionScoring::MeanPerToken;
    if (name == "sum")
        return OptionScoring::Sum;
    throw Error("qa: option scoring '" + name + "': expected mean (log-likelihood per token) or sum");
}

QaRunResult QaRun::run(const QaRunRequest &request)
{
    const auto started = std::chrono::steady_clock::now();
    if (!request.images.empty())
        throw Error("qa: images must be named by test index: give a folder (--images DIR with <i>.png)");
    const eval::SalientQuestionSet questions = eval::SalientQuestions::read(request.questionsPath);
    if (questions.questions.empty())
        throw DataError(request.questionsPath + ": holds no questions");

    // The inputs: a folder of images by test index becomes the image list, in index order.
    RunInputOptions inputOptions = request;
    std::vector<int64_t> folderIndices; // image list position → test index
    if (!request.imageFolder.empty()) {
        if (!request.featuresPath.empty() || !request.root.empty())
            throw Error("qa: give exactly one input: an image folder, a features file, or an NSD root with a subject");
        std::set<int64_t> needed;
        for (const auto &q : questions.questions)
            needed.insert(q.image);
        for (const int64_t index : needed) {
            const std::string path = imageFor(request.imageFolder, index);
            if (!path.empty()) {
                inputOptions.images.push_back(path);
                folderIndices.push_back(index);
            }
        }
        if (inputOptions.images.empty())
            throw DataError("qa: " + request.imageFolder + " holds no image named by a question's test index (" +
                            std::to_string(*needed.begin()) + ".png, ...)");
    }
    RunInputs::check(inputOptions, "qa");

    at::NoGradGuard noGrad;
    const models::Compute compute = models::Compute::parse(request.device, request.dtype);
    const auto model = models::MultimodalModel::load(request.modelFolder, compute);
    const bool shikra = model->kind() == models::ModelKind::Shikra;
    const spaces::SpaceKind kind = request.space.empty()
                                       ? (shikra ? spaces::SpaceKind::Grounding : spaces::SpaceKind::SingleEncoder)
                                       : spaces::spaceFromName(request.space);
    if (!request.dinoTower.empty() && kind != spaces::SpaceKind::MixtureOfEncoders)
        throw Error("qa: --dino applies to the me space only (got space " + std::string(spaces::spaceName(kind)) + ")");
    const auto space = spaces::FeatureSpace::create(*model, {kind, request.scale, request.dinoTower});
    const RunInputs inputs(inputOptions, "qa", *model, *space, compute);

    QaRunResult result;
    result.model = model->description().displayName;
    result.space = space->describe();
    result.scoring = scoringName(request.scoring);
    result.promptTemplate = model->promptText("{prompt}");
    result.resultsPath = request.resultsPath;

    // Test index → input item.
    std::map<int64_t, const RunInputs::Item *> byImage;
    for (const RunInputs::Item &item : inputs.items()) {
        const int64_t index = folderIndices.empty() ? item.index : folderIndices[static_cast<std::size_t>(item.index)];
        byImage.emplace(index, &item);
    }
    // Questions by image, so each image's visual tokens are made once.
    std::map<int64_t, std::vector<std::size_t>> asked;
    for (std::size_t n = 0; n < questions.questions.size(); ++n) {
        const auto &q = questions.questions[n];
        if (byImage.count(q.image))
            asked[q.image].push_back(n);
        else
            result.unanswered.push_back(q.id);
    }
    if (asked.empty())
        throw DataError("qa: no question's image is among the inputs (questions ask about test indices " +
                        std::to_string(questions.questions.front().image) + ", ...; the inputs hold " +
                        std::to_string(inputs.items().size()) + " items)");

    const models::OptionScorer scorer(model->llm());
    std::vector<std::optional<QaAnswer>> answers(questions.questions.size());
    const int64_t total = static_cast<int64_t>(questions.questions.size() - result.unanswered.size());
    int64_t done = 0;
    for (const auto &[image, numbers] : asked) {
        if (request.job)
            request.job->checkCancelled();
        const RunInputs::Item &item = *byImage.at(image);
        const RunInputs::Loaded loaded = item.load(false);
        const at::Tensor tokens = space->promptTokens(loaded.features, loaded.width, loaded.height);
        const int64_t visualTokens = tokens.size(tokens.dim() - 2);
        for (const std::size_t n : numbers) {
            const eval::SalientQuestion &q = questions.questions[n];
            const std::string promptText = model->promptText(q.prompt);
            const std::vector<int64_t> ids = model->promptIds(promptText, visualTokens);
            std::vector<std::vector<int64_t>> continuations;
            for (const std::string &option : q.options)
                continuations.push_back(optionIds(*model, promptText, ids, visualTokens, option, q.id));
            const auto logProbs =
                scorer.tokenLogProbabilities(model->promptEmbeddingsFromTokens(ids, tokens), continuations);

            QaAnswer answer;
            answer.id = q.id;
            answer.image = q.image;
            answer.source = item.source;
            answer.groups = q.groups;
            answer.answer = q.answer;
            for (std::size_t k = 0; k < logProbs.size(); ++k) {
                double sum = 0;
                for (const double value : logProbs[k])
                    sum += value;
                const auto count = static_cast<int64_t>(logProbs[k].size());
                answer.logLikelihoods.push_back(sum);
                answer.tokenCounts.push_back(count);
                answer.scores.push_back(request.scoring == OptionScoring::Sum ? sum : sum / static_cast<double>(count));
                result.optionTokens += count;
            }
            // The first of equal scores wins (the file's order), as an argmax does.
            answer.chosen = static_cast<int64_t>(std::max_element(answer.scores.begin(), answer.scores.end()) -
                                                 answer.scores.begin());
            answer.correct = answer.chosen == answer.answer;
            result.promptTokens += static_cast<int64_t>(ids.size());
            answers[n] = std::move(answer);
            ++done;
            if (request.job)
                request.job->report("qa", done, total);
        }
    }

    // Accuracy: "all", then every group of the file.
    std::vector<std::string> groupNames{eval::SalientQuestionSet::kAllGroup};
    for (const auto &g : questions.groups)
        if (g != eval::SalientQuestionSet::kAllGroup)
            groupNames.push_back(g);
    for (const auto &name : groupNames)
        result.accuracy.push_back({name});
    for (auto &answer : answers) {
        if (!answer)
            continue;
        for (auto &group : result.accuracy)
            if (group.group == eval::SalientQuestionSet::kAllGroup ||
                std::find(answer->groups.begin(), answer->groups.end(), group.group) != answer->groups.end()) {
                ++group.total;
                group.correct += answer->correct ? 1 : 0;
            }
        result.answers.push_back(std::move(*answer));
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    if (!request.resultsPath.empty()) {
        nlohmann::ordered_json document;
        document["format"] = "vindex-salient-qa-results/1";
        document["questions"] = {{"file", request.questionsPath},
                                 {"sha256", io::Sha256::ofFile(request.questionsPath)},
                                 {"construction", "vindex's construction (the paper's questions were not published)"}};
        document["model"] = result.model;
        document["mllm"] = RunInputs::absolutePath(request.modelFolder);
        document["space"] = result.space;
        document["inputs"] = request.imageFolder.empty()
                                 ? inputs.description()
                                 : nlohmann::ordered_json{{"kind", "image folder"},
                                                          {"images", RunInputs::absolutePath(request.imageFolder)}};
        document["prompt_template"] = result.promptTemplate;
        document["scoring"] = result.scoring == std::string("sum") ? "sum of the option tokens' log-probabilities"
                                                                   : "mean log-probability per option token";
        nlohmann::ordered_json accuracy = nlohmann::ordered_json::object();
        for (const auto &group : result.accuracy)
            accuracy[group.group] = accuracyJson(group);
        document["accuracy"] = std::move(accuracy);
        document["unanswered"] = result.unanswered;
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto &a : result.answers)
            list.push_back({{"id", a.id},
                            {"image", a.image},
                            {"source", a.source},
                            {"answer", a.answer},
                            {"chosen", a.chosen},
                            {"correct", a.correct},
                            {"log_likelihoods", a.logLikelihoods},
                            {"token_counts", a.tokenCounts},
                            {"scores", a.scores}});
        document["answers"] = std::move(list);
        document["models"] = inputs.weightFiles();
        document["device"] = request.device;
        document["dtype"] = request.dtype;
        document["seconds"] = result.seconds;
        io::AtomicFile file(request.resultsPath);
        file.write(document.dump(1) + "\n");
        file.commit();
    }
    return result;
}

} // namespace vindex::decode
