#include "vindex/core/BuildInfo.h"

#include <ATen/detail/CUDAHooksInterface.h>
#include <fmt/format.h>
#include <hdf5.h>
#include <spdlog/version.h>
#include <torch/csrc/api/include/torch/version.h>
#include <torch/cuda.h>

namespace vindex {
namespace {

// CUDA's and cuDNN's version numbers as their headers write them: 13000 → "13.0", 91900 → "9.19.0" (cuDNN 9 counts
// major·10000 + minor·100 + patch; cuDNN 8 major·1000 + minor·100 + patch).
std::string cudaVersion(long v)
{
    return fmt::format("{}.{}", v / 1000, v % 1000 / 10);
}

std::string cudnnVersion(long v)
{
    return v >= 90000 ? fmt::format("{}.{}.{}", v / 10000, v / 100 % 100, v % 100)
                      : fmt::format("{}.{}.{}", v / 1000, v / 100 % 10, v % 100);
}

} // namespace

std::string versionString()
{
    return VINDEX_VERSION;
}

bool cudaCompiledIn()
{
    return at::detail::getCUDAHooks().hasCUDART();
}

std::vector<std::pair<std::string, std::string>> libraryVersions()
{
    std::vector<std::pair<std::string, std::string>> versions{
        {"LibTorch", fmt::format("{}.{}.{}", TORCH_VERSION_MAJOR, TORCH_VERSION_MINOR, TORCH_VERSION_PATCH)}};
    if (cudaCompiledIn()) {
        const auto &cuda = at::detail::getCUDAHooks();
        const int devices = cudaAvailable() ? static_cast<int>(torch::cuda::device_count()) : 0;
        versions.emplace_back("CUDA", cudaVersion(cuda.versionCUDART()) + " (compiled in; " +
                                          (devices > 0 ? std::to_string(devices) + " device(s) visible"
                                                       : std::string("no device visible")) +
                                          ")");
        versions.emplace_back("cuDNN", cuda.compiledWithCuDNN() ? cudnnVersion(cuda.versionCuDNN())
                                                                : std::string("not compiled in"));
    } else {
        versions.emplace_back("CUDA", "not compiled in (CPU-only LibTorch)");
    }
    versions.emplace_back("HDF5", fmt::format("{}.{}.{}", H5_VERS_MAJOR, H5_VERS_MINOR, H5_VERS_RELEASE));
    versions.emplace_back("spdlog", fmt::format("{}.{}.{}", SPDLOG_VER_MAJOR, SPDLOG_VER_MINOR, SPDLOG_VER_PATCH));
    versions.emplace_back("fmt",
                          fmt::format("{}.{}.{}", FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100));
    return versions;
}

bool cudaAvailable()
{
    return torch::cuda::is_available();
}

} // namespace vindex
