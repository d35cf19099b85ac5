#include "vindex/models/BrainEncoder.h"

#include "vindex/core/Error.h"
#include "vindex/io/SafetensorsFile.h"
#include "vindex/io/TorchCheckpoint.h"
#include "vindex/models/BrainX.h"
#include "vindex/models/BrainXS.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>

namespace vindex::models {

namespace {

bool endsWith(const std::string &s, const std::string &suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string shapeText(at::IntArrayRef shape)
{
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

// accelerate/DataParallel wrappers save every name under "module."; the model inside is what we want.
WeightLoader withoutModulePrefix(WeightLoader weights)
{
    const auto names = weights.names();
    for (const auto &name : names)
        if (name.rfind("module.", 0) != 0)
            return weights;
    return names.empty() ? std::move(weights) : weights.scoped("module.");
}

} // namespace

BrainEncoder::BrainEncoder(BrainPerceiver perceiver, std::string source, Compute compute)
    : m_perceiver(std::move(perceiver)), m_source(std::move(source)), m_compute(compute)
{
}

BrainEncoder::~BrainEncoder() = default;

std::string BrainEncoder::kindName() const
{
    return kind() == Kind::BrainX ? "BrainX" : "BrainXS";
}

WeightLoader BrainEncoder::openWeights(const std::string &checkpointPath, const Compute &compute)
{
    if (std::filesystem::is_directory(checkpointPath) || endsWith(checkpointPath, ".safetensors") ||
        endsWith(checkpointPath, ".json"))
        return withoutModulePrefix(WeightLoader(checkpointPath, compute));

    // A torch.save file: UMBRAE's training checkpoint keeps the weights under "model_state_dict" next to the
    // optimizer and scheduler state, which we never read; anything else is taken as a state dict.
    const auto checkpoint = io::TorchCheckpoint::load(checkpointPath);
    std::string key;
    for (const char *candidate : {"model_state_dict", "state_dict"}) {
        const io::PickleValue *entry = checkpoint.root().find(candidate);
        if (entry && entry->isDict()) {
            key = candidate;
            break;
        }
    }
    std::map<std::string, io::HostTensor> tensors;
    for (auto &[name, tensor] : checkpoint.stateDict(key))
        tensors.emplace(name, std::move(tensor));
    if (tensors.empty())
        throw ModelError(checkpointPath + ": holds no tensors (expected a state dict, or a training checkpoint "
                                          "with the weights under 'model_state_dict')");
    return withoutModulePrefix(WeightLoader(std::move(tensors), checkpointPath, compute));
}

std::optional<BrainEncoderOptions> BrainEncoder::recordedOptions(const std::string &checkpointPath)
{
    if (std::filesystem::path(checkpointPath).extension() != ".safetensors")
        return std::nullopt;
    try {
        const io::SafetensorsFile file = io::SafetensorsFile::open(checkpointPath);
        const auto it = file.metadata().find(kTrainingMetadataKey);
        if (it == file.metadata().end())
            return std::nullopt;
        const nlohmann::json encoder = nlohmann::json::parse(it->second).at("encoder");
        BrainEncoderOptions o;
        o.heads = encoder.at("heads").get<int64_t>();
        o.dimHead = encoder.at("dim_head").get<int64_t>();
        o.layerNormEps = encoder.value("layer_norm_eps", o.layerNormEps);
        return o;
    } catch (const std::exception &) {
        return std::nullopt; // unreadable here: load() reports the file's problem
    }
}

std::unique_ptr<BrainEncoder> BrainEncoder::load(const std::string &checkpointPath, const Compute &compute,
                                                 BrainEncoderOptions options)
{
    if (options.heads <= 0 || options.dimHead <= 0) {
        const BrainEncoderOptions umbrae;
        const std::optional<BrainEncoderOptions> recorded = recordedOptions(checkpointPath);
        options.heads = recorded ? recorded->heads : umbrae.heads;
        options.dimHead = recorded ? recorded->dimHead : umbrae.dimHead;
        if (recorded)
            options.layerNormEps = recorded->layerNormEps;
    }
    return load(openWeights(checkpointPath, compute), options);
}

std::unique_ptr<BrainEncoder> BrainEncoder::load(const WeightLoader &weights, BrainEncoderOptions options)
{
    const BrainEncoderOptions umbrae;
    if (options.heads <= 0 || options.dimHead <= 0) {
        options.heads = umbrae.heads;
        options.dimHead = umbrae.dimHead;
    }
    // accelerate/DataParallel prefixes (weights built in memory did not go through openWeights).
    const bool wrapped = (!weights.has("lin2.weight") && weights.has("module.lin2.weight")) ||
                         (!weights.has("perceiver.llm_proj.weight") && weights.has("module.perceiver.llm_proj.weight"));
    if (wrapped)
        return load(weights.scoped("module."), options);
    if ((weights.has("lin1.weight") || weights.has("lin1.0.weight")) && weights.has("lin2.weight"))
        return BrainXS::load(weights, options);
    const auto names = weights.names();
    for (const auto &name : names)
        if (name.rfind("lin1.fmri", 0) == 0)
            return BrainX::load(weights, options);

    std::string found;
    for (std::size_t i = 0; i < names.size() && i < 5; ++i)
        found += (i ? ", " : "") + names[i];
    if (names.size() > 5)
        found += ", … (" + std::to_string(names.size()) + " tensors)";
    throw ModelError(weights.source() +
                     ": not a UMBRAE brain encoder: expected 'lin1.weight' + 'lin2.weight' (BrainXS/BrainXC) or "
                     "'lin1.fmri{s}.weight' + 'lin2.fmri{s}.weight' (BrainX), with 'perceiver.*'; found " +
                     (found.empty() ? std::string("no tensors") : found));
}

at::Tensor BrainEncoder::prepareVoxels(const at::Tensor &voxels, int64_t expectedVoxels,
                                       const std::string &subjectText) const
{
    if (voxels.dim() != 2)
        throw ModelError(kindName() + " (" + m_source + "): voxels must be [trials, voxels], got shape " +
                         shapeText(voxels.sizes()));
    if (voxels.size(1) != expectedVoxels)
        throw ModelError(kindName() + " (" + m_source + "): " + subjectText + " takes " +
                         std::to_string(expectedVoxels) + " voxels per trial, the input has " +
                         std::to_string(voxels.size(1)));
    return voxels.to(m_compute.device, m_compute.dtype);
}

ParameterList BrainEncoder::parameters()
{
    ParameterList out;
    appendParameters(out);
    return out;
}

void BrainEncoder::makeTrainable()
{
    for (const ParameterRef &parameter : parameters())
        *parameter.tensor = parameter.tensor->detach().clone(at::MemoryFormat::Contiguous).requires_grad_(true);
}

std::vector<std::pair<std::string, at::Tensor>> BrainEncoder::stateDict() const
{
    std::vector<std::pair<std::string, at::Tensor>> out;
    // parameters() hands out writable slots; here they are only read.
    for (const ParameterRef &parameter : const_cast<BrainEncoder *>(this)->parameters())
        out.emplace_back(parameter.name, parameter.tensor->detach().clone());
    return out;
}

std::string BrainEncoder::subjectListText(const std::vector<int> &subjects)
{
    std::string s;
    for (int subject : subjects)
        s += (s.empty() ? "" : ", ") + std::to_string(subject);
    return s;
}

} // namespace vindex::models
