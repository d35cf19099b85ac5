#include "TestSupport.h"

#include "vindex/core/Error.h"
#include "vindex/data/Session.h"
#include "vindex/eval/CaptionImages.h"
#include "vindex/io/ImageFile.h"

#include <gtest/gtest.h>

using testsupport::errorOf;
using testsupport::fixture;
using vindex::eval::CaptionImages;

TEST(CaptionImages, FindsImagesNamedById)
{
    testsupport::TempDir dir;
    testsupport::writeBytes(dir.file("7.png"), testsupport::readBytes(fixture("llava-tiny/image.png")));
    CaptionImages images;
    EXPECT_TRUE(images.empty());
    EXPECT_NE(errorOf([&] { images.image("7"); }).find("no image source for caption id '7'"), std::string::npos);
    images.setFolder(dir.path().string());
    EXPECT_FALSE(images.empty());
    EXPECT_EQ(images.locate("7"), dir.file("7.png"));
    const auto image = images.image("7");
    const auto original = vindex::io::ImageFile::read(fixture("llava-tiny/image.png"));
    EXPECT_EQ(image.pixels, original.pixels);
    EXPECT_NE(errorOf([&] { images.image("8"); }).find("no image for caption id '8' (looked for 8.png"),
              std::string::npos);
    EXPECT_NE(errorOf([&] { images.image("../7"); }).find("no image for caption id '../7'"), std::string::npos);
    EXPECT_NE(errorOf([&] { images.setFolder(dir.file("7.png")); }).find("not a folder"), std::string::npos);
    EXPECT_EQ(images.describe(), "folder " + dir.path().string());
}

TEST(CaptionImages, TakesTheTestIndexOfAnNsdSubjectWhenTheFolderLacksTheId)
{
    const auto session = vindex::data::Session::open(fixture("mini-nsd"));
    const auto subject = session.subject(1);
    const int64_t count = subject.trialCount(vindex::data::Split::Test);
    ASSERT_GT(count, 1);
    CaptionImages images;
    images.setSubject(fixture("mini-nsd"), 1);
    const auto imageId = subject.trial(vindex::data::Split::Test, 1).imageId;
    EXPECT_EQ(images.image("1").pixels, subject.image(imageId).pixels);
    EXPECT_NE(images.locate("1").find("test index 1 (73k id " + std::to_string(imageId) + ")"), std::string::npos);
    EXPECT_NE(errorOf([&] { images.image(std::to_string(count)); }).find("is not a test index of NSD subject 1"),
              std::string::npos);
    EXPECT_NE(errorOf([&] { images.image("x1"); }).find("caption id 'x1' is not a test index"), std::string::npos);

    // A folder first: its file wins, the subject answers the rest.
    testsupport::TempDir dir;
    testsupport::writeBytes(dir.file("1.png"), testsupport::readBytes(fixture("llava-tiny/image.png")));
    images.setFolder(dir.path().string());
    EXPECT_EQ(images.locate("1"), dir.file("1.png"));
    EXPECT_EQ(images.image("0").pixels, subject.image(subject.trial(vindex::data::Split::Test, 0).imageId).pixels);
    EXPECT_NE(images.describe().find(" + NSD "), std::string::npos);
    EXPECT_THROW(images.setSubject(fixture("mini-nsd"), 8), vindex::DataError);
}
