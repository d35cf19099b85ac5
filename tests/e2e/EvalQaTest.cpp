// `vindex eval qa` as a user runs it: questions made from a BrainHub-layout truth file for mini-nsd subject 1's test
// split (byte-identical on a second run; answers present, distractors absent, as the truth file says), answered
// from brain input (mini-nsd voxels through mmvp-tiny's UMBRAE BrainXS) and from images, with llava-hf-tiny; the
// option log-likelihoods of the fixture's questions equal transformers' (tests/fixtures/qa-llava-hf-tiny).
#include "CliRunner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

constexpr double kTolerance = 1e-4;

struct TempFolder {
    fs::path path;
    TempFolder() : path(fs::temp_directory_path() / ("vindex-eval-qa-" + std::to_string(::getpid())))
    {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempFolder() { fs::remove_all(path); }
    std::string file(const std::string &name) const { return (path / name).string(); }
};

const std::vector<std::string> kBrain = {"--root",     fixture("mini-nsd"),
                                         "--subject",  "1",
                                         "--brain",    projectFixture("mmvp-tiny/sub01_dim64/clip_224/last.pth"),
                                         "--heads",    "2",
                                         "--dim-head", "16"};

std::vector<std::string> operator+(std::vector<std::string> a, const std::vector<std::string> &b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// BrainHub's layout for mini-nsd subject 1's test split: test index i holds the shape of image test[i], its box as
// fractions of the 56 px image; the groups: one of every shape (three never drawn), round and angular ones.
void writeTruth(const std::string &truthPath, const std::string &labelsPath)
{
    const auto expected = readJsonFile(fixture("mini-nsd/expected.json"));
    nlohmann::json truth = nlohmann::json::object();
    const auto test = expected["subjects"]["1"]["splits"]["test"];
    for (std::size_t i = 0; i < test.size(); ++i) {
        const auto box = expected["boxes"][std::to_string(test[i].get<int>())];
        std::vector<double> xyxy;
        for (const auto &v : box["xyxy"])
            xyxy.push_back(v.get<double>() / 56.0);
        truth[std::to_string(i)] = {{box["category"].get<std::string>(), {xyxy}}};
    }
    std::ofstream(truthPath) << truth.dump();
    std::ofstream(labelsPath) << R"({"shapes": ["circle", "square", "triangle", "star", "hexagon"],
        "round": ["circle"], "angular": ["square", "triangle", "star", "hexagon"]})";
}

// The results file agrees with the questions: one answer per answered question, chosen = argmax of the scores
// (mean per token), correct = chosen == answer, and the accuracy counts add up per group.
void checkResults(const nlohmann::json &results, const nlohmann::json &questions, std::size_t answered)
{
    ASSERT_EQ(results["answers"].size(), answered);
    std::map<std::string, nlohmann::json> byId;
    for (const auto &q : questions["questions"])
        byId[q["id"]] = q;
    std::map<std::string, std::pair<int, int>> groups; // correct, total
    for (const auto &a : results["answers"]) {
        const auto &q = byId.at(a["id"]);
        EXPECT_EQ(a["image"], q["image"]);
        EXPECT_EQ(a["answer"], q["answer"]);
        const auto sums = a["log_likelihoods"].get<std::vector<double>>();
        const auto counts = a["token_counts"].get<std::vector<int>>();
        ASSERT_EQ(sums.size(), q["options"].size());
        std::size_t best = 0;
        for (std::size_t k = 0; k < sums.size(); ++k) {
            EXPECT_LT(sums[k], 0.0);
            EXPECT_GE(counts[k], 1);
            EXPECT_NEAR(a["scores"][k].get<double>(), sums[k] / counts[k], 1e-12);
            if (sums[k] / counts[k] > sums[best] / counts[best])
                best = k;
        }
        EXPECT_EQ(a["chosen"], best);
        EXPECT_EQ(a["correct"], a["chosen"] == q["answer"]);
        for (const std::string g : {"all"})
            groups[g].first += a["correct"].get<bool>(), ++groups[g].second;
        for (const auto &g : q["groups"])
            if (g != "all")
                groups[g.get<std::string>()].first += a["correct"].get<bool>(), ++groups[g.get<std::string>()].second;
    }
    for (const auto &[group, counts] : groups) {
        EXPECT_EQ(results["accuracy"][group]["correct"], counts.first) << group;
        EXPECT_EQ(results["accuracy"][group]["total"], counts.second) << group;
        EXPECT_NEAR(results["accuracy"][group]["accuracy"].get<double>(),
                    static_cast<double>(counts.first) / counts.second, 1e-12);
    }
}

// The fixture's reference log-likelihoods of `source` ("image" or "brain") for every answered question.
void checkParity(const nlohmann::json &results, const std::string &source)
{
    const auto expected = readJsonFile(projectFixture("qa-llava-hf-tiny/expected.json"));
    std::size_t compared = 0;
    for (const auto &reference : expected["questions"])
        for (const auto &a : results["answers"])
            if (a["id"] == reference["id"]) {
                const auto want = reference[source]["log_likelihoods"].get<std::vector<double>>();
                // A sum of n token log-probabilities, each within 1e-4 of the reference's: within n · 1e-4 (the
                // brain path adds the encoder's own float32 drift, so the sums of long options use that room).
                for (std::size_t k = 0; k < want.size(); ++k)
                    EXPECT_NEAR(a["log_likelihoods"][k].get<double>(), want[k],
                                kTolerance * a["token_counts"][k].get<double>())
                        << source << " " << a["id"] << " option " << k;
                ++compared;
            }
    EXPECT_EQ(compared, expected["questions"].size());
}

} // namespace

TEST(EvalQa, QuestionsFromTheTruthAnsweredFromBrainInput)
{
    TempFolder dir;
    writeTruth(dir.file("truth.json"), dir.file("labels.json"));
    const std::vector<std::string> make = {
        "eval", "qa", "--truth", dir.file("truth.json"), "--labels", dir.file("labels.json"), "--seed", "3"};
    const auto first = runCli(make + std::vector<std::string>{"--make-questions", dir.file("q1.json")});
    ASSERT_EQ(first.exitCode, 0) << first.err;
    const auto second = runCli(make + std::vector<std::string>{"--make-questions", dir.file("q2.json")});
    ASSERT_EQ(second.exitCode, 0) << second.err;
    EXPECT_EQ(readFileBytes(dir.file("q1.json")), readFileBytes(dir.file("q2.json")));

    const auto truth = readJsonFile(dir.file("truth.json"));
    const auto questions = readJsonFile(dir.file("q1.json"));
    EXPECT_EQ(questions["seed"], 3);
    ASSERT_EQ(questions["questions"].size(), truth.size()); // one shape per image
    for (const auto &q : questions["questions"]) {
        const auto &image = truth[std::to_string(q["image"].get<int>())];
        const auto options = q["options"].get<std::vector<std::string>>();
        ASSERT_EQ(options.size(), 4u);
        EXPECT_TRUE(image.contains(options[q["answer"].get<std::size_t>()]));
        for (std::size_t k = 0; k < options.size(); ++k)
            if (k != q["answer"].get<std::size_t>())
                EXPECT_FALSE(image.contains(options[k])) << options[k];
        const bool round = options[q["answer"].get<std::size_t>()] == "circle";
        EXPECT_EQ(q["groups"], round ? nlohmann::json({"shapes", "round"}) : nlohmann::json({"shapes", "angular"}));
    }

    const auto answered =
        runCli(std::vector<std::string>{"--json", "eval", "qa", "--questions", dir.file("q1.json"), "--mllm",
                                        fixture("llava-hf-tiny"), "--out", dir.file("brain.json")} +
               kBrain);
    ASSERT_EQ(answered.exitCode, 0) << answered.err;
    const auto results = readJsonFile(dir.file("brain.json"));
    EXPECT_EQ(results["inputs"]["kind"], "brain");
    EXPECT_EQ(results["scoring"], "mean log-probability per option token");
    checkResults(results, questions, questions["questions"].size());
    EXPECT_EQ(nlohmann::json::parse(answered.out)["accuracy"], results["accuracy"]);
}

TEST(EvalQa, OptionLogLikelihoodsEqualTransformersFromImagesAndBrain)
{
    TempFolder dir;
    const std::string questionsPath = projectFixture("qa-llava-hf-tiny/questions.json");
    const auto questions = readJsonFile(questionsPath);

    // Images named by test index: 0.png is the image the reference saw; no image for test index 7.
    fs::create_directories(dir.path / "images");
    fs::copy_file(fixture("llava-tiny/image.png"), dir.path / "images" / "0.png");
    const auto images = runCli({"eval", "qa", "--questions", questionsPath, "--mllm", fixture("llava-hf-tiny"),
                                "--images", (dir.path / "images").string(), "--out", dir.file("image.json")});
    ASSERT_EQ(images.exitCode, 0) << images.err;
    EXPECT_NE(images.out.find("all"), std::string::npos) << images.out;
    const auto imageResults = readJsonFile(dir.file("image.json"));
    checkResults(imageResults, questions, 4);
    EXPECT_EQ(imageResults["unanswered"], nlohmann::json({"7-0"}));
    checkParity(imageResults, "image");

    // The brain path on test trial 0 (mini-nsd subject 1): the reference took the same encoder's features.
    const auto brain = runCli(std::vector<std::string>{"eval", "qa", "--questions", questionsPath, "--mllm",
                                                       fixture("llava-hf-tiny"), "--out", dir.file("brain.json")} +
                              kBrain);
    ASSERT_EQ(brain.exitCode, 0) << brain.err;
    const auto brainResults = readJsonFile(dir.file("brain.json"));
    checkResults(brainResults, questions, 4);
    checkParity(brainResults, "brain");

    // The sum rule picks by the sums.
    const auto summed =
        runCli({"--json", "eval", "qa", "--questions", questionsPath, "--mllm", fixture("llava-hf-tiny"), "--images",
                (dir.path / "images").string(), "--scoring", "sum"});
    ASSERT_EQ(summed.exitCode, 0) << summed.err;
    for (const auto &a : nlohmann::json::parse(summed.out)["answers"]) {
        const auto sums = a["log_likelihoods"].get<std::vector<double>>();
        EXPECT_EQ(a["chosen"], std::max_element(sums.begin(), sums.end()) - sums.begin());
    }
}

TEST(EvalQa, RefusesWhatItCannotAnswer)
{
    const std::string questionsPath = projectFixture("qa-llava-hf-tiny/questions.json");
    // --image files carry no test index.
    auto r = runCli({"eval", "qa", "--questions", questionsPath, "--mllm", fixture("llava-hf-tiny"), "--image",
                     fixture("llava-tiny/image.png")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("named by test index"), std::string::npos) << r.err;
    // Neither making nor answering.
    r = runCli({"eval", "qa"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("--make-questions"), std::string::npos) << r.err;
    // A help text that says whose construction this is.
    r = runCli({"eval", "qa", "--help"});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_NE(r.out.find("our construction"), std::string::npos) << r.out;
}
