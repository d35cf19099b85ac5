// `vindex eval grounding` on BrainHub's umbrae-v-1-4 subject 1 boxes reproduces the README's reference block (groups
// found beside the truth file), writes per-pair IoUs, and refuses malformed decoded files naming them.
#include "CliRunner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

const std::string kPredictions = fixture("../brainhub/bbox/umbrae-v-1-4/sub01_decoded_bbox.json");
const std::string kTruth = fixture("../brainhub/bbox/coco_bbox_categorized.json");

nlohmann::json readmeReference()
{
    std::ifstream in(fixture("../brainhub/README.md"));
    const std::string readme((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t open = readme.find("```", readme.find("## Grounding reference values"));
    const std::size_t begin = readme.find('\n', open) + 1;
    return nlohmann::json::parse(readme.substr(begin, readme.find("```", begin) - begin));
}

} // namespace

TEST(EvalGrounding, ReproducesTheReadmeBlock)
{
    const fs::path perPair = fs::temp_directory_path() / ("vindex-pairs-" + std::to_string(::getpid()) + ".json");
    const auto r = runCli({"--json", "eval", "grounding", "--predictions", kPredictions, "--truth", kTruth,
                           "--per-pair", perPair.string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto document = nlohmann::json::parse(r.out);
    const auto reference = readmeReference();
    const auto &scores = document["scores"];
    for (const auto &[group, expected] : reference.items()) {
        SCOPED_TRACE(group);
        ASSERT_TRUE(scores.contains(group));
        if (group == "key_mismatch_images") {
            EXPECT_EQ(scores[group], expected);
            continue;
        }
        EXPECT_NEAR(scores[group]["accuracy"].get<double>(), expected["accuracy"].get<double>(), 1e-6);
        EXPECT_NEAR(scores[group]["iou"].get<double>(), expected["iou"].get<double>(), 1e-6);
        for (const char *count : {"n_targets", "failed", "target_failed"})
            EXPECT_EQ(scores[group][count], expected[count]) << count;
    }
    const auto pairs = readJsonFile(perPair.string());
    EXPECT_EQ(pairs["pairs"].size(), reference["coco_cats"]["n_targets"].get<std::size_t>());
    fs::remove(perPair);
}

TEST(EvalGrounding, MalformedDecodedBoxesAreRefusedNamingTheFile)
{
    const fs::path bad = fs::temp_directory_path() / ("vindex-bad-boxes-" + std::to_string(::getpid()) + ".json");
    std::ofstream(bad) << R"({"0": {"person": [[[0.1, 0.2, 0.3]]]}})";
    const auto r = runCli({"eval", "grounding", "--predictions", bad.string(), "--truth", kTruth});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find(bad.string()), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("four numbers"), std::string::npos) << r.err;

    // One image instead of 982: an error, never a score over fewer images.
    std::ofstream(bad) << R"({"0": {"person": [[[0.1, 0.2, 0.3, 0.4]]]}})";
    const auto shorter = runCli({"eval", "grounding", "--predictions", bad.string(), "--truth", kTruth});
    EXPECT_EQ(shorter.exitCode, 2);
    EXPECT_NE(shorter.err.find("982"), std::string::npos) << shorter.err;
    fs::remove(bad);
}
