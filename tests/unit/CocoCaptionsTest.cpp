#include "vindex/data/CocoCaptions.h"
#include "TestSupport.h"
#include "vindex/core/Error.h"

#include <gtest/gtest.h>

#include <string>

using vindex::data::CocoCaptions;

TEST(CocoCaptions, ReadsTheFixtureInAnnotationOrder)
{
    const auto expected = testsupport::readJson(testsupport::fixture("mini-nsd/expected.json"));
    const CocoCaptions captions =
        CocoCaptions::read(testsupport::fixture("mini-nsd/annotations/captions_val2017.json"));
    EXPECT_EQ(captions.imageCount(), 40u);
    EXPECT_EQ(captions.captionCount(), 200u);
    ASSERT_TRUE(captions.contains(100000));
    ASSERT_EQ(captions.captions(100000).size(), 5u);
    EXPECT_EQ(captions.captions(100000)[0], "a red circle on a grey background");
    EXPECT_EQ(captions.captions(100000)[1], "a red circle on a grey background (1)");
    for (const auto &[id, text] : expected["captions"].items())
        EXPECT_EQ(captions.captions(100000 + std::stoll(id)).at(0), text.get<std::string>()) << id;
    EXPECT_TRUE(captions.captions(42).empty());

    const CocoCaptions dir = CocoCaptions::readDirectory(testsupport::fixture("mini-nsd/annotations"));
    EXPECT_EQ(dir.captionCount(), 200u);
    EXPECT_EQ(dir.files().size(), 1u);
}

TEST(CocoCaptions, HostileFilesNameTheFile)
{
    testsupport::TempDir dir;
    const std::string bad = dir.file("captions_val2017.json");
    testsupport::writeBytes(bad, R"({"annotations": [{"id": 1, "image_id": 5, "caption": "x"}, )");
    try {
        CocoCaptions::read(bad);
        FAIL();
    } catch (const vindex::FormatError &e) {
        EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
    testsupport::writeBytes(bad, R"({"annotations": [{"id": 1, "caption": "no image"}]})");
    EXPECT_THROW(CocoCaptions::read(bad), vindex::FormatError);
    testsupport::writeBytes(bad, R"({"images": []})");
    EXPECT_THROW(CocoCaptions::read(bad), vindex::FormatError);
    testsupport::TempDir empty;
    try {
        CocoCaptions::readDirectory(empty.path().string());
        FAIL();
    } catch (const vindex::DataError &e) {
        EXPECT_NE(std::string(e.what()).find("captions_val2017.json"), std::string::npos) << e.what();
    }
}
