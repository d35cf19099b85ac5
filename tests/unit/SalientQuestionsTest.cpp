// Salient question answering's question file (our construction; the paper's questions were not published): built
// from BrainHub's shared boxes and salience groups, and checked against those files as read here with plain JSON —
// every answer present in its image, every distractor absent, groups as the labels file says — plus determinism
// (byte-identical files) and SplitMix64's published outputs.
#include "vindex/eval/SalientQuestions.h"
#include "TestSupport.h"
#include "vindex/core/Error.h"
#include "vindex/core/SplitMix64.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

using testsupport::errorOf;
using vindex::SplitMix64;
using vindex::eval::SalientQuestions;
using vindex::eval::SalientQuestionSet;

namespace {

const std::string kBrainHub = testsupport::fixture("../brainhub");
const std::string kTruth = kBrainHub + "/bbox/coco_bbox_categorized.json";
const std::string kLabels = kBrainHub + "/processing/coco/coco_categorized_labels.json";

bool contains(const std::vector<std::string> &list, const std::string &value)
{
    return std::find(list.begin(), list.end(), value) != list.end();
}

} // namespace

TEST(SplitMix64, GivesThePublishedSequence)
{
    // Seed 0: the first outputs of Steele, Lea and Flood's SplitMix64 (as Java's SplittableRandom and Vigna's
    // splitmix64.c give them).
    SplitMix64 random(0);
    EXPECT_EQ(random.next(), 0xE220A8397B1DCDAFULL);
    EXPECT_EQ(random.next(), 0x6E789E6AA1B965F4ULL);
    EXPECT_EQ(random.next(), 0x06C45D188009454FULL);
    // A power-of-two bound rejects nothing (2^64 mod 2^k = 0): the low bits of next().
    SplitMix64 a(42), b(42);
    for (int i = 0; i < 100; ++i)
        EXPECT_EQ(a.below(8), b.next() % 8);
    SplitMix64 c(7);
    for (int i = 0; i < 1000; ++i)
        EXPECT_LT(c.below(3), 3u);
    EXPECT_EQ(SplitMix64(1).below(1), 0u);
    EXPECT_THROW(SplitMix64(1).below(0), vindex::Error);
}

TEST(SalientQuestions, EveryAnswerIsInItsImageAndNoDistractorIs)
{
    const auto set = SalientQuestions::make(kTruth, kLabels, {});
    const nlohmann::json truth = testsupport::readJson(kTruth);
    const nlohmann::json labels = testsupport::readJson(kLabels);
    const auto vocabulary = labels["coco_cats"].get<std::vector<std::string>>();

    // One question per (image, category) of the truth.
    std::size_t pairs = 0;
    for (const auto &[key, categories] : truth.items())
        pairs += categories.size();
    EXPECT_EQ(pairs, 2419u); // BrainHub: 982 images, 2,419 (image, category) pairs
    ASSERT_EQ(set.questions.size(), pairs);

    std::map<int64_t, std::set<std::string>> asked;
    std::vector<int64_t> positions(4, 0);
    for (const auto &q : set.questions) {
        SCOPED_TRACE(q.id);
        const auto &image = truth.at(std::to_string(q.image));
        ASSERT_EQ(q.options.size(), 4u);
        ASSERT_GE(q.answer, 0);
        ASSERT_LT(q.answer, 4);
        ++positions[static_cast<std::size_t>(q.answer)];
        EXPECT_EQ(q.options[static_cast<std::size_t>(q.answer)], q.category);
        EXPECT_TRUE(image.contains(q.category));
        EXPECT_TRUE(asked[q.image].insert(q.category).second) << "asked twice";
        EXPECT_EQ(std::set<std::string>(q.options.begin(), q.options.end()).size(), 4u) << "options repeat";
        for (std::size_t k = 0; k < q.options.size(); ++k) {
            if (static_cast<int64_t>(k) == q.answer)
                continue;
            EXPECT_FALSE(image.contains(q.options[k])) << q.options[k] << " is in the image";
            EXPECT_TRUE(contains(vocabulary, q.options[k])) << q.options[k];
        }
        // Groups: exactly those of the labels file holding the category, file order; group = the smallest.
        std::vector<std::string> groups;
        std::string smallest;
        std::size_t size = 0;
        for (const auto &[name, members] : labels.items()) {
            const auto list = members.get<std::vector<std::string>>();
            if (contains(list, q.category)) {
                groups.push_back(name);
                if (smallest.empty() || list.size() < size)
                    smallest = name, size = list.size();
            }
        }
        EXPECT_EQ(q.groups, groups);
        EXPECT_EQ(q.group, smallest);
        // Distractors come from the answer's own finest group (every image leaves ≥ 3 of them absent here).
        const auto finest = labels[smallest].get<std::vector<std::string>>();
        for (std::size_t k = 0; k < q.options.size(); ++k)
            EXPECT_TRUE(contains(finest, q.options[k])) << q.options[k] << " not in " << smallest;
        EXPECT_EQ(q.question, "Which of these objects is in the image?");
        EXPECT_EQ(q.prompt, SalientQuestions::prompt(q.question, q.options));
    }
    for (const auto &[key, categories] : truth.items())
        EXPECT_EQ(asked[std::stoll(key)].size(), categories.size()) << "image " << key;
    // The answer's position is drawn uniformly: each of the four within 3 points of 25 %.
    for (const int64_t n : positions)
        EXPECT_NEAR(static_cast<double>(n) / static_cast<double>(pairs), 0.25, 0.03);

    EXPECT_EQ(set.groups, (std::vector<std::string>{"coco_cats", "salient", "salient_creatures", "salient_objects",
                                                    "inconspicuous_objects"}));
    // sha256sum of the shared files.
    EXPECT_EQ(set.truthSha256, "c428149f02503fefee50476d2baf688efdf964e43e86aee57ac6a2e1cbd05f64");
    EXPECT_EQ(set.labelsSha256, "d8a431828a6b90ecdfb5dcb733cb7aa7575bae6de66ef8cc93ca1a3902908e46");
}

TEST(SalientQuestions, PromptListsTheOptionsByLetter)
{
    EXPECT_EQ(SalientQuestions::prompt("Which of these objects is in the image?", {"cat", "dog", "car", "bus"}),
              "Which of these objects is in the image?\nA. cat\nB. dog\nC. car\nD. bus\n"
              "Answer with the object's name.");
}

TEST(SalientQuestions, SameInputsGiveTheSameBytes)
{
    testsupport::TempDir dir;
    SalientQuestions::write(SalientQuestions::make(kTruth, kLabels, {7, 0, 4}), dir.file("a.json"));
    SalientQuestions::write(SalientQuestions::make(kTruth, kLabels, {7, 0, 4}), dir.file("b.json"));
    const std::string a = testsupport::readBytes(dir.file("a.json"));
    EXPECT_FALSE(a.empty());
    EXPECT_EQ(a, testsupport::readBytes(dir.file("b.json")));
    SalientQuestions::write(SalientQuestions::make(kTruth, kLabels, {8, 0, 4}), dir.file("c.json"));
    EXPECT_NE(a, testsupport::readBytes(dir.file("c.json")));

    // The file as documented, and read back whole.
    const nlohmann::json document = testsupport::readJson(dir.file("a.json"));
    EXPECT_EQ(document["format"], "vindex-salient-qa/1");
    EXPECT_EQ(document["seed"], 7);
    EXPECT_EQ(document["truth"]["file"], kTruth);
    EXPECT_EQ(document["labels"]["file"], kLabels);
    const auto read = SalientQuestions::read(dir.file("a.json"));
    const auto made = SalientQuestions::make(kTruth, kLabels, {7, 0, 4});
    ASSERT_EQ(read.questions.size(), made.questions.size());
    EXPECT_EQ(read.options.seed, 7u);
    EXPECT_EQ(SalientQuestions::toJson(read), a);
}

TEST(SalientQuestions, PerImagePrefersSalientCategories)
{
    const auto set = SalientQuestions::make(kTruth, kLabels, {0, 1, 4});
    const nlohmann::json truth = testsupport::readJson(kTruth);
    const auto salient = testsupport::readJson(kLabels)["salient"].get<std::vector<std::string>>();
    ASSERT_EQ(set.questions.size(), truth.size()); // every image has at least one category
    for (const auto &q : set.questions) {
        bool anySalient = false;
        for (const auto &[category, boxes] : truth[std::to_string(q.image)].items())
            anySalient |= contains(salient, category);
        EXPECT_EQ(contains(salient, q.category), anySalient) << q.id;
    }
}

TEST(SalientQuestions, WithoutLabelsEveryQuestionIsInGroupAll)
{
    const auto set = SalientQuestions::make(kTruth, "", {});
    EXPECT_EQ(set.groups, std::vector<std::string>{"all"});
    ASSERT_FALSE(set.questions.empty());
    EXPECT_EQ(set.questions.front().groups, std::vector<std::string>{"all"});
    EXPECT_TRUE(set.labelsFile.empty());
}

TEST(SalientQuestions, MalformedFilesAreNamed)
{
    testsupport::TempDir dir;
    const auto write = [&](const std::string &questions) {
        testsupport::writeBytes(dir.file("q.json"),
                                R"({"format": "vindex-salient-qa/1", "questions": [)" + questions + "]}");
        return errorOf([&] { SalientQuestions::read(dir.file("q.json")); });
    };
    const std::string ok = R"("prompt": "p", "options": ["a", "b"])";
    EXPECT_NE(write(R"({"id": "x", "image": 0, )" + ok + R"(, "answer": 2})").find("\"answer\" must index"),
              std::string::npos);
    EXPECT_NE(write(R"({"id": "x", "image": 0, "prompt": "p", "options": ["a"], "answer": 0})").find("options"),
              std::string::npos);
    const std::string twice = write(R"({"id": "x", "image": 0, )" + ok + R"(, "answer": 0}, {"id": "x", "image": 1, )" +
                                    ok + R"(, "answer": 0})");
    EXPECT_NE(twice.find("used twice"), std::string::npos) << twice;
    EXPECT_NE(twice.find(dir.file("q.json")), std::string::npos) << twice;
    testsupport::writeBytes(dir.file("q.json"),
                            R"({"questions": [{"id": "x", "image": 0, )" + ok + R"(, "answer": 1}]})");
    EXPECT_NO_THROW(SalientQuestions::read(dir.file("q.json")));
    EXPECT_THROW(SalientQuestions::make(kTruth, kLabels, {0, 0, 1}), vindex::DataError);
}
