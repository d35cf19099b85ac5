#pragma once
// Our training checkpoint: one .safetensors file with everything a run needs to continue exactly — the encoder's
// weights under their state-dict names (so the file is also a plain encoder checkpoint for encode / caption), AdamW's
// moments as "optimizer.exp_avg.<name>" / "optimizer.exp_avg_sq.<name>", the CPU generator state as "rng.cpu" — and,
// in its metadata under "vindex.training", a JSON document (recipe, encoder architecture, optimizer groups and step
// counts, scheduler position, history, run description). Written atomically; <stem>.json next to it repeats the
// document for people and scripts. Resume reads only the .safetensors, so a crash between the two writes can never
// pair a document with other weights.
#include "vindex/models/BrainEncoder.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace vindex::io {
class SafetensorsFile;
}

namespace vindex::train {

class TrainingCheckpoint {
public:
    static constexpr const char *kMetadataKey = models::BrainEncoder::kTrainingMetadataKey;
    static constexpr const char *kFormat = "vindex-training-checkpoint";
    static constexpr int kVersion = 1;

    // state gets "format" and "version" added. Tensors are copied to the CPU.
    static void write(const std::string &path, nlohmann::ordered_json state,
                      const std::vector<std::pair<std::string, at::Tensor>> &tensors);
    // run/last.safetensors → run/last.json
    static std::string jsonPathFor(const std::string &path);
    // A .safetensors file carrying our metadata key (false for anything else, unreadable files included).
    static bool isTrainingCheckpoint(const std::string &path);

    // Throws FormatError naming the file when it is not one of ours or its document is not valid JSON.
    explicit TrainingCheckpoint(const std::string &path);
    ~TrainingCheckpoint();

    const std::string &path() const { return m_path; }
    const nlohmann::json &state() const { return m_state; }
    bool has(const std::string &name) const;
    // A CPU tensor over the mapped file (read-only); FormatError when missing.
    at::Tensor tensor(const std::string &name) const;

private:
    std::string m_path;
    std::shared_ptr<io::SafetensorsFile> m_file;
    nlohmann::json m_state;
};

} // namespace vindex::train
