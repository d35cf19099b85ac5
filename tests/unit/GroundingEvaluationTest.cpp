// BrainHub grounding: the README's reference values for umbrae-v-1-4 subject 1 (every group's accuracy, IoU and
// counts to 1e-6), closed-form IoUs, and malformed decoded files.
#include "vindex/eval/GroundingEvaluation.h"
#include "TestSupport.h"
#include "vindex/core/Error.h"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <regex>

using vindex::eval::Box;
using vindex::eval::GroundingEvaluation;

using testsupport::errorOf;

namespace {

const std::string kBrainHub = testsupport::fixture("../brainhub");

// The JSON block under "## Grounding reference values" in BrainHub's README.
nlohmann::json readmeReference()
{
    const std::string readme = testsupport::readBytes(kBrainHub + "/README.md");
    const std::size_t section = readme.find("## Grounding reference values");
    const std::size_t open = readme.find("```", section);
    const std::size_t begin = readme.find('\n', open) + 1;
    const std::size_t end = readme.find("```", begin);
    return nlohmann::json::parse(readme.substr(begin, end - begin));
}

} // namespace

TEST(GroundingEvaluation, ReproducesBrainHubReadme)
{
    const auto truth = vindex::data::BrainHubAnnotations::readBoxes(kBrainHub + "/bbox/coco_bbox_categorized.json");
    const auto decoded = GroundingEvaluation::readDecoded(kBrainHub + "/bbox/umbrae-v-1-4/sub01_decoded_bbox.json");
    const auto groups = GroundingEvaluation::readGroups(kBrainHub + "/processing/coco/coco_categorized_labels.json");
    const auto result = GroundingEvaluation::evaluate(truth, decoded, groups);

    const nlohmann::json reference = readmeReference();
    ASSERT_EQ(result.groups.size(), 5u);
    for (const auto &group : result.groups) {
        SCOPED_TRACE(group.group);
        ASSERT_TRUE(reference.contains(group.group));
        const auto &expected = reference[group.group];
        EXPECT_NEAR(group.accuracy, expected["accuracy"].get<double>(), 1e-6);
        EXPECT_NEAR(group.iou, expected["iou"].get<double>(), 1e-6);
        EXPECT_EQ(group.targets, expected["n_targets"].get<int64_t>());
        EXPECT_EQ(group.failed, expected["failed"].get<int64_t>());
        EXPECT_EQ(group.targetFailed, expected["target_failed"].get<int64_t>());
    }
    EXPECT_EQ(result.keyMismatchImages.size(), reference["key_mismatch_images"].size());
}

TEST(GroundingEvaluation, ClosedFormIou)
{
    EXPECT_DOUBLE_EQ(GroundingEvaluation::iou({0, 0, 0.5, 0.5}, {0, 0, 0.5, 0.5}), 1.0);
    EXPECT_DOUBLE_EQ(GroundingEvaluation::iou({0, 0, 0.5, 0.5}, {0.5, 0.5, 1, 1}), 0.0);
    // Half overlap of two unit-width strips: 1/3.
    EXPECT_NEAR(GroundingEvaluation::iou({0, 0, 0.2, 0.1}, {0.1, 0, 0.3, 0.1}), 1.0 / 3.0, 1e-6);
    EXPECT_DOUBLE_EQ(GroundingEvaluation::iou({0, 0, 0, 0}, {0.1, 0.1, 0.2, 0.2}), 0.0);
}

TEST(GroundingEvaluation, MissingCategoryIsAFailureAndAMismatch)
{
    using vindex::data::CategoryBoxes;
    using vindex::eval::DecodedCategory;
    const std::vector<std::vector<CategoryBoxes>> truth = {{{"dog", {{0, 0, 0.5, 0.5}}}, {"cat", {{0.5, 0.5, 1, 1}}}}};
    const std::vector<std::vector<DecodedCategory>> decoded = {{{"dog", Box{0, 0, 0.5, 0.5}}}};
    const auto result = GroundingEvaluation::evaluate(truth, decoded, {{"all", {"dog", "cat"}}, {"cats", {"cat"}}});
    ASSERT_EQ(result.groups.size(), 2u);
    EXPECT_EQ(result.groups[0].targets, 2);
    EXPECT_EQ(result.groups[0].failed, 1);
    EXPECT_DOUBLE_EQ(result.groups[0].accuracy, 0.5);
    EXPECT_DOUBLE_EQ(result.groups[0].iou, 0.5);
    EXPECT_EQ(result.groups[1].targets, 1);
    EXPECT_DOUBLE_EQ(result.groups[1].accuracy, 0.0);
    EXPECT_EQ(result.keyMismatchImages, std::vector<int64_t>{0});
    // A different number of test images is an error, not a shorter list.
    EXPECT_THROW(GroundingEvaluation::evaluate(truth, {}, {}), vindex::DataError);
}

TEST(GroundingEvaluation, MalformedDecodedFilesNameFileKeyAndCategory)
{
    testsupport::TempDir dir;
    const auto check = [&](const std::string &json, const std::string &needle) {
        const std::string path = dir.file("decoded.json");
        testsupport::writeBytes(path, json);
        const std::string message = errorOf([&] { (void)GroundingEvaluation::readDecoded(path); });
        EXPECT_NE(message.find(path), std::string::npos) << message;
        EXPECT_NE(message.find(needle), std::string::npos) << message;
    };
    check(R"({"0": {"dog": [[[0.1, 0.2, 0.3]]]}})", "\"0\" / \"dog\": a box is not four numbers");
    check(R"({"0": {"dog": [[[0.1, 0.2, 0.3, 0.4]], [[1, 2]]]}})", "four numbers");  // later answers are checked too
    check(R"({"0": {"dog": [[0.1, 0.2, 0.3, 0.4]]}})", "a box is not four numbers"); // one nesting level short
    check(R"({"1": {}})", "key \"1\"");
    check(R"({"0": []})", "expected {category");
    check(R"({"0": {"dog": [5]}})", "an answer is not a list");
    // An empty answer list is a failed prediction, not an error.
    testsupport::writeBytes(dir.file("empty.json"), R"({"0": {"dog": []}})");
    const auto decoded = GroundingEvaluation::readDecoded(dir.file("empty.json"));
    ASSERT_EQ(decoded.size(), 1u);
    EXPECT_FALSE(decoded[0][0].box.has_value());
}
