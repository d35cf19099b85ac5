#include "vindex/models/FixtureVerifier.h"

#include "vindex/core/Error.h"
#include "vindex/io/SafetensorsFile.h"
#include "vindex/models/BrainEncoder.h"
#include "vindex/models/Compute.h"
#include "vindex/models/ModelRegistry.h"
#include "vindex/models/TorchTensors.h"
#include "vindex/models/VisionTower.h"

#include <ATen/ATen.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

namespace fs = std::filesystem;

namespace vindex::models {
namespace {

double floatTolerance(const Compute &compute)
{
    if (compute.dtype != c10::kFloat)
        return 5e-2; // half precision: reported, not expected to reach fp32 parity
    return compute.device.is_cpu() ? 1e-4 : 1e-3;
}

// The reference outputs of one fixture folder.
class Reference {
public:
    explicit Reference(const std::string &folder)
        : m_file(io::SafetensorsFile::open((fs::path(folder) / "expected.safetensors").string()))
    {
    }
    at::Tensor tensor(const std::string &name) const { return toTorch(m_file.tensor(name)).clone(); }
    bool has(const std::string &name) const { return m_file.contains(name); }

private:
    io::SafetensorsFile m_file;
};

nlohmann::json readJson(const fs::path &path)
{
    std::ifstream in(path);
    if (!in)
        throw ModelError(path.string() + ": cannot be read");
    std::stringstream s;
    s << in.rdbuf();
    return nlohmann::json::parse(s.str());
}

VerifyResult compareFloat(const std::string &name, const at::Tensor &actual, const at::Tensor &expected,
                          double tolerance)
{
    VerifyResult r{name, std::numeric_limits<double>::infinity(), tolerance, false, ""};
    if (actual.sizes() != expected.sizes()) {
        std::ostringstream note;
        note << "shape " << actual.sizes() << ", expected " << expected.sizes();
        r.note = note.str();
        return r;
    }
    r.maxError = actual.numel() == 0
                     ? 0.0
                     : (actual.to(at::kCPU, at::kDouble) - expected.to(at::kCPU, at::kDouble)).abs().max().item<double>();
    r.passed = r.maxError <= tolerance;
    r.note = "max abs error";
    return r;
}

void verifyVisionTower(const std::string &folder, const Compute &compute, std::vector<VerifyResult> &results)
{
    const Reference reference(folder);
    const auto tower = VisionTower::load(folder, compute);
    const auto output = tower->forward(reference.tensor("pixel_values"), true);
    const double tol = floatTolerance(compute);
    results.push_back(compareFloat("hidden_states", at::stack(output.hiddenStates), reference.tensor("hidden_states"), tol));
    results.push_back(compareFloat("last_hidden_state", output.lastHiddenState, reference.tensor("last_hidden_state"), tol));
    if (reference.has("pooler_output"))
        results.push_back(compareFloat("pooler_output", output.pooled, reference.tensor("pooler_output"), tol));
}

void verifyBrainEncoders(const std::string &folder, const Compute &compute, std::vector<VerifyResult> &results)
{
    const Reference reference(folder);
    const auto config = readJson(fs::path(folder) / "config.json");
    const double tol = floatTolerance(compute);
    auto options = [](const nlohmann::json &c) {
        BrainEncoderOptions o;
        o.heads = c.at("heads").get<int64_t>();
        o.dimHead = c.at("dim_head").get<int64_t>();
        return o;
    };
    const auto brainxs = BrainEncoder::load((fs::path(folder) / "brainxs_last.pth").string(), compute,
                                            options(config.at("brainxs")));
    results.push_back(compareFloat("eval_output", brainxs->encode(reference.tensor("eval_input"), 0),
                                   reference.tensor("eval_output"), tol));
    const auto brainx = BrainEncoder::load((fs::path(folder) / "brainx_last.pth").string(), compute,
                                           options(config.at("brainx")));
    for (const auto &[subject, voxels] : config.at("brainx").at("voxels").items()) {
        const std::string suffix = "fmri" + subject;
        results.push_back(compareFloat("brainx_out_" + suffix,
                                       brainx->encode(reference.tensor("brainx_in_" + suffix), std::stoi(subject)),
                                       reference.tensor("brainx_out_" + suffix), tol));
    }
}

} // namespace

std::vector<VerifyResult> FixtureVerifier::verify(const std::string &folder, const std::string &device,
                                                  const std::string &dtype)
{
    const Compute compute = Compute::parse(device, dtype);
    if (!fs::exists(fs::path(folder) / "expected.safetensors"))
        throw ModelError(folder + ": not a fixture folder (no expected.safetensors)");
    std::vector<VerifyResult> results;
    at::NoGradGuard noGrad;
    if (fs::exists(fs::path(folder) / "brainxs_last.pth")) {
        verifyBrainEncoders(folder, compute, results);
        return results;
    }
    const auto description = ModelRegistry::identify(folder);
    switch (description.kind) {
    case ModelKind::ClipVision:
    case ModelKind::Dinov2:
    case ModelKind::SiglipVision: verifyVisionTower(folder, compute, results); break;
    default:
        throw ModelError(folder + ": verifying a " + std::string(modelKindName(description.kind)) +
                         " fixture is not supported");
    }
    return results;
}

} // namespace vindex::models
