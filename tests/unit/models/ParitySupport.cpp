#include "ParitySupport.h"

#include "vindex/io/SafetensorsFile.h"
#include "vindex/models/TorchTensors.h"

#include <limits>

namespace testsupport {

at::Tensor expectedTensor(const std::string &fixtureFolder, const std::string &name)
{
    // A shared fixture by name, or a project fixture by its absolute path (projectFixture).
    const std::string folder = fixtureFolder.front() == '/' ? fixtureFolder : fixture(fixtureFolder);
    const auto file = vindex::io::SafetensorsFile::open(folder + "/expected.safetensors");
    return vindex::models::toTorch(file.tensor(name)).clone();
}

std::vector<int64_t> idsOf(const at::Tensor &tensor)
{
    const at::Tensor flat = tensor.to(at::kLong).contiguous().view({-1});
    return {flat.data_ptr<int64_t>(), flat.data_ptr<int64_t>() + flat.numel()};
}

double maxAbsError(const at::Tensor &actual, const at::Tensor &expected)
{
    if (actual.sizes() != expected.sizes())
        return std::numeric_limits<double>::infinity();
    if (actual.numel() == 0)
        return 0.0;
    return (actual.to(at::kCPU, at::kDouble) - expected.to(at::kCPU, at::kDouble)).abs().max().item<double>();
}

double float32Tolerance(std::initializer_list<int64_t> reductionLengths, double scale)
{
    constexpr double u = 1.0 / 16777216.0; // 2^-24: float32's unit roundoff
    int64_t terms = 0;
    for (const int64_t n : reductionLengths)
        terms += n;
    return static_cast<double>(terms) * u * scale;
}

double magnitude(const at::Tensor &t)
{
    return std::max(1.0, t.numel() == 0 ? 0.0 : t.abs().max().item<double>());
}

} // namespace testsupport
