#pragma once
// Versions of the engine and of the libraries it was built with, for --version and the About box.
#include <string>
#include <utility>
#include <vector>

namespace vindex {

std::string versionString(); // "0.1.0"
// {("LibTorch", "1.13.0"), ("HDF5", "1.10.8"), ...}
std::vector<std::pair<std::string, std::string>> libraryVersions();
// Whether LibTorch sees a CUDA device.
bool cudaAvailable();

} // namespace vindex
