// `vindex demo --out DIR`: the synthetic dataset it writes opens in every layout with the sizes asked for, its betas
// follow the closed form sin(0.05·voxel + 0.7·image) + 0.01·repeat, and an existing folder is never overwritten.
#include "CliRunner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

struct TempFolder {
    fs::path path = fs::temp_directory_path() / ("vindex-demo-" + std::to_string(::getpid()));
    TempFolder() { fs::remove_all(path); }
    ~TempFolder() { fs::remove_all(path); }
};

} // namespace

TEST(DemoCommand, WritesEveryLayoutWithTheSizesAsked)
{
    TempFolder out;
    const auto written =
        runCli({"--json", "demo", "--out", out.path.string(), "--subjects", "3", "--voxels", "150", "--trials", "120"});
    ASSERT_EQ(written.exitCode, 0) << written.err;
    const auto report = nlohmann::json::parse(written.out);
    EXPECT_EQ(report["images"], 40); // each image three times
    EXPECT_EQ(report["world"], "shapes");
    // The simulated subject is documented beside the data: its voxel populations add up to the ROI.
    const auto simulation = readJsonFile((out.path / "simulation.json").string());
    const auto &populations = simulation["subjects"][0]["populations"];
    EXPECT_EQ(populations["contrast"].get<int>() + populations["colour"].get<int>() +
                  populations["category"].get<int>(),
              150);
    EXPECT_EQ(simulation["images"], 40);

    const auto info = runCli({"--json", "nsd", "info", "--root", out.path.string()});
    ASSERT_EQ(info.exitCode, 0) << info.err;
    const auto inventory = nlohmann::json::parse(info.out);
    ASSERT_EQ(inventory["subjects"].size(), 1u);
    const auto &subject = inventory["subjects"][0];
    EXPECT_EQ(subject["subject"], 3);
    EXPECT_EQ(subject["voxels"], 150);
    for (const char *layout : {"webdataset", "mindeye2", "native"}) {
        EXPECT_TRUE(subject["layouts"][layout]["opened"].get<bool>()) << layout;
        EXPECT_TRUE(subject["layouts"][layout]["problems"].empty()) << subject["layouts"][layout]["problems"];
    }
    // 10 % of 40 images are test images, 3 % (at least one) validation, the rest train: 4 + 1 + 35.
    EXPECT_EQ(subject["layouts"]["webdataset"]["trials"]["test"], 4);
    EXPECT_EQ(subject["layouts"]["webdataset"]["trials"]["val"], 1);
    EXPECT_EQ(subject["layouts"]["webdataset"]["trials"]["train"], 35);
    EXPECT_EQ(subject["layouts"]["native"]["trials"]["all"], 120);
    EXPECT_TRUE(inventory["problems"].empty()) << inventory["problems"];

    // Nothing is overwritten.
    const auto again = runCli({"demo", "--out", out.path.string()});
    EXPECT_EQ(again.exitCode, 2);
    EXPECT_NE(again.err.find("not empty"), std::string::npos) << again.err;
}
