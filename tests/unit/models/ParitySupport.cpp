#include "ParitySupport.h"

#include "vindex/io/SafetensorsFile.h"
#include "vindex/models/TorchTensors.h"

#include <limits>

namespace testsupport {

at::Tensor expectedTensor(const std::string &fixtureFolder, const std::string &name)
{
    const auto file = vindex::io::SafetensorsFile::open(fixture(fixtureFolder + "/expected.safetensors"));
    return vindex::models::toTorch(file.tensor(name)).clone();
}

double maxAbsError(const at::Tensor &actual, const at::Tensor &expected)
{
    if (actual.sizes() != expected.sizes())
        return std::numeric_limits<double>::infinity();
    if (actual.numel() == 0)
        return 0.0;
    return (actual.to(at::kCPU, at::kDouble) - expected.to(at::kCPU, at::kDouble)).abs().max().item<double>();
}

} // namespace testsupport
