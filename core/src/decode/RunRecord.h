#pragma once
// What a decoding run (CaptionRun, GroundRun) keeps beside its results file: RESULTS.manifest.json with the settings
// fingerprint, the weight files, versions and timings. The fingerprint holds everything that must match for an
// earlier results file to be continued rather than mixed with another run's output (model, space, prompt, decoding,
// inputs, device, dtype, and what the run adds); the batch size is left out, as it changes speed, not greedy text.
// Private to core.
#include "vindex/decode/RunOptions.h"
#include "vindex/decode/RunTimings.h"
#include "vindex/models/Generator.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <string>

namespace vindex::spaces {
class FeatureSpace;
}

namespace vindex::decode {

class RunInputs;

class RunRecord {
public:
    using Clock = std::chrono::steady_clock;

    // resultsPath "" = nothing is written and nothing resumed. started: when the run began (its timings count from
    // there, model load included).
    RunRecord(std::string resultsPath, nlohmann::ordered_json fingerprint, Clock::time_point started);

    static std::string manifestPathFor(const std::string &resultsPath); // RESULTS.manifest.json
    // The fingerprint of a decoding run, in this order: model (the absolute folder), space, visual_tokens, prompt,
    // what the run adds (`own`, e.g. GroundRun's expressions), decoding (without the batch), inputs, device, dtype.
    static nlohmann::ordered_json fingerprint(const std::string &modelFolder, const spaces::FeatureSpace &space,
                                              const std::string &prompt, const nlohmann::ordered_json &own,
                                              const DecodingOptions &decoding, const RunInputs &inputs);

    const std::string &resultsPath() const { return m_resultsPath; }
    std::string manifestPath() const; // "" without a results path
    const nlohmann::ordered_json &fingerprint() const { return m_fingerprint; }

    // True when an earlier run with the same fingerprint left results to continue. Error when the results exist
    // without their manifest or were made with other settings (naming the fields that differ): nothing is
    // overwritten.
    bool resumable() const;
    // Writes the results text, then the manifest — {"vindex", "libraries", "written", "fingerprint"}, details, then
    // "timings" — each atomically. Results first: a crash between the two leaves a manifest that still describes what
    // the results hold. Does nothing without a results path.
    void save(const std::string &results, const nlohmann::ordered_json &details) const;

    // Adds one batch's generation statistics to the run's.
    void count(const models::GenerationResult &generated);
    // The run's timings so far: tokens, rates of the two phases, seconds since it began.
    RunTimings timings() const;

    // The decoding settings as manifests record them (with the batch size) and fingerprints compare them (without).
    static nlohmann::ordered_json decodingJson(const DecodingOptions &options, bool withBatch);
    // The generator's options for these settings; cancel is checked between batches and steps.
    static models::GenerationOptions generationOptions(const DecodingOptions &options, const JobControl *job);

private:
    std::string m_resultsPath;
    nlohmann::ordered_json m_fingerprint;
    Clock::time_point m_started;
    int64_t m_promptTokens = 0, m_generatedTokens = 0, m_decodeTokens = 0;
    double m_prefillSeconds = 0, m_decodeSeconds = 0;
};

} // namespace vindex::decode
