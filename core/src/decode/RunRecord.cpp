#include "RunRecord.h"

#include "RunInputs.h"
#include "vindex/core/BuildInfo.h"
#include "vindex/core/Error.h"
#include "vindex/io/AtomicFile.h"
#include "vindex/io/JsonFile.h"
#include "vindex/spaces/FeatureSpace.h"

#include <ctime>
#include <filesystem>

namespace vindex::decode {
namespace {

std::string isoTime()
{
    const std::time_t now = std::time(nullptr);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    return text;
}

} // namespace

RunRecord::RunRecord(std::string resultsPath, nlohmann::ordered_json fingerprint, Clock::time_point started)
    : m_resultsPath(std::move(resultsPath)), m_fingerprint(std::move(fingerprint)), m_started(started)
{
}

std::string RunRecord::manifestPathFor(const std::string &resultsPath)
{
    return resultsPath + ".manifest.json";
}

nlohmann::ordered_json RunRecord::fingerprint(const std::string &modelFolder, const spaces::FeatureSpace &space,
                                              const std::string &prompt, const nlohmann::ordered_json &own,
                                              const DecodingOptions &decoding, const RunInputs &inputs)
{
    nlohmann::ordered_json fingerprint{{"model", RunInputs::absolutePath(modelFolder)},
                                       {"space", spaces::spaceName(space.kind())},
                                       {"visual_tokens", space.visualTokenCount()},
                                       {"prompt", prompt}};
    for (const auto &[field, value] : own.items())
        fingerprint[field] = value;
    fingerprint["decoding"] = decodingJson(decoding, false);
    fingerprint["inputs"] = inputs.description();
    fingerprint["device"] = decoding.device;
    fingerprint["dtype"] = decoding.dtype;
    return fingerprint;
}

std::string RunRecord::manifestPath() const
{
    return m_resultsPath.empty() ? std::string() : manifestPathFor(m_resultsPath);
}

bool RunRecord::resumable() const
{
    if (m_resultsPath.empty() || !std::filesystem::exists(m_resultsPath))
        return false;
    const std::string manifest = manifestPath();
    if (!std::filesystem::exists(manifest))
        throw Error(m_resultsPath + ": exists without its manifest " + manifest +
                    "; choose another output file (nothing is overwritten)");
    const nlohmann::json previous = io::readJsonFile(manifest);
    const nlohmann::json ours = nlohmann::json::parse(m_fingerprint.dump());
    if (!previous.contains("fingerprint") || previous["fingerprint"] != ours) {
        std::string differing;
        if (previous.contains("fingerprint"))
            for (const auto &[field, value] : ours.items())
                if (!previous["fingerprint"].contains(field) || previous["fingerprint"][field] != value)
                    differing += (differing.empty() ? "" : ", ") + field;
        throw Error(m_resultsPath + ": made by a run with other settings (" +
                    (differing.empty() ? std::string("no fingerprint") : differing) +
                    "); choose another output file to keep both");
    }
    return true;
}

void RunRecord::save(const std::string &results, const nlohmann::ordered_json &details) const
{
    if (m_resultsPath.empty())
        return;
    nlohmann::ordered_json manifest{{"vindex", versionString()},
                                    {"libraries", nlohmann::ordered_json::object()},
                                    {"written", isoTime()},
                                    {"fingerprint", m_fingerprint}};
    for (const auto &[library, version] : libraryVersions())
        manifest["libraries"][library] = version;
    for (const auto &[field, value] : details.items())
        manifest[field] = value;
    const RunTimings now = timings();
    manifest["timings"] = {
        {"seconds", now.seconds}, {"prompt_tokens", now.promptTokens}, {"generated_tokens", now.generatedTokens}};
    io::AtomicFile resultsFile(m_resultsPath);
    resultsFile.write(results);
    resultsFile.commit();
    io::AtomicFile manifestFile(manifestPath());
    manifestFile.write(manifest.dump(1) + "\n");
    manifestFile.commit();
}

void RunRecord::count(const models::GenerationResult &generated)
{
    m_promptTokens += generated.promptTokens;
    m_generatedTokens += generated.generatedTokens;
    m_decodeTokens += generated.decodeTokens;
    m_prefillSeconds += generated.prefillSeconds;
    m_decodeSeconds += generated.decodeSeconds;
}

RunTimings RunRecord::timings() const
{
    RunTimings timings;
    timings.promptTokens = m_promptTokens;
    timings.generatedTokens = m_generatedTokens;
    timings.prefillTokensPerSecond = m_prefillSeconds > 0 ? m_promptTokens / m_prefillSeconds : 0;
    timings.decodeTokensPerSecond = m_decodeSeconds > 0 ? m_decodeTokens / m_decodeSeconds : 0;
    timings.seconds = std::chrono::duration<double>(Clock::now() - m_started).count();
    return timings;
}

nlohmann::ordered_json RunRecord::decodingJson(const DecodingOptions &options, bool withBatch)
{
    nlohmann::ordered_json decoding{{"max_new_tokens", options.maxNewTokens},
                                    {"temperature", options.temperature},
                                    {"top_p", options.topP},
                                    {"seed", options.seed},
                                    {"stop", options.stopStrings}};
    if (withBatch)
        decoding["batch"] = options.batchSize;
    return decoding;
}

models::GenerationOptions RunRecord::generationOptions(const DecodingOptions &options, const JobControl *job)
{
    models::GenerationOptions generation;
    generation.maxNewTokens = options.maxNewTokens;
    generation.doSample = options.temperature > 0;
    generation.temperature = options.temperature;
    generation.topP = options.topP;
    generation.seed = options.seed;
    generation.stopStrings = options.stopStrings;
    generation.job = job;
    return generation;
}

} // namespace vindex::decode
