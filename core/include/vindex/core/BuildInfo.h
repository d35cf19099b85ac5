#pragma once
// Versions of the engine and of the libraries it was built with, for --version and the About box.
#include <string>
#include <utility>
#include <vector>

namespace vindex {

std::string versionString(); // "0.1.0"
// {("LibTorch", "2.11.0"), ("CUDA", "13.0 (compiled in; 1 device(s) visible)"), ("cuDNN", "9.19.0"),
//  ("HDF5", "1.10.8"), ...}; a CPU-only LibTorch: ("CUDA", "not compiled in (CPU-only LibTorch)").
std::vector<std::pair<std::string, std::string>> libraryVersions();
// Whether the LibTorch this was built with has CUDA (a GPU may still be absent).
bool cudaCompiledIn();
// Whether LibTorch sees a CUDA device.
bool cudaAvailable();

} // namespace vindex
