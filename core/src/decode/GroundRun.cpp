#include "vindex/decode/GroundRun.h"

#include "RunInputs.h"
#include "RunRecord.h"

#include "vindex/core/Error.h"
#include "vindex/data/BrainHubAnnotations.h"
#include "vindex/data/Session.h"
#include "vindex/data/Trial.h"
#include "vindex/decode/BoxAnswerParser.h"
#include "vindex/decode/BoxMapping.h"
#include "vindex/decode/GroundingResultsWriter.h"
#include "vindex/io/Sha256.h"
#include "vindex/models/ModelRegistry.h"
#include "vindex/models/MultimodalModel.h"
#include "vindex/spaces/FeatureSpace.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>

namespace vindex::decode {
namespace {

std::string replaceAll(std::string text, const std::string &from, const std::string &to)
{
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// Where --categories coco reads the categories of each test index.
std::string truthPathOf(const GroundRunRequest &request)
{
    if (!request.truthPath.empty())
        return request.truthPath;
    if (request.brainhubFolder.empty())
        throw Error("ground --categories coco: the categories come from BrainHub's ground truth; give --truth "
                    "FILE (bbox/coco_bbox_categorized.json) or --brainhub DIR");
    return (std::filesystem::path(request.brainhubFolder) / data::BrainHubAnnotations::kBoxesFile).string();
}

// The expressions for --categories: checked before the model loads, so a wrong request fails fast.
std::vector<std::vector<data::CategoryBoxes>> readTruth(const GroundRunRequest &request, const std::string &path)
{
    if (!request.images.empty())
        throw Error("ground --categories coco: categories belong to NSD test trials (--root DIR --subject S, or a "
                    "features file of the test trials in order); for images give --expr TEXT");
    if (!request.root.empty() && data::splitFromName(request.split) != data::Split::Test)
        throw Error("ground --categories coco: BrainHub's ground truth is keyed by test index; --split is '" +
                    request.split + "', not test");
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw DataError(path + ": no such file (BrainHub's bbox/coco_bbox_categorized.json was expected)");
    auto truth = data::BrainHubAnnotations::readBoxes(path);
    // The truth is keyed by BrainHub's test index: test trial i must be BrainHub's key i, or each trial would be
    // scored against another image's boxes. Refused (naming what is missing) when the order cannot be known.
    if (!request.root.empty())
        data::Session::open(request.root)
            .subject(request.subject)
            .checkBrainHubOrder(static_cast<int64_t>(truth.size()));
    return truth;
}

// The request's questions checked (expressions or categories, the prompt's placeholders); the prompt to ask.
std::string checkedPrompt(const GroundRunRequest &request)
{
    const bool byCategory = !request.categories.empty();
    if (byCategory && !request.expressions.empty())
        throw Error("ground: give --expr or --categories coco, not both");
    if (!byCategory && request.expressions.empty())
        throw Error("ground: say what to locate: --expr TEXT (repeatable) or --categories coco (NSD test trials)");
    if (byCategory && request.categories != "coco")
        throw Error("ground --categories '" + request.categories +
                    "': only coco (BrainHub's COCO categories) is known");
    std::set<std::string> seen;
    for (const std::string &expression : request.expressions)
        if (expression.empty() || !seen.insert(expression).second)
            throw Error("ground --expr '" + expression + "': " + (expression.empty() ? "empty" : "given twice"));
    const std::string prompt = request.prompt.empty() ? GroundRun::kDefaultPrompt : request.prompt;
    if (prompt.find("<expr>") == std::string::npos || prompt.find("<image>") == std::string::npos)
        throw Error("ground --prompt: needs <expr> (what to locate) and <image> (where Shikra sees it), e.g. \"" +
                    std::string(GroundRun::kDefaultPrompt) + "\"");
    return prompt;
}

// The boxes of an answer's text. Shikra answers in fractions of the white-padded square; BrainHub scores fractions of
// the image (and pixels are given when the image's size is known).
void parseBoxes(GroundRunResult::Answer &answer)
{
    const ParsedAnswer parsed = BoxAnswerParser::parse(answer.text);
    answer.skippedGroups = parsed.skipped.size();
    const bool sized = answer.imageWidth > 0 && answer.imageHeight > 0;
    const BoxMapping mapping(sized ? answer.imageWidth : 1, sized ? answer.imageHeight : 1);
    for (const std::vector<Box> &group : parsed.boxAnswers()) {
        std::vector<Box> fractions, pixels;
        for (const Box &box : group) {
            fractions.push_back(mapping.squareToFraction(box));
            if (sized)
                pixels.push_back(mapping.squareToPixels(box));
        }
        answer.boxes.push_back(std::move(fractions));
        if (sized)
            answer.pixelBoxes.push_back(std::move(pixels));
    }
}

// One (input, expression) question and, once asked, its answer.
struct Question {
    const RunInputs::Item *item = nullptr;
    std::string category;
    GroundRunResult::Answer answer;
};

} // namespace

std::string GroundRun::manifestPathFor(const std::string &resultsPath)
{
    return RunRecord::manifestPathFor(resultsPath);
}

GroundRunResult GroundRun::run(const GroundRunRequest &request)
{
    const auto started = RunRecord::Clock::now();
    // Everything that can be checked without the model first: loading a 7B model takes a while.
    RunInputs::check(request, "ground");
    const bool byCategory = !request.categories.empty();
    const std::string prompt = checkedPrompt(request);
    const std::string truthPath = byCategory ? truthPathOf(request) : std::string();
    const auto truth = byCategory ? readTruth(request, truthPath) : std::vector<std::vector<data::CategoryBoxes>>();
    const models::ModelDescription description = models::ModelRegistry::identify(request.modelFolder);
    if (description.kind != models::ModelKind::Shikra)
        throw ModelError(request.modelFolder + ": is a " + description.displayName +
                         "; grounding needs a Shikra model (it answers with [x0,y0,x1,y1] boxes)");

    at::NoGradGuard noGrad;
    const models::Compute compute = models::Compute::parse(request.device, request.dtype);
    const auto model = models::MultimodalModel::load(request.modelFolder, compute);
    const auto space = spaces::FeatureSpace::create(*model, {spaces::SpaceKind::Grounding, 0, {}});
    const RunInputs inputs(request, "ground", *model, *space, compute);

    GroundRunResult result;
    result.model = model->description().displayName;
    result.space = space->describe();
    result.promptTemplate = model->promptText(prompt);
    result.truthPath = truthPath;
    result.inputs = inputs.items().size();

    // The questions in input order, each input's expressions in order (the truth file's for categories).
    std::vector<Question> questions;
    std::vector<int64_t> withoutCategories;
    for (const RunInputs::Item &item : inputs.items()) {
        std::vector<std::string> categories = request.expressions;
        if (byCategory) {
            if (item.index >= static_cast<int64_t>(truth.size()))
                throw DataError(truthPath + ": holds " + std::to_string(truth.size()) + " test indices, so none for " +
                                item.source + " (index " + std::to_string(item.index) + ")");
            for (const data::CategoryBoxes &entry : truth[static_cast<std::size_t>(item.index)])
                categories.push_back(entry.category);
        }
        if (categories.empty())
            withoutCategories.push_back(item.index);
        for (const std::string &category : categories) {
            Question question{&item, category, {}};
            question.answer.key = std::to_string(item.index);
            question.answer.index = item.index;
            question.answer.source = item.source;
            question.answer.category = category;
            questions.push_back(std::move(question));
        }
    }

    // What must match for an earlier results file to be continued rather than mixed with another run's boxes.
    nlohmann::ordered_json expressions = byCategory
                                             ? nlohmann::ordered_json{{"categories", request.categories},
                                                                      {"truth_sha256", io::Sha256::ofFile(truthPath)}}
                                             : nlohmann::ordered_json{{"expr", request.expressions}};
    RunRecord record(
        request.resultsPath,
        RunRecord::fingerprint(request.modelFolder, *space, prompt, {{"expressions", expressions}}, request, inputs),
        started);
    GroundingResultsWriter writer(request.resultsPath);
    if (record.resumable())
        writer.load();
    for (int64_t index : withoutCategories)
        writer.addIndex(index); // eval needs every index, also one with nothing to ask

    const nlohmann::ordered_json decoding = RunRecord::decodingJson(request, true);
    const nlohmann::ordered_json models = inputs.weightFiles();
    result.resultsPath = request.resultsPath;
    result.manifestPath = record.manifestPath();
    const auto save = [&] {
        record.save(writer.toJson(), {{"model", result.model},
                                      {"space", result.space},
                                      {"prompt_text", result.promptTemplate},
                                      {"truth", truthPath.empty() ? std::string() : RunInputs::absolutePath(truthPath)},
                                      {"models", models},
                                      {"decoding", decoding},
                                      {"inputs", result.inputs},
                                      {"answers", writer.pairCount()}});
    };

    std::vector<Question *> pending;
    for (Question &question : questions) {
        if (const auto *answers = writer.answers(question.answer.index, question.category)) {
            question.answer.boxes = *answers;
            question.answer.resumed = true;
            ++result.resumed;
        } else {
            pending.push_back(&question);
        }
    }

    models::GenerationOptions options = RunRecord::generationOptions(request, request.job);
    const std::size_t batch = static_cast<std::size_t>(std::max<int64_t>(1, request.batchSize));
    // An input's questions follow each other: its visual tokens are made once and kept for the next batch.
    const RunInputs::Item *cachedItem = nullptr;
    at::Tensor cachedTokens;
    int64_t cachedWidth = 0, cachedHeight = 0;
    save(); // the manifest exists from the start, so an interrupted run can be continued
    for (std::size_t first = 0; first < pending.size(); first += batch) {
        if (request.job)
            request.job->checkCancelled();
        const std::size_t count = std::min(batch, pending.size() - first);
        std::vector<std::string> prompts;
        std::vector<at::Tensor> tokens;
        for (std::size_t i = 0; i < count; ++i) {
            Question &question = *pending[first + i];
            if (question.item != cachedItem) {
                const RunInputs::Loaded loaded = question.item->load(true);
                cachedTokens = space->visualTokens(loaded.features);
                cachedWidth = loaded.width;
                cachedHeight = loaded.height;
                cachedItem = question.item;
            }
            question.answer.imageWidth = cachedWidth;
            question.answer.imageHeight = cachedHeight;
            prompts.push_back(model->promptText(replaceAll(prompt, "<expr>", question.category)));
            tokens.push_back(cachedTokens);
        }
        const auto generated = model->generateFromTokens(prompts, tokens, options);
        for (std::size_t i = 0; i < count; ++i) {
            GroundRunResult::Answer &answer = pending[first + i]->answer;
            answer.ids = generated.tokens[i];
            answer.text = generated.texts[i];
            parseBoxes(answer);
            writer.set(answer.index, answer.category, answer.boxes);
        }
        record.count(generated);
        save();
        if (request.job)
            request.job->report("ground", static_cast<int64_t>(result.resumed + first + count),
                                static_cast<int64_t>(questions.size()));
    }
    for (Question &question : questions)
        result.answers.push_back(std::move(question.answer));
    static_cast<RunTimings &>(result) = record.timings();
    return result;
}

} // namespace vindex::decode
