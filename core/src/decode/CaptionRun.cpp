#include "vindex/decode/CaptionRun.h"

#include "vindex/core/BuildInfo.h"
#include "vindex/core/Error.h"
#include "vindex/data/Session.h"
#include "vindex/decode/WeightFingerprint.h"
#include "vindex/io/AtomicFile.h"
#include "vindex/io/JsonFile.h"
#include "vindex/io/SafetensorsFile.h"
#include "vindex/models/BrainEncoder.h"
#include "vindex/models/ModelRegistry.h"
#include "vindex/models/MultimodalModel.h"
#include "vindex/models/TorchTensors.h"
#include "vindex/spaces/FeatureSpace.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

namespace vindex::decode {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char *kLlavaPrompt = "Describe this image in detail.";
constexpr const char *kShikraPrompt = "Describe this image <image> as simply as possible.";

// Python's str.strip() on the ASCII whitespace it knows (LLaVA strips the decoded output).
std::string pythonStrip(const std::string &text)
{
    const char *whitespace = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f";
    const auto first = text.find_first_not_of(whitespace);
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(whitespace) - first + 1);
}

std::string absolute(const std::string &path)
{
    std::error_code ec;
    const fs::path p = fs::weakly_canonical(fs::absolute(path), ec);
    return ec ? path : p.string();
}

// One input of the run: where its features come from.
struct WorkItem {
    std::string key, source;
    std::function<at::Tensor()> features; // [N, C] in the space's feature layout
};

std::string isoTime()
{
    const std::time_t now = std::time(nullptr);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    return text;
}

} // namespace

std::string CaptionRun::manifestPathFor(const std::string &resultsPath)
{
    return resultsPath + ".manifest.json";
}

std::vector<int64_t> CaptionRun::parseTrials(const std::string &text, int64_t count)
{
    std::vector<int64_t> indices;
    if (text.empty()) {
        for (int64_t i = 0; i < count; ++i)
            indices.push_back(i);
        return indices;
    }
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = text.find(',', start);
        const std::string part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        const auto number = [&](const std::string &s) -> int64_t {
            std::size_t used = 0;
            int64_t value = -1;
            try {
                value = std::stoll(s, &used);
            } catch (const std::exception &) {
                used = 0;
            }
            if (s.empty() || used != s.size() || value < 0)
                throw Error("trials '" + text + "': '" + part + "' is not an index or a range a:b");
            return value;
        };
        const std::size_t colon = part.find(':');
        const int64_t first = number(colon == std::string::npos ? part : part.substr(0, colon));
        const int64_t end = colon == std::string::npos ? first + 1 : number(part.substr(colon + 1));
        if (end <= first || end > count)
            throw Error("trials '" + text + "': '" + part + "' is outside the " + std::to_string(count) +
                        " trials available (0:" + std::to_string(count) + ")");
        for (int64_t i = first; i < end; ++i)
            indices.push_back(i);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return indices;
}

CaptionRunResult CaptionRun::run(const CaptionRunRequest &request)
{
    const auto started = Clock::now();
    const int kinds = (!request.images.empty() ? 1 : 0) + (!request.featuresPath.empty() ? 1 : 0) +
                      (!request.root.empty() ? 1 : 0);
    if (kinds != 1)
        throw Error("caption: give exactly one input: images, a features file, or an NSD root with a subject");
    if (!request.brainCheckpoint.empty() && request.root.empty())
        throw Error("caption: a brain encoder needs the trials' voxels: give --root and --subject");

    at::NoGradGuard noGrad;
    const models::Compute compute = models::Compute::parse(request.device, request.dtype);
    const auto model = models::MultimodalModel::load(request.modelFolder, compute);
    // The method's prompt rules: Shikra's prompt says where the image goes; LLaVA's template puts it itself.
    const bool shikra = model->kind() == models::ModelKind::Shikra;
    const spaces::SpaceKind kind = request.space.empty()
                                       ? (shikra ? spaces::SpaceKind::Grounding : spaces::SpaceKind::SingleEncoder)
                                       : spaces::spaceFromName(request.space);
    const auto space = spaces::FeatureSpace::create(*model, {kind, request.scale});
    const std::string prompt = request.prompt.empty() ? (shikra ? kShikraPrompt : kLlavaPrompt) : request.prompt;
    const bool marked = prompt.find("<image>") != std::string::npos;
    if (shikra && !marked)
        throw Error("caption: a Shikra prompt must contain <image> (e.g. \"" + std::string(kShikraPrompt) + "\")");
    if (!shikra && marked)
        throw Error("caption: a LLaVA-family prompt must not contain <image>; the template places the image");

    CaptionRunResult result;
    result.model = model->description().displayName;
    result.space = space->describe();
    result.promptText = model->promptText(prompt);

    // The inputs, each with a key for the results file and a way to its features.
    std::vector<WorkItem> work;
    nlohmann::ordered_json inputs;
    std::optional<data::Session> session;
    std::shared_ptr<models::BrainEncoder> encoder;
    if (!request.images.empty()) {
        inputs = {{"kind", "images"}, {"images", request.images}};
        for (const std::string &path : request.images)
            work.push_back({path, path, [&, path] {
                                return space->imageFeatures(model->pixelValuesFromFile(path)).squeeze(0);
                            }});
    } else if (!request.featuresPath.empty()) {
        inputs = {{"kind", "features"}, {"features", absolute(request.featuresPath)}};
        const auto file = std::make_shared<io::SafetensorsFile>(io::SafetensorsFile::open(request.featuresPath));
        at::Tensor all = models::toTorch(file->tensor("features"));
        if (all.dim() == 2)
            all = all.unsqueeze(0);
        if (all.dim() != 3)
            throw DataError(request.featuresPath + ": 'features' must be [trials, tokens, width], found " +
                            std::to_string(all.dim()) + " dimensions");
        for (int64_t i = 0; i < all.size(0); ++i)
            work.push_back({std::to_string(i), "features[" + std::to_string(i) + "]", [all, file, i] { return all[i]; }});
    } else {
        if (request.subject <= 0)
            throw Error("caption --root: give --subject");
        session = data::Session::open(request.root);
        const data::Subject subject = session->subject(request.subject);
        data::Split split = data::Split::Test;
        if (request.split == "train")
            split = data::Split::Train;
        else if (request.split == "val")
            split = data::Split::Val;
        else if (request.split != "test")
            throw Error("caption --split '" + request.split + "': expected train, val or test");
        const std::vector<data::Trial> trials = subject.trials(split);
        inputs = {{"kind", request.brainCheckpoint.empty() ? "stimuli" : "brain"},
                  {"root", absolute(request.root)},
                  {"subject", request.subject},
                  {"split", request.split},
                  {"trials", request.trials.empty() ? "all" : request.trials},
                  {"layout", data::nsdLayoutName(subject.preferredLayout())}};
        if (!request.brainCheckpoint.empty()) {
            models::BrainEncoderOptions options;
            options.heads = request.heads;
            options.dimHead = request.dimHead;
            encoder = models::BrainEncoder::load(request.brainCheckpoint, compute, options);
            const int tokenizer = encoder->kind() == models::BrainEncoder::Kind::BrainX ? request.subject : 0;
            if (encoder->voxelCount(tokenizer) != subject.voxelCount())
                throw DataError(request.brainCheckpoint + ": the encoder takes " +
                                std::to_string(encoder->voxelCount(tokenizer)) + " voxels but subject " +
                                std::to_string(request.subject) + " of " + request.root + " has " +
                                std::to_string(subject.voxelCount()));
            if (encoder->tokenCount() != space->featureTokens() && space->featureTokens() != 0)
                throw ModelError(request.brainCheckpoint + ": the encoder predicts " +
                                 std::to_string(encoder->tokenCount()) + "×" + std::to_string(encoder->featureWidth()) +
                                 " features but the " + request.space + " space of " + request.modelFolder +
                                 " takes " + std::to_string(space->featureTokens()) + "×" +
                                 std::to_string(space->featureWidth()));
            inputs["brain"] = {{"checkpoint", absolute(request.brainCheckpoint)}, {"kind", encoder->kindName()}};
        }
        for (int64_t index : parseTrials(request.trials, static_cast<int64_t>(trials.size()))) {
            const data::Trial trial = trials[static_cast<std::size_t>(index)];
            char source[96];
            std::snprintf(source, sizeof source, "subj%02d %s %lld (image %lld)", request.subject,
                          data::splitName(split), static_cast<long long>(index),
                          static_cast<long long>(trial.imageId));
            const int tokenizer = encoder && encoder->kind() == models::BrainEncoder::Kind::BrainX ? request.subject : 0;
            work.push_back({std::to_string(index), source, [&, subject, trial, tokenizer] {
                                if (!encoder)
                                    return space->imageFeatures(model->pixelValues(subject.image(trial.imageId)))
                                        .squeeze(0);
                                const std::vector<float> voxels = subject.meanBetas(trial);
                                const at::Tensor input =
                                    at::from_blob(const_cast<float *>(voxels.data()),
                                                  {1, static_cast<int64_t>(voxels.size())}, at::kFloat)
                                        .clone();
                                return encoder->encode(input, tokenizer).squeeze(0);
                            }});
        }
    }

    // What must match for an earlier results file to be continued rather than mixed with another run's captions.
    const nlohmann::ordered_json decoding{{"max_new_tokens", request.maxNewTokens},
                                          {"temperature", request.temperature},
                                          {"top_p", request.topP},
                                          {"seed", request.seed},
                                          {"stop", request.stopStrings},
                                          {"batch", request.batchSize}};
    nlohmann::ordered_json fingerprint{{"model", absolute(request.modelFolder)},
                                       {"space", spaces::spaceName(space->kind())},
                                       {"visual_tokens", space->visualTokenCount()},
                                       {"prompt", prompt},
                                       {"decoding", decoding},
                                       {"inputs", inputs},
                                       {"device", request.device},
                                       {"dtype", request.dtype}};
    fingerprint["decoding"].erase("batch"); // batching changes speed, not greedy text

    std::map<std::string, std::string> done;
    if (!request.resultsPath.empty() && fs::exists(request.resultsPath)) {
        const std::string manifestPath = manifestPathFor(request.resultsPath);
        if (!fs::exists(manifestPath))
            throw Error(request.resultsPath + ": exists without its manifest " + manifestPath +
                        "; choose another output file (nothing is overwritten)");
        const nlohmann::json previous = io::readJsonFile(manifestPath);
        const nlohmann::json ours = nlohmann::json::parse(fingerprint.dump());
        if (!previous.contains("fingerprint") || previous["fingerprint"] != ours) {
            std::string differing;
            if (previous.contains("fingerprint"))
                for (const auto &[field, value] : ours.items())
                    if (!previous["fingerprint"].contains(field) || previous["fingerprint"][field] != value)
                        differing += (differing.empty() ? "" : ", ") + field;
            throw Error(request.resultsPath + ": made by a run with other settings (" +
                        (differing.empty() ? std::string("no fingerprint") : differing) +
                        "); choose another output file to keep both");
        }
        const nlohmann::json earlier = io::readJsonFile(request.resultsPath);
        for (const auto &[key, value] : earlier.items())
            if (value.is_string())
                done[key] = value.get<std::string>();
    }

    // Weight files of everything the run loads, with their SHA-256.
    nlohmann::ordered_json models = nlohmann::ordered_json::array();
    models.push_back(WeightFingerprint::describeFolder(request.modelFolder, "mllm"));
    if (!model->description().visionTowerPath.empty())
        models.push_back(WeightFingerprint::describeFolder(model->description().visionTowerPath, "vision tower"));
    if (const std::string dino = model->description().config.value("mm_dino_tower", std::string()); !dino.empty())
        models.push_back(WeightFingerprint::describeFolder(
            models::ModelRegistry::resolveModelPath(dino, model->description().path), "dino tower"));
    if (encoder)
        models.push_back(WeightFingerprint::describeFile(request.brainCheckpoint, "brain encoder"));

    result.resultsPath = request.resultsPath;
    result.manifestPath = request.resultsPath.empty() ? std::string() : manifestPathFor(request.resultsPath);
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
        if (request.resultsPath.empty())
            return;
        nlohmann::ordered_json manifest{{"vindex", versionString()},
                                        {"libraries", nlohmann::ordered_json::object()},
                                        {"written", isoTime()},
                                        {"fingerprint", fingerprint},
                                        {"model", result.model},
                                        {"space", result.space},
                                        {"prompt_text", result.promptText},
                                        {"models", models},
                                        {"decoding", decoding},
                                        {"captions", texts.size()},
                                        {"timings",
                                         {{"seconds", std::chrono::duration<double>(Clock::now() - started).count()},
                                          {"prompt_tokens", result.promptTokens},
                                          {"generated_tokens", result.generatedTokens}}}};
        for (const auto &[library, version] : libraryVersions())
            manifest["libraries"][library] = version;
        // Results first: a crash between the two leaves a manifest that still describes what the results hold.
        io::AtomicFile resultsFile(request.resultsPath);
        resultsFile.write(resultsJson().dump(1) + "\n");
        resultsFile.commit();
        io::AtomicFile manifestFile(result.manifestPath);
        manifestFile.write(manifest.dump(1) + "\n");
        manifestFile.commit();
    };

    models::GenerationOptions options;
    options.maxNewTokens = request.maxNewTokens;
    options.doSample = request.temperature > 0;
    options.temperature = request.temperature;
    options.topP = request.topP;
    options.seed = request.seed;
    options.stopStrings = request.stopStrings;
    options.progress = Progress({}, request.cancel);

    std::vector<const WorkItem *> pending;
    for (const WorkItem &item : work) {
        const auto it = done.find(item.key);
        if (it != done.end()) {
            result.captions.push_back({item.key, item.source, {}, it->second, true});
            ++result.resumed;
        } else {
            pending.push_back(&item);
        }
    }
    const std::size_t batch = static_cast<std::size_t>(std::max<int64_t>(1, request.batchSize));
    double prefillSeconds = 0, decodeSeconds = 0;
    int64_t decodeTokens = 0;
    save(); // the manifest exists from the start, so an interrupted run can be continued
    for (std::size_t first = 0; first < pending.size(); first += batch) {
        Progress(options.progress).checkCancelled();
        const std::size_t count = std::min(batch, pending.size() - first);
        std::vector<at::Tensor> tokens;
        for (std::size_t i = 0; i < count; ++i)
            tokens.push_back(space->visualTokens(pending[first + i]->features()));
        if (request.onText)
            options.onToken = [&, first](const models::GeneratedToken &token) {
                request.onText(pending[first + token.sequence]->key, token.text);
                return true;
            };
        const auto generated =
            model->generateFromTokens(std::vector<std::string>(count, result.promptText), tokens, options);
        for (std::size_t i = 0; i < count; ++i) {
            const WorkItem &item = *pending[first + i];
            const std::string text = pythonStrip(generated.texts[i]);
            result.captions.push_back({item.key, item.source, generated.tokens[i], text, false});
            texts[item.key] = text;
        }
        result.promptTokens += generated.promptTokens;
        result.generatedTokens += generated.generatedTokens;
        prefillSeconds += generated.prefillSeconds;
        decodeSeconds += generated.decodeSeconds;
        decodeTokens += generated.decodeTokens;
        save();
        if (request.progress)
            request.progress(result.resumed + first + count, work.size());
    }
    // Captions in input order, resumed ones included.
    std::map<std::string, std::size_t> order;
    for (std::size_t i = 0; i < work.size(); ++i)
        order[work[i].key] = i;
    std::stable_sort(result.captions.begin(), result.captions.end(),
                     [&](const auto &a, const auto &b) { return order[a.key] < order[b.key]; });
    result.prefillTokensPerSecond = prefillSeconds > 0 ? result.promptTokens / prefillSeconds : 0;
    result.decodeTokensPerSecond = decodeSeconds > 0 ? decodeTokens / decodeSeconds : 0;
    result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return result;
}

} // namespace vindex::decode
