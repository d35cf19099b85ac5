#include "vindex/models/TrainableWeights.h"

#include "vindex/core/Error.h"
#include "vindex/io/SafetensorsWriter.h"
#include "vindex/io/ShardedCheckpoint.h"
#include "vindex/models/TorchTensors.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <filesystem>

namespace vindex::models {

at::Tensor TrainableWeights::adopt(const std::string &checkpoint, const std::string &name, const at::Tensor &loaded)
{
    for (const Entry &e : m_entries)
        if (e.checkpoint == checkpoint && e.name == name)
            return e.tensor;
    // A copy: CPU weights are memory-mapped read-only, and the optimizer updates in place.
    m_entries.push_back({checkpoint, name, loaded.detach().clone().requires_grad_(true)});
    return m_entries.back().tensor;
}

ParameterList TrainableWeights::parameters()
{
    ParameterList list;
    for (Entry &e : m_entries)
        list.push_back({std::filesystem::path(e.checkpoint).filename().string() + "/" + e.name, &e.tensor});
    return list;
}

std::vector<std::string> TrainableWeights::checkpoints() const
{
    std::vector<std::string> names;
    for (const Entry &e : m_entries)
        if (std::find(names.begin(), names.end(), e.checkpoint) == names.end())
            names.push_back(e.checkpoint);
    return names;
}

void TrainableWeights::save(const std::string &checkpoint, const std::string &outFile) const
{
    const auto loaded = checkpoints();
    if (std::find(loaded.begin(), loaded.end(), checkpoint) == loaded.end())
        throw Error(checkpoint + ": no tensor of it was loaded for training, nothing to save");
    const auto stored = io::ShardedCheckpoint::open(checkpoint);
    io::SafetensorsWriter writer;
    for (const std::string &name : stored.names()) {
        const Entry *trained = nullptr;
        for (const Entry &e : m_entries)
            if (e.checkpoint == checkpoint && e.name == name)
                trained = &e;
        if (trained)
            writer.add(name, fromTorch(trained->tensor.detach().to(at::kCPU, at::kFloat).contiguous()));
        else
            writer.add(name, stored.tensor(name));
    }
    writer.write(outFile);
}

} // namespace vindex::models
