// BrainHub's decoded-bbox layout: the exact text for a small case (written by hand in json.dump(indent=4) form),
// numeric key order, resume, malformed files, the reference's own file read and written back byte for byte, and
// parsed answers written, read by `vindex eval grounding`'s reader and scored.
#include "vindex/decode/GroundingResultsWriter.h"
#include "TestSupport.h"
#include "vindex/core/Error.h"
#include "vindex/decode/BoxAnswerParser.h"
#include "vindex/eval/GroundingEvaluation.h"

#include <gtest/gtest.h>

#include <filesystem>

using vindex::decode::BoxAnswerParser;
using vindex::decode::GroundingResultsWriter;

TEST(GroundingResultsWriter, WritesBrainHubLayout)
{
    testsupport::TempDir dir;
    GroundingResultsWriter writer(dir.file("decoded.json"));
    writer.set(1, "dog", {{{0.1, 0.2, 0.3, 0.4}}});
    writer.set(0, "umbrella", {{{0.034, 0.284, 0.268, 0.41}}, {{0.0, 0.0, 1.0, 1.0}, {0.5, 0.5, 0.75, 0.75}}});
    writer.set(0, "carrot", {});
    const std::string expected = R"({
    "0": {
        "umbrella": [
            [
                [
                    0.034,
                    0.284,
                    0.268,
                    0.41
                ]
            ],
            [
                [
                    0.0,
                    0.0,
                    1.0,
                    1.0
                ],
                [
                    0.5,
                    0.5,
                    0.75,
                    0.75
                ]
            ]
        ],
        "carrot": []
    },
    "1": {
        "dog": [
            [
                [
                    0.1,
                    0.2,
                    0.3,
                    0.4
                ]
            ]
        ]
    }
})";
    EXPECT_EQ(writer.toJson(), expected);
    writer.save();
    EXPECT_EQ(testsupport::readBytes(writer.path()), expected);
    // Only the target is left in the folder (the temporary file was renamed).
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 1);
}

TEST(GroundingResultsWriter, KeysInNumericOrderCategoriesInSetOrder)
{
    testsupport::TempDir dir;
    GroundingResultsWriter writer(dir.file("decoded.json"));
    for (int64_t index : {10, 2, 1, 0})
        writer.set(index, "person", {});
    writer.set(2, "car", {});
    writer.set(2, "bus", {});
    writer.set(2, "person", {{{0, 0, 1, 1}}}); // replaces, keeps its place
    writer.addIndex(5);
    EXPECT_EQ(writer.indices(), (std::vector<int64_t>{0, 1, 2, 5, 10}));
    EXPECT_EQ(writer.categories(2), (std::vector<std::string>{"person", "car", "bus"}));
    EXPECT_TRUE(writer.categories(5).empty());
    EXPECT_EQ(writer.pairCount(), 6u);
    const nlohmann::ordered_json document = nlohmann::ordered_json::parse(writer.toJson());
    std::vector<std::string> keys;
    for (const auto &item : document.items())
        keys.push_back(item.key());
    EXPECT_EQ(keys, (std::vector<std::string>{"0", "1", "2", "5", "10"}));
    EXPECT_EQ(document["5"], nlohmann::ordered_json::object());
    EXPECT_EQ(document["2"]["person"], nlohmann::ordered_json::parse("[[[0.0, 0.0, 1.0, 1.0]]]"));
    EXPECT_THROW(writer.set(-1, "dog", {}), vindex::Error);
    EXPECT_THROW(writer.set(0, "", {}), vindex::Error);
}

TEST(GroundingResultsWriter, ResumesFromItsFile)
{
    testsupport::TempDir dir;
    const std::string path = dir.file("decoded.json");
    {
        GroundingResultsWriter first(path);
        EXPECT_FALSE(first.load()); // nothing yet
        first.set(0, "person", {{{0.1, 0.2, 0.3, 0.4}}});
        first.set(0, "kite", {}); // decoded, no box: done all the same
        first.set(3, "dog", {{{0.5, 0.5, 0.6, 0.6}}});
        first.save();
    }
    GroundingResultsWriter second(path);
    ASSERT_TRUE(second.load());
    EXPECT_EQ(second.indices(), (std::vector<int64_t>{0, 3}));
    EXPECT_TRUE(second.has(0, "person"));
    EXPECT_TRUE(second.has(0, "kite"));
    EXPECT_FALSE(second.has(0, "dog"));
    EXPECT_FALSE(second.has(1, "person"));
    EXPECT_FALSE(second.hasIndex(1));
    ASSERT_NE(second.answers(3, "dog"), nullptr);
    EXPECT_EQ(*second.answers(3, "dog"), (GroundingResultsWriter::Answers{{{0.5, 0.5, 0.6, 0.6}}}));
    EXPECT_TRUE(second.answers(0, "kite")->empty());
    EXPECT_EQ(second.answers(2, "dog"), nullptr);
    // Continue and save: the earlier entries stay.
    second.set(1, "cat", {});
    second.save();
    GroundingResultsWriter third(path);
    ASSERT_TRUE(third.load());
    EXPECT_EQ(third.indices(), (std::vector<int64_t>{0, 1, 3}));
    EXPECT_EQ(third.pairCount(), 4u);
}

TEST(GroundingResultsWriter, RejectsMalformedFilesAndKeepsItsEntries)
{
    testsupport::TempDir dir;
    const std::string path = dir.file("decoded.json");
    const auto errorOf = [&](const std::string &text) -> std::string {
        testsupport::writeBytes(path, text);
        GroundingResultsWriter writer(path);
        writer.set(7, "dog", {});
        try {
            writer.load();
        } catch (const vindex::FormatError &e) {
            EXPECT_TRUE(writer.has(7, "dog")) << text;
            return e.what();
        }
        return {};
    };
    EXPECT_NE(errorOf("{\"0\": ").find("is not valid JSON"), std::string::npos);
    EXPECT_NE(errorOf("[]").find("expected an object"), std::string::npos);
    EXPECT_NE(errorOf("{\"01\": {}}").find("key \"01\""), std::string::npos);
    EXPECT_NE(errorOf("{\"-1\": {}}").find("key \"-1\""), std::string::npos);
    EXPECT_NE(errorOf("{\"a\": {}}").find("key \"a\""), std::string::npos);
    EXPECT_NE(errorOf("{\"0\": []}").find("\"0\": expected"), std::string::npos);
    EXPECT_NE(errorOf("{\"0\": {\"dog\": {}}}").find("\"0\" / \"dog\""), std::string::npos);
    EXPECT_NE(errorOf("{\"0\": {\"dog\": [[0.1, 0.2, 0.3, 0.4]]}}").find("a box is not four numbers"),
              std::string::npos);
    EXPECT_NE(errorOf("{\"0\": {\"dog\": [[[0.1, 0.2, 0.3]]]}}").find("a box is not four numbers"), std::string::npos);
    EXPECT_NE(errorOf("{\"0\": {\"dog\": [[[0.1, 0.2, 0.3, \"x\"]]]}}").find("a box is not four numbers"),
              std::string::npos);
    EXPECT_EQ(errorOf("{}"), ""); // an empty file of results is fine
}

TEST(GroundingResultsWriter, ReferenceFileRoundTripsByteForByte)
{
    // UMBRAE's own output (json.dump(rec_result, f, indent=4)): read back and written again, nothing changes.
    const std::string reference = testsupport::fixture("../brainhub/bbox/umbrae-v-1-4/sub01_decoded_bbox.json");
    testsupport::TempDir dir;
    const std::string copy = dir.file("decoded.json");
    testsupport::writeBytes(copy, testsupport::readBytes(reference));
    GroundingResultsWriter writer(copy);
    ASSERT_TRUE(writer.load());
    EXPECT_EQ(writer.indices().size(), 982u);
    EXPECT_EQ(writer.toJson(), testsupport::readBytes(reference));
}

TEST(GroundingResultsWriter, ParsedAnswersAreScoredByEvalGrounding)
{
    // Three test images, answers as Shikra writes them, through the parser and the writer into the evaluator.
    testsupport::TempDir dir;
    GroundingResultsWriter writer(dir.file("decoded.json"));
    const auto boxesOf = [](const std::string &answer) { return BoxAnswerParser::parse(answer).boxAnswers(); };
    writer.set(0, "dog", boxesOf("Answer: [0.100,0.200,0.500,0.600] ."));
    writer.set(0, "cat", boxesOf("[0.5,0.5,0.9,0.9;0.1,0.1,0.2,0.2] and [0.0,0.0,1.0,1.0]"));
    writer.set(1, "person", boxesOf("I cannot see one."));
    writer.set(2, "kite", boxesOf("[0.1, 0.2, 0.3, 0.4] [0.25,0.25,0.75,0.75]")); // the first pair fails
    writer.save();

    const auto decoded = vindex::eval::GroundingEvaluation::readDecoded(writer.path());
    ASSERT_EQ(decoded.size(), 3u);
    ASSERT_EQ(decoded[0].size(), 2u);
    EXPECT_EQ(decoded[0][0].category, "dog");
    ASSERT_TRUE(decoded[0][0].box.has_value());
    EXPECT_EQ(*decoded[0][0].box, (vindex::eval::Box{0.1, 0.2, 0.5, 0.6}));
    EXPECT_EQ(decoded[0][1].category, "cat");
    ASSERT_TRUE(decoded[0][1].box.has_value());
    EXPECT_EQ(*decoded[0][1].box, (vindex::eval::Box{0.5, 0.5, 0.9, 0.9})); // first box of the first answer
    EXPECT_EQ(decoded[1][0].category, "person");
    EXPECT_FALSE(decoded[1][0].box.has_value());
    ASSERT_TRUE(decoded[2][0].box.has_value());
    EXPECT_EQ(*decoded[2][0].box, (vindex::eval::Box{0.25, 0.25, 0.75, 0.75}));

    // Scored against a truth equal to the decoded boxes: every found box has IoU 1, the missing one 0.
    std::vector<std::vector<vindex::data::CategoryBoxes>> truth{
        {{"dog", {{0.1, 0.2, 0.5, 0.6}}}, {"cat", {{0.5, 0.5, 0.9, 0.9}}}},
        {{"person", {{0.0, 0.0, 0.5, 0.5}}}},
        {{"kite", {{0.25, 0.25, 0.75, 0.75}}}}};
    const auto result =
        vindex::eval::GroundingEvaluation::evaluate(truth, decoded, {{"all", {"dog", "cat", "person", "kite"}}});
    ASSERT_EQ(result.groups.size(), 1u);
    EXPECT_EQ(result.groups[0].targets, 4);
    EXPECT_EQ(result.groups[0].failed, 1);
    EXPECT_DOUBLE_EQ(result.groups[0].accuracy, 0.75);
    EXPECT_DOUBLE_EQ(result.groups[0].iou, 0.75);
}
