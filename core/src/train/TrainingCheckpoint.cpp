#include "vindex/train/TrainingCheckpoint.h"

#include "vindex/core/Error.h"
#include "vindex/io/AtomicFile.h"
#include "vindex/io/SafetensorsFile.h"
#include "vindex/io/SafetensorsWriter.h"
#include "vindex/models/TorchTensors.h"

#include <ATen/ATen.h>

#include <filesystem>

namespace vindex::train {

void TrainingCheckpoint::write(const std::string &path, nlohmann::ordered_json state,
                               const std::vector<std::pair<std::string, at::Tensor>> &tensors)
{
    state["format"] = kFormat;
    state["version"] = kVersion;
    io::SafetensorsWriter writer;
    for (const auto &[name, tensor] : tensors)
        writer.add(name, models::fromTorch(tensor.detach()));
    const std::string document = state.dump();
    writer.setMetadata(kMetadataKey, document);
    writer.write(path);
    io::AtomicFile json(jsonPathFor(path));
    json.write(state.dump(1) + "\n");
    json.commit();
}

std::string TrainingCheckpoint::jsonPathFor(const std::string &path)
{
    return std::filesystem::path(path).replace_extension(".json").string();
}

bool TrainingCheckpoint::isTrainingCheckpoint(const std::string &path)
{
    try {
        const auto file = io::SafetensorsFile::open(path);
        return file.metadata().count(kMetadataKey) != 0;
    } catch (const Error &) {
        return false;
    }
}

TrainingCheckpoint::TrainingCheckpoint(const std::string &path)
    : m_path(path), m_file(std::make_shared<io::SafetensorsFile>(io::SafetensorsFile::open(path)))
{
    const auto it = m_file->metadata().find(kMetadataKey);
    if (it == m_file->metadata().end())
        throw FormatError(path, "not a vindex training checkpoint (no '" + std::string(kMetadataKey) +
                                    "' metadata; a plain weights file can start a run with --init)");
    try {
        m_state = nlohmann::json::parse(it->second);
    } catch (const nlohmann::json::exception &e) {
        throw FormatError(path, std::string("the training document is not valid JSON (") + e.what() + ")");
    }
    if (m_state.value("format", std::string()) != kFormat || !m_state.contains("version") ||
        !m_state["version"].is_number_integer())
        throw FormatError(path, "the training document does not say it is format '" + std::string(kFormat) + "'");
    if (m_state["version"].get<int>() > kVersion)
        throw FormatError(path, "written by a newer vindex (checkpoint version " +
                                    std::to_string(m_state["version"].get<int>()) + ", this build reads up to " +
                                    std::to_string(kVersion) + ")");
}

TrainingCheckpoint::~TrainingCheckpoint() = default;

bool TrainingCheckpoint::has(const std::string &name) const
{
    return m_file->contains(name);
}

at::Tensor TrainingCheckpoint::tensor(const std::string &name) const
{
    return models::toTorch(m_file->tensor(name));
}

} // namespace vindex::train
