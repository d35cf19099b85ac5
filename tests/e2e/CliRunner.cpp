#include "CliRunner.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace {

std::string quote(const std::string &s)
{
    std::string q = "'";
    for (char c : s)
        q += (c == '\'') ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

} // namespace

std::string readFileBytes(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

CliResult runCli(const std::vector<std::string> &args, const std::vector<std::string> &environment)
{
    char dir[] = "/tmp/vindex-e2e-XXXXXX";
    if (!mkdtemp(dir))
        return {};
    const std::string outPath = std::string(dir) + "/out", errPath = std::string(dir) + "/err";
    std::string command;
    if (!environment.empty()) {
        command = "env";
        for (const auto &variable : environment)
            command += " " + quote(variable);
        command += " ";
    }
    command += quote(VINDEX_CLI);
    for (const auto &a : args)
        command += " " + quote(a);
    command += " >" + quote(outPath) + " 2>" + quote(errPath) + " </dev/null";
    const int status = std::system(command.c_str());
    CliResult result;
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = readFileBytes(outPath);
    result.err = readFileBytes(errPath);
    std::remove(outPath.c_str());
    std::remove(errPath.c_str());
    rmdir(dir);
    return result;
}

std::string fixture(const std::string &relativePath)
{
    return std::string(VINDEX_FIXTURES_DIR) + "/" + relativePath;
}

std::string projectFixture(const std::string &relativePath)
{
    return (std::filesystem::path(__FILE__).parent_path().parent_path() / "fixtures" / relativePath).string();
}

std::pair<nlohmann::json, std::string> safetensorsTensor(const std::string &path, const std::string &name)
{
    const std::string bytes = readFileBytes(path);
    uint64_t length = 0;
    if (bytes.size() >= 8)
        std::memcpy(&length, bytes.data(), 8);
    const auto header = nlohmann::json::parse(bytes.substr(8, length));
    const auto &info = header.at(name);
    const std::size_t begin = info["data_offsets"][0].get<std::size_t>(),
                      end = info["data_offsets"][1].get<std::size_t>();
    return {info, bytes.substr(8 + length + begin, end - begin)};
}

std::vector<int64_t> safetensorsIds(const std::string &path, const std::string &name)
{
    const std::string bytes = safetensorsTensor(path, name).second;
    std::vector<int64_t> ids(bytes.size() / 8);
    std::memcpy(ids.data(), bytes.data(), ids.size() * 8);
    return ids;
}

void copyTensor(const std::string &from, const std::string &name, const std::string &to, const std::string &as)
{
    const auto [info, bytes] = safetensorsTensor(from, name);
    writeSafetensors(
        to, {{as, {{"dtype", info["dtype"]}, {"shape", info["shape"]}, {"data_offsets", {0, bytes.size()}}}}}, bytes);
}

nlohmann::json readJsonFile(const std::string &path)
{
    return nlohmann::json::parse(readFileBytes(path));
}

void writeSafetensors(const std::string &path, const nlohmann::json &header, const std::string &payload)
{
    std::string text = header.dump();
    text.append((8 - text.size() % 8) % 8, ' ');
    const uint64_t size = text.size();
    std::ofstream file(path, std::ios::binary);
    file.write(reinterpret_cast<const char *>(&size), 8);
    file << text << payload;
}

nlohmann::json inspectJson(const std::string &path)
{
    const auto result = runCli({"--json", "inspect", path});
    EXPECT_EQ(result.exitCode, 0) << result.err;
    return nlohmann::json::parse(result.out);
}
