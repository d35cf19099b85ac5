#include "vindex/models/WeightLoader.h"

#include "vindex/core/Error.h"
#include "vindex/io/ShardedCheckpoint.h"
#include "vindex/models/TorchTensors.h"
#include "vindex/models/TrainableWeights.h"

#include <ATen/ATen.h>

namespace vindex::models {

struct WeightLoader::Source {
    std::string name;
    std::optional<io::ShardedCheckpoint> checkpoint;
    std::map<std::string, io::HostTensor> tensors;
};

namespace {

std::string shapeText(const std::vector<int64_t> &shape)
{
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + (shape[i] < 0 ? std::string("*") : std::to_string(shape[i]));
    return s + "]";
}

bool shapeMatches(const std::vector<int64_t> &actual, const std::vector<int64_t> &expected)
{
    if (actual.size() != expected.size())
        return false;
    for (std::size_t i = 0; i < actual.size(); ++i)
        if (expected[i] >= 0 && actual[i] != expected[i])
            return false;
    return true;
}

} // namespace

WeightLoader::WeightLoader(const std::string &path, Compute compute) : m_compute(compute)
{
    auto source = std::make_shared<Source>();
    source->checkpoint = io::ShardedCheckpoint::open(path);
    source->name = path;
    m_source = std::move(source);
}

WeightLoader::WeightLoader(std::map<std::string, io::HostTensor> tensors, std::string sourceName, Compute compute)
    : m_compute(compute)
{
    auto source = std::make_shared<Source>();
    source->name = std::move(sourceName);
    source->tensors = std::move(tensors);
    m_source = std::move(source);
}

WeightLoader::WeightLoader(std::shared_ptr<const Source> source, std::string prefix, Compute compute)
    : m_source(std::move(source)), m_prefix(std::move(prefix)), m_compute(compute)
{
}

WeightLoader::~WeightLoader() = default;
WeightLoader::WeightLoader(WeightLoader &&) noexcept = default;

WeightLoader WeightLoader::scoped(const std::string &prefix) const
{
    return WeightLoader(m_source, m_prefix + prefix, m_compute);
}

const std::string &WeightLoader::source() const
{
    return m_source->name;
}

bool WeightLoader::has(const std::string &name) const
{
    const std::string full = m_prefix + name;
    return m_source->checkpoint ? m_source->checkpoint->contains(full) : m_source->tensors.count(full) != 0;
}

io::HostTensor WeightLoader::hostTensor(const std::string &fullName) const
{
    if (m_source->checkpoint) {
        if (!m_source->checkpoint->contains(fullName))
            throw ModelError(m_source->name + ": tensor '" + fullName + "' is missing");
        return m_source->checkpoint->tensor(fullName);
    }
    const auto it = m_source->tensors.find(fullName);
    if (it == m_source->tensors.end())
        throw ModelError(m_source->name + ": tensor '" + fullName + "' is missing");
    return it->second;
}

std::vector<int64_t> WeightLoader::shapeOf(const std::string &name) const
{
    return hostTensor(m_prefix + name).shape();
}

at::Tensor WeightLoader::get(const std::string &name, const std::vector<int64_t> &expectedShape) const
{
    const std::string full = m_prefix + name;
    const io::HostTensor host = hostTensor(full);
    if (!shapeMatches(host.shape(), expectedShape))
        throw ModelError(m_source->name + ": tensor '" + full + "' has shape " + shapeText(host.shape()) +
                         ", expected " + shapeText(expectedShape));
    return get(name);
}

at::Tensor WeightLoader::get(const std::string &name) const
{
    const std::string full = m_prefix + name;
    at::Tensor t = toTorch(hostTensor(full));
    if (!at::isFloatingType(t.scalar_type()))
        return t.to(m_compute.device);
    t = t.to(m_compute.device, m_compute.dtype).contiguous();
    return m_compute.trainable ? m_compute.trainable->adopt(m_source->name, full, t) : t;
}

std::optional<at::Tensor> WeightLoader::getOptional(const std::string &name,
                                                    const std::vector<int64_t> &expectedShape) const
{
    if (!has(name))
        return std::nullopt;
    return get(name, expectedShape);
}

std::vector<std::string> WeightLoader::names() const
{
    std::vector<std::string> all;
    if (m_source->checkpoint) {
        all = m_source->checkpoint->names();
    } else {
        for (const auto &[name, t] : m_source->tensors)
            all.push_back(name);
    }
    std::vector<std::string> out;
    for (const auto &n : all)
        if (n.rfind(m_prefix, 0) == 0)
            out.push_back(n.substr(m_prefix.size()));
    return out;
}

} // namespace vindex::models
