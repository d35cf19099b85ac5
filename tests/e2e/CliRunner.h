#pragma once
// Runs the vindex binary the way a user does and captures stdout, stderr and the exit code.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

struct CliResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// environment: extra NAME=VALUE variables for this run only.
CliResult runCli(const std::vector<std::string> &args, const std::vector<std::string> &environment = {});
std::string fixture(const std::string &relativePath);
// The project's own fixtures (tests/fixtures, each made by a script under tests/reference).
std::string projectFixture(const std::string &relativePath);

// A file's bytes ("" when it cannot be read).
std::string readFileBytes(const std::string &path);
// One tensor of a .safetensors file, read with a plain header parse of its own: its header entry and its bytes.
std::pair<nlohmann::json, std::string> safetensorsTensor(const std::string &path, const std::string &name);
// The ids of an I64 tensor of a .safetensors file (a reference's greedy ids).
std::vector<int64_t> safetensorsIds(const std::string &path, const std::string &name);
// One tensor of a .safetensors file written alone to another under a new name (a fixture's brain features as the
// features file `vindex caption --features` reads).
void copyTensor(const std::string &from, const std::string &name, const std::string &to, const std::string &as);
// A JSON file's content.
nlohmann::json readJsonFile(const std::string &path);
// A .safetensors file from its header ({name: {dtype, shape, data_offsets}}) and the tensors' bytes; the header is
// padded to 8 bytes.
void writeSafetensors(const std::string &path, const nlohmann::json &header, const std::string &payload);
// `vindex --json inspect PATH`, parsed; the exit status must be 0.
nlohmann::json inspectJson(const std::string &path);
