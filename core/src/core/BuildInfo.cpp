#include "vindex/core/BuildInfo.h"

#include <fmt/format.h>
#include <hdf5.h>
#include <spdlog/version.h>
#include <torch/csrc/api/include/torch/version.h>
#include <torch/cuda.h>

namespace vindex {

std::string versionString() { return VINDEX_VERSION; }

std::vector<std::pair<std::string, std::string>> libraryVersions()
{
    return {
        {"LibTorch", fmt::format("{}.{}.{}", TORCH_VERSION_MAJOR, TORCH_VERSION_MINOR, TORCH_VERSION_PATCH)},
        {"HDF5", fmt::format("{}.{}.{}", H5_VERS_MAJOR, H5_VERS_MINOR, H5_VERS_RELEASE)},
        {"spdlog", fmt::format("{}.{}.{}", SPDLOG_VER_MAJOR, SPDLOG_VER_MINOR, SPDLOG_VER_PATCH)},
        {"fmt", fmt::format("{}.{}.{}", FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100)},
    };
}

bool cudaAvailable() { return torch::cuda::is_available(); }

} // namespace vindex
