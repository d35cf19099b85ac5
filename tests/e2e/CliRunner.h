#pragma once
// Runs the vindex binary the way a user does and captures stdout, stderr and the exit code.
#include <string>
#include <vector>

struct CliResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

CliResult runCli(const std::vector<std::string> &args);
std::string fixture(const std::string &relativePath);
