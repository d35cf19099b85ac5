// BrainHub's test-set captions and boxes: the counts method.md states for the benchmark (982 images, 4,913 captions,
// 5,829 boxes, 80 classes) and errors that name the file and the key for malformed files.
#include "vindex/data/BrainHubAnnotations.h"
#include "TestSupport.h"
#include "vindex/core/Error.h"

#include <gtest/gtest.h>

#include <functional>
#include <set>

using vindex::DataError;
using vindex::FormatError;
using vindex::data::BrainHubAnnotations;

using testsupport::errorOf;

namespace {

const std::string kBrainHub = testsupport::fixture("../brainhub");

} // namespace

TEST(BrainHubAnnotations, BenchmarkCountsFromMethodMd)
{
    const BrainHubAnnotations annotations = BrainHubAnnotations::open(kBrainHub);
    ASSERT_TRUE(annotations.hasCaptions());
    ASSERT_TRUE(annotations.hasBoxes());
    EXPECT_EQ(annotations.size(), 982);
    std::size_t captions = 0, boxes = 0;
    std::set<std::string> classes;
    for (int64_t i = 0; i < annotations.size(); ++i) {
        captions += annotations.captions(i).size();
        for (const auto &category : annotations.boxes(i)) {
            classes.insert(category.category);
            boxes += category.boxes.size();
            for (const auto &box : category.boxes)
                for (double v : box) {
                    EXPECT_GE(v, 0.0);
                    EXPECT_LE(v, 1.0);
                }
        }
    }
    EXPECT_EQ(captions, 4913u);
    EXPECT_EQ(boxes, 5829u);
    EXPECT_EQ(classes.size(), 80u);
    // The first test image of UMBRAE's order is the market scene the first reference caption describes.
    EXPECT_EQ(annotations.captions(0).front(), "People shopping in an open market for vegetables.");
    // Categories in file order (the order UMBRAE asks them in), not sorted: image 0 lists umbrella, carrot, person.
    std::vector<std::string> first;
    for (const auto &category : annotations.boxes(0))
        first.push_back(category.category);
    EXPECT_EQ(first, (std::vector<std::string>{"umbrella", "carrot", "person"}));
    EXPECT_THROW(annotations.captions(982), DataError);
    EXPECT_THROW(annotations.boxes(-1), DataError);
}

TEST(BrainHubAnnotations, MalformedFilesNameFileAndKey)
{
    testsupport::TempDir dir;
    const auto check = [&](const std::string &json, bool boxes, const std::string &needle) {
        const std::string path = dir.file(boxes ? "boxes.json" : "captions.json");
        testsupport::writeBytes(path, json);
        const std::string message = errorOf([&] {
            if (boxes)
                (void)BrainHubAnnotations::readBoxes(path);
            else
                (void)BrainHubAnnotations::readCaptions(path);
        });
        EXPECT_NE(message.find(path), std::string::npos) << message;
        EXPECT_NE(message.find(needle), std::string::npos) << message;
    };
    check(R"({"0": ["a"], "2": ["b"]})", false, "\"2\"");                // a gap in the indices
    check(R"({"0": ["a"], "x": ["b"]})", false, "\"x\"");                // not an index
    check(R"({"0": ["a", 3]})", false, "not a string");                  // non-string caption
    check(R"(["a"])", false, "keyed by test index");                     // not an object
    check(R"({"0": {"dog": [[0.1, 0.2, 0.3]]}})", true, "four numbers"); // three numbers
    check(R"({"0": {"dog": [[0.1, 0.2, 0.3, "x"]]}})", true, "\"0\" / \"dog\"");
    check(R"({"0": {"dog": 1}})", true, "list of boxes");
    check(R"({"0": [)", true, "not valid JSON");

    const std::string message = errorOf([&] { (void)BrainHubAnnotations::open(dir.file("nothing")); });
    EXPECT_NE(message.find("caption/fmri_cococap.json"), std::string::npos) << message;
}
