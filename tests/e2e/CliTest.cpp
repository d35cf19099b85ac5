#include "CliRunner.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>

TEST(Cli, VersionPrintsTheProjectVersion)
{
    const auto result = runCli({"--version"});
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_NE(result.out.find("vindex 0."), std::string::npos) << result.out;
}

// The LibTorch CMake found (its version and library folder, passed in by the build) is what --version names and what
// the program loads.
TEST(Cli, VersionNamesTheLibTorchItWasBuiltWith)
{
    const auto result = runCli({"--version"});
    ASSERT_EQ(result.exitCode, 0);
    EXPECT_NE(result.out.find("LibTorch " VINDEX_TORCH_VERSION "\n"), std::string::npos) << result.out;
    if (VINDEX_TORCH_CUDA) {
        EXPECT_NE(result.out.find("CUDA " VINDEX_TORCH_CUDA_VERSION " (compiled in; "), std::string::npos)
            << result.out;
        EXPECT_NE(result.out.find("cuDNN "), std::string::npos) << result.out;
    } else {
        EXPECT_NE(result.out.find("CUDA not compiled in"), std::string::npos) << result.out;
    }
}

TEST(Cli, LoadsTheLibTorchItWasBuiltWith)
{
    std::unique_ptr<FILE, int (*)(FILE *)> ldd(popen(("ldd '" + std::string(VINDEX_CLI) + "'").c_str(), "r"), pclose);
    ASSERT_TRUE(ldd);
    std::string text;
    std::array<char, 4096> buffer{};
    while (std::fgets(buffer.data(), buffer.size(), ldd.get()))
        text += buffer.data();
    // "libtorch_cpu.so => /path (0x…)"; Debian's has a versioned name (libtorch_cpu.so.1.13).
    const auto name = text.find("libtorch_cpu.so"), arrow = text.find(" => ", name);
    ASSERT_NE(name, std::string::npos) << text;
    ASSERT_NE(arrow, std::string::npos) << text;
    const auto from = arrow + 4;
    const std::string path = text.substr(from, text.find(' ', from) - from);
    EXPECT_EQ(std::filesystem::canonical(path).parent_path(), std::filesystem::canonical(VINDEX_TORCH_LIBRARY_DIR))
        << text;
}

TEST(Cli, HelpListsTheCommands)
{
    const auto result = runCli({"--help"});
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_NE(result.out.find("inspect"), std::string::npos) << result.out;
}
