#include "vindex/decode/CaptionRun.h"

#include "vindex/decode/PromptPreset.h"

#include "RunInputs.h"
#include "RunRecord.h"

#include "vindex/core/Error.h"
#include "vindex/io/JsonFile.h"
#include "vindex/models/MultimodalModel.h"
#include "vindex/spaces/FeatureSpace.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <map>

namespace vindex::decode {
namespace {

// Python's str.strip() on the ASCII whitespace it knows (LLaVA strips the decoded output).
std::string pythonStrip(const std::string &text)
{
    const char *whitespace = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f";
    const auto first = text.find_first_not_of(whitespace);
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(whitespace) - first + 1);
}

} // namespace

std::string CaptionRun::manifestPathFor(const std::string &resultsPath)
{
    return RunRecord::manifestPathFor(resultsPath);
}

std::vector<int64_t> CaptionRun::parseTrials(const std::string &text, int64_t count)
{
    return RunInputs::parseTrials(text, count);
}

CaptionRunResult CaptionRun::run(const CaptionRunRequest &request)
{
    const auto started = RunRecord::Clock::now();
    RunInputs::check(request, "caption"); // before the model loads

    at::NoGradGuard noGrad;
    const models::Compute compute = models::Compute::parse(request.device, request.dtype);
    const auto model = models::MultimodalModel::load(request.modelFolder, compute);
    // The method's prompt rules: Shikra's prompt says where the image goes; LLaVA's template puts it itself.
    const bool shikra = model->kind() == models::ModelKind::Shikra;
    const spaces::SpaceKind kind = request.space.empty()
                                       ? (shikra ? spaces::SpaceKind::Grounding : spaces::SpaceKind::SingleEncoder)
                                       : spaces::spaceFromName(request.space);
    if (!request.dinoTower.empty() && kind != spaces::SpaceKind::MixtureOfEncoders)
        throw Error("caption: --dino applies to the me space only (got space " + std::string(spaces::spaceName(kind)) +
                    ")");
    const auto space = spaces::FeatureSpace::create(*model, {kind, request.scale, request.dinoTower});
    const std::string prompt = request.prompt.empty() ? defaultPromptPreset(shikra).prompt : request.prompt;
    const bool marked = prompt.find("<image>") != std::string::npos;
    if (shikra && !marked)
        throw Error("caption: a Shikra prompt must contain <image> (e.g. \"" + defaultPromptPreset(true).prompt +
                    "\")");
    if (!shikra && marked)
        throw Error("caption: a LLaVA-family prompt must not contain <image>; the template places the image");

    CaptionRunResult result;
    result.model = model->description().displayName;
    result.space = space->describe();
    result.promptText = model->promptText(prompt);

    // The inputs, each with a key for the results file (images: their paths) and a way to its features.
    const RunInputs inputs(request, "caption", *model, *space, compute);
    const std::vector<RunInputs::Item> &work = inputs.items();

    // What must match for an earlier results file to be continued rather than mixed with another run's captions.
    const nlohmann::ordered_json decoding = RunRecord::decodingJson(request, true);
    RunRecord record(
        request.resultsPath,
        RunRecord::fingerprint(request.modelFolder, *space, prompt, nlohmann::ordered_json::object(), request, inputs),
        started);
    std::map<std::string, std::string> done;
    if (record.resumable()) {
        const nlohmann::json earlier = io::readJsonFile(request.resultsPath);
        for (const auto &[key, value] : earlier.items())
            if (value.is_string())
                done[key] = value.get<std::string>();
    }
    const nlohmann::ordered_json models = inputs.weightFiles();

    result.resultsPath = request.resultsPath;
    result.manifestPath = record.manifestPath();
    std::map<std::string, std::string> texts = done; // earlier runs' captions and this run's
    const auto resultsJson = [&] {
        // BrainHub's files list "0", "1", ..., "981": numeric keys by value, any others after them.
        std::vector<std::string> keys;
        for (const auto &entry : texts)
            keys.push_back(entry.first);
        const auto numeric = [](const std::string &k) {
            return !k.empty() && k.find_first_not_of("0123456789") == std::string::npos && k.size() < 19;
        };
        std::stable_sort(keys.begin(), keys.end(), [&](const std::string &a, const std::string &b) {
            if (numeric(a) != numeric(b))
                return numeric(a);
            return numeric(a) ? std::stoll(a) < std::stoll(b) : a < b;
        });
        nlohmann::ordered_json json = nlohmann::ordered_json::object();
        for (const std::string &key : keys)
            json[key] = texts[key];
        return json;
    };
    const auto save = [&] {
        record.save(resultsJson().dump(1) + "\n", {{"model", result.model},
                                                   {"space", result.space},
                                                   {"prompt_text", result.promptText},
                                                   {"models", models},
                                                   {"decoding", decoding},
                                                   {"captions", texts.size()}});
    };

    models::GenerationOptions options = RunRecord::generationOptions(request, request.job);

    std::vector<const RunInputs::Item *> pending;
    for (const RunInputs::Item &item : work) {
        const auto it = done.find(item.key);
        if (it != done.end()) {
            result.captions.push_back({item.key, item.source, {}, it->second, true});
            ++result.resumed;
        } else {
            pending.push_back(&item);
        }
    }
    const std::size_t batch = static_cast<std::size_t>(std::max<int64_t>(1, request.batchSize));
    save(); // the manifest exists from the start, so an interrupted run can be continued
    for (std::size_t first = 0; first < pending.size(); first += batch) {
        if (request.job)
            request.job->checkCancelled();
        const std::size_t count = std::min(batch, pending.size() - first);
        std::vector<at::Tensor> tokens;
        for (std::size_t i = 0; i < count; ++i) {
            const RunInputs::Loaded loaded = pending[first + i]->load(false);
            tokens.push_back(space->promptTokens(loaded.features, loaded.width, loaded.height));
        }
        if (request.job)
            options.onToken = [&, first](const models::GeneratedToken &token) {
                request.job->partial(pending[first + token.sequence]->key, token.text);
                return true;
            };
        const auto generated =
            model->generateFromTokens(std::vector<std::string>(count, result.promptText), tokens, options);
        for (std::size_t i = 0; i < count; ++i) {
            const RunInputs::Item &item = *pending[first + i];
            const std::string text = pythonStrip(generated.texts[i]);
            result.captions.push_back({item.key, item.source, generated.tokens[i], text, false});
            texts[item.key] = text;
        }
        record.count(generated);
        save();
        if (request.job)
            request.job->report("decode", static_cast<int64_t>(result.resumed + first + count),
                                static_cast<int64_t>(work.size()));
    }
    // Captions in input order, resumed ones included.
    std::map<std::string, std::size_t> order;
    for (std::size_t i = 0; i < work.size(); ++i)
        order[work[i].key] = i;
    std::stable_sort(result.captions.begin(), result.captions.end(),
                     [&](const auto &a, const auto &b) { return order[a.key] < order[b.key]; });
    static_cast<RunTimings &>(result) = record.timings();
    return result;
}

} // namespace vindex::decode
