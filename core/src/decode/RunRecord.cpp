#include "RunRecord.h"

#include "vindex/core/BuildInfo.h"
#include "vindex/core/Error.h"
#include "vindex/io/AtomicFile.h"
#include "vindex/io/JsonFile.h"

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

RunRecord::RunRecord(std::string resultsPath, nlohmann::ordered_json fingerprint)
    : m_resultsPath(std::move(resultsPath)), m_fingerprint(std::move(fingerprint))
{
}

std::string RunRecord::manifestPathFor(const std::string &resultsPath)
{
    return resultsPath + ".manifest.json";
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
    io::AtomicFile resultsFile(m_resultsPath);
    resultsFile.write(results);
    resultsFile.commit();
    io::AtomicFile manifestFile(manifestPath());
    manifestFile.write(manifest.dump(1) + "\n");
    manifestFile.commit();
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

models::GenerationOptions RunRecord::generationOptions(const DecodingOptions &options, const std::atomic<bool> *cancel)
{
    models::GenerationOptions generation;
    generation.maxNewTokens = options.maxNewTokens;
    generation.doSample = options.temperature > 0;
    generation.temperature = options.temperature;
    generation.topP = options.topP;
    generation.seed = options.seed;
    generation.stopStrings = options.stopStrings;
    generation.progress = Progress({}, cancel);
    return generation;
}

} // namespace vindex::decode
