#include "CliRunner.h"

#include <gtest/gtest.h>

TEST(Cli, VersionPrintsTheProjectVersion)
{
    const auto result = runCli({"--version"});
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_NE(result.out.find("vindex 0."), std::string::npos) << result.out;
}

TEST(Cli, HelpListsTheCommands)
{
    const auto result = runCli({"--help"});
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_NE(result.out.find("inspect"), std::string::npos) << result.out;
}
