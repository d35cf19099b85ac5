// `vindex ground` with shikra-tiny: --categories coco over mini-nsd subject 1's test trials against a small BrainHub
// truth file made from mini-nsd's drawn boxes writes the decoded-bbox layout that `vindex eval grounding` scores;
// --expr on an image; resume skips finished (index, category) pairs; bad requests get one clear error. The tiny model
// is untrained, so its answers hold no boxes: what is checked is the layout, the categories and the bookkeeping.
#include "CliRunner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

class GroundFolder {
public:
    explicit GroundFolder(const std::string &name)
        : m_path(fs::temp_directory_path() / ("vindex-ground-" + name + "-" + std::to_string(::getpid())))
    {
        fs::remove_all(m_path);
        fs::create_directories(m_path / "bbox");
    }
    ~GroundFolder() { fs::remove_all(m_path); }
    std::string file(const std::string &name) const { return (m_path / name).string(); }

private:
    fs::path m_path;
};

// BrainHub's truth layout for mini-nsd subject 1's test trials: test index i → the category drawn in its image, the
// box as fractions of the 64×48 stimulus (expected.json's "boxes"). extra adds categories after it.
nlohmann::ordered_json miniNsdTruth(const std::map<int, nlohmann::ordered_json> &extra = {})
{
    const auto expected = readJsonFile(fixture("mini-nsd/expected.json"));
    const auto testImages = expected["subjects"]["1"]["splits"]["test"];
    nlohmann::ordered_json truth = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < testImages.size(); ++i) {
        const auto &drawn = expected["boxes"][std::to_string(testImages[i].get<int>())];
        const auto xyxy = drawn["xyxy"].get<std::vector<double>>();
        nlohmann::ordered_json categories = nlohmann::ordered_json::object();
        categories[drawn["category"].get<std::string>()] = {
            {xyxy[0] / 64.0, xyxy[1] / 48.0, xyxy[2] / 64.0, xyxy[3] / 48.0}};
        if (const auto more = extra.find(static_cast<int>(i)); more != extra.end())
            categories.update(more->second);
        truth[std::to_string(i)] = categories;
    }
    return truth;
}

void writeJson(const std::string &path, const nlohmann::ordered_json &json)
{
    std::ofstream(path) << json.dump(1);
}

std::vector<std::string> keysOf(const nlohmann::ordered_json &object)
{
    std::vector<std::string> keys;
    for (const auto &item : object.items())
        keys.push_back(item.key());
    return keys;
}

nlohmann::ordered_json readOrdered(const std::string &path)
{
    std::ifstream in(path);
    return nlohmann::ordered_json::parse(in);
}

// shikra-tiny's brain features [1, 16, 64] repeated into a features file of `rows` trials.
void writeBrainFeatures(const std::string &path, int rows)
{
    std::ifstream in(fixture("shikra-tiny/expected.safetensors"), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    uint64_t length = 0;
    std::memcpy(&length, bytes.data(), 8);
    const auto info = nlohmann::json::parse(bytes.substr(8, length)).at("brain_features");
    const std::size_t begin = info["data_offsets"][0].get<std::size_t>(),
                      end = info["data_offsets"][1].get<std::size_t>();
    std::string payload;
    for (int i = 0; i < rows; ++i)
        payload += bytes.substr(8 + length + begin, end - begin);
    writeSafetensors(
        path, {{"features", {{"dtype", "F32"}, {"shape", {rows, 16, 64}}, {"data_offsets", {0, payload.size()}}}}},
        payload);
}

} // namespace

TEST(GroundCommand, CocoCategoriesOfTestTrialsScoreWithEvalGrounding)
{
    GroundFolder dir("coco");
    // Test index 5 also asks for a circle after its square: categories keep the truth file's order, not sorted.
    const auto truth = miniNsdTruth({{5, {{"circle", {{0.0, 0.0, 0.5, 0.5}}}}}});
    writeJson(dir.file("bbox/truth.json"), truth);
    const auto r = runCli({"--json", "ground", "--mllm", fixture("shikra-tiny"), "--root", fixture("mini-nsd"),
                           "--subject", "1", "--categories", "coco", "--truth", dir.file("bbox/truth.json"),
                           "--max-new-tokens", "8", "--batch", "3", "--out", dir.file("sub01.json")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto document = nlohmann::json::parse(r.out);
    EXPECT_EQ(document["inputs"], truth.size());
    ASSERT_EQ(document["answers"].size(), truth.size() + 1);
    for (const auto &answer : document["answers"]) {
        EXPECT_EQ(answer["image_size"], nlohmann::json({64, 48})) << answer["source"]; // the stimuli's own size
        EXPECT_FALSE(answer["ids"].empty());
        EXPECT_FALSE(answer["resumed"].get<bool>());
    }
    EXPECT_NE(document["prompt"].get<std::string>().find("USER:Locate <expr> in <image> and provide its coordinates, "
                                                         "please ASSISTANT:"),
              std::string::npos)
        << document["prompt"];

    // BrainHub's decoded-bbox layout: every test index, its categories in the truth's order, answers of boxes.
    const auto results = readOrdered(dir.file("sub01.json"));
    ASSERT_EQ(keysOf(results), keysOf(truth));
    std::size_t failed = 0;
    for (const auto &[index, categories] : truth.items()) {
        SCOPED_TRACE(index);
        ASSERT_EQ(keysOf(results[index]), keysOf(categories));
        for (const auto &[category, answers] : results[index].items()) {
            ASSERT_TRUE(answers.is_array());
            for (const auto &answer : answers)
                for (const auto &box : answer)
                    EXPECT_EQ(box.size(), 4u);
            failed += answers.empty() || answers[0].empty() ? 1 : 0;
        }
    }
    EXPECT_EQ(keysOf(results["5"]), (std::vector<std::string>{"square", "circle"}));
    const auto manifest = readJsonFile(dir.file("sub01.json.manifest.json"));
    EXPECT_EQ(manifest["fingerprint"]["space"], "shikra");
    EXPECT_EQ(manifest["fingerprint"]["inputs"]["kind"], "stimuli");
    EXPECT_EQ(manifest["fingerprint"]["expressions"]["categories"], "coco");
    EXPECT_EQ(manifest["fingerprint"]["prompt"], "Locate <expr> in <image> and provide its coordinates, please");
    EXPECT_EQ(manifest["answers"], truth.size() + 1);

    const auto scored = runCli({"--json", "eval", "grounding", "--predictions", dir.file("sub01.json"), "--truth",
                                dir.file("bbox/truth.json")});
    ASSERT_EQ(scored.exitCode, 0) << scored.err;
    const auto scores = nlohmann::json::parse(scored.out);
    EXPECT_EQ(scores["trials"], truth.size());
    EXPECT_EQ(scores["scores"]["all"]["n_targets"], truth.size() + 1);
    EXPECT_EQ(scores["scores"]["all"]["failed"], failed); // answers without a box count as [0, 0, 0, 0]
    EXPECT_TRUE(scores["scores"]["key_mismatch_images"].empty());
}

// The brain path: brain-tiny's BrainXS on the demo dataset's test trials (200 voxels), categories from the BrainHub
// folder the demo writes; boxes are sized by each trial's stimulus, read only for its size.
TEST(GroundCommand, BrainPathWithTheBrainHubFolder)
{
    GroundFolder dir("brain");
    const auto demo = runCli({"demo", "--out", dir.file("nsd"), "--subjects", "1", "--voxels", "200", "--trials", "120",
                              "--layouts", "mindeye2"});
    ASSERT_EQ(demo.exitCode, 0) << demo.err;
    const auto r = runCli({"--json",
                           "ground",
                           "--mllm",
                           fixture("shikra-tiny"),
                           "--root",
                           dir.file("nsd"),
                           "--subject",
                           "1",
                           "--brain",
                           fixture("brain-tiny/brainxs_last.pth"),
                           "--heads",
                           "4",
                           "--dim-head",
                           "16",
                           "--categories",
                           "coco",
                           "--brainhub",
                           dir.file("nsd/brainhub"),
                           "--max-new-tokens",
                           "4",
                           "--out",
                           dir.file("boxes.json")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto document = nlohmann::json::parse(r.out);
    const std::string truth = dir.file("nsd/brainhub/bbox/coco_bbox_categorized.json");
    EXPECT_EQ(document["truth"], truth);
    ASSERT_FALSE(document["answers"].empty());
    for (const auto &answer : document["answers"])
        EXPECT_TRUE(answer["image_size"].is_array()) << answer["source"];
    EXPECT_EQ(readJsonFile(dir.file("boxes.json.manifest.json"))["fingerprint"]["inputs"]["kind"], "brain");
    const auto scored =
        runCli({"--json", "eval", "grounding", "--predictions", dir.file("boxes.json"), "--truth", truth});
    ASSERT_EQ(scored.exitCode, 0) << scored.err;
    EXPECT_EQ(nlohmann::json::parse(scored.out)["trials"], document["inputs"]);
}

TEST(GroundCommand, ExpressionsOnAnImage)
{
    GroundFolder dir("expr");
    const std::string image = fixture("llava-tiny/image.png");
    const auto r = runCli({"--json", "ground", "--mllm", fixture("shikra-tiny"), "--image", image, "--expr", "a dog",
                           "--expr", "the red ball", "--max-new-tokens", "8", "--out", dir.file("boxes.json")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto answers = nlohmann::json::parse(r.out)["answers"];
    ASSERT_EQ(answers.size(), 2u);
    EXPECT_EQ(answers[0]["category"], "a dog");
    EXPECT_EQ(answers[1]["category"], "the red ball");
    EXPECT_EQ(answers[0]["source"], image);
    EXPECT_EQ(answers[0]["image_size"], nlohmann::json({400, 300}));
    EXPECT_EQ(answers[0]["pixel_boxes"].size(), answers[0]["boxes"].size());
    // Images are keyed by their position, as the decoded-bbox layout needs test indices.
    const auto results = readOrdered(dir.file("boxes.json"));
    ASSERT_EQ(keysOf(results), std::vector<std::string>{"0"});
    EXPECT_EQ(keysOf(results["0"]), (std::vector<std::string>{"a dog", "the red ball"}));

    // The readable listing names the input and each expression.
    const auto text = runCli(
        {"ground", "--mllm", fixture("shikra-tiny"), "--image", image, "--expr", "a dog", "--max-new-tokens", "8"});
    ASSERT_EQ(text.exitCode, 0) << text.err;
    EXPECT_EQ(text.out.rfind(image + "\n  a dog: ", 0), 0u) << text.out;
}

TEST(GroundCommand, ResumeSkipsFinishedPairs)
{
    GroundFolder dir("resume");
    // Index 0 asks two categories, index 4 none (its key must still be written), index 5 two.
    const auto truth =
        miniNsdTruth({{0, {{"square", {{0.1, 0.1, 0.2, 0.2}}}}}, {5, {{"circle", {{0.0, 0.0, 0.5, 0.5}}}}}});
    auto withEmpty = truth;
    withEmpty["4"] = nlohmann::ordered_json::object();
    writeJson(dir.file("bbox/truth.json"), withEmpty);
    writeBrainFeatures(dir.file("brain.safetensors"), 6);
    const std::vector<std::string> command{"--json",
                                           "ground",
                                           "--mllm",
                                           fixture("shikra-tiny"),
                                           "--features",
                                           dir.file("brain.safetensors"),
                                           "--categories",
                                           "coco",
                                           "--truth",
                                           dir.file("bbox/truth.json"),
                                           "--max-new-tokens",
                                           "6",
                                           "--batch",
                                           "3",
                                           "--out",
                                           dir.file("boxes.json")};
    const auto full = runCli(command);
    ASSERT_EQ(full.exitCode, 0) << full.err;
    const std::size_t pairs = nlohmann::json::parse(full.out)["answers"].size();
    ASSERT_EQ(pairs, 7u); // 6 indices: 0 and 5 with two categories, 4 with none
    const auto complete = readOrdered(dir.file("boxes.json"));
    EXPECT_EQ(complete["4"], nlohmann::ordered_json::object());
    EXPECT_EQ(keysOf(complete["0"]), (std::vector<std::string>{"circle", "square"}));

    // As if the run had stopped: index 0's second category and all of index 5 not decoded yet.
    auto partial = complete;
    partial["0"].erase("square");
    partial.erase("5");
    writeJson(dir.file("boxes.json"), partial);
    const auto resumed = runCli(command);
    ASSERT_EQ(resumed.exitCode, 0) << resumed.err;
    const auto document = nlohmann::json::parse(resumed.out);
    EXPECT_EQ(document["resumed"], pairs - 3);
    std::vector<std::string> decoded;
    for (const auto &answer : document["answers"])
        if (!answer["resumed"].get<bool>())
            decoded.push_back(answer["key"].get<std::string>() + "/" + answer["category"].get<std::string>());
    EXPECT_EQ(decoded, (std::vector<std::string>{"0/square", "5/square", "5/circle"}));
    EXPECT_EQ(readOrdered(dir.file("boxes.json")), complete); // same layout and order as the uninterrupted run

    // Other settings into the same file: refused, naming what differs; a results file without manifest too.
    auto other = command;
    other[other.size() - 5] = "7"; // --max-new-tokens
    const auto refused = runCli(other);
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_NE(refused.err.find("decoding"), std::string::npos) << refused.err;
    fs::remove(dir.file("boxes.json.manifest.json"));
    const auto orphan = runCli(command);
    EXPECT_EQ(orphan.exitCode, 2);
    EXPECT_NE(orphan.err.find("without its manifest"), std::string::npos) << orphan.err;
}

TEST(GroundCommand, BadRequestsGetOneClearError)
{
    GroundFolder dir("bad");
    writeJson(dir.file("bbox/truth.json"), miniNsdTruth());
    const std::string shikra = fixture("shikra-tiny"), image = fixture("llava-tiny/image.png");
    const auto expectError = [](const CliResult &r, const std::string &needle) {
        EXPECT_EQ(r.exitCode, 2) << r.out;
        EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err; // one message
    };
    expectError(runCli({"ground", "--mllm", shikra, "--root", fixture("mini-nsd"), "--subject", "1", "--expr", "a dog",
                        "--categories", "coco", "--truth", dir.file("bbox/truth.json")}),
                "not both");
    expectError(runCli({"ground", "--mllm", shikra, "--image", image}), "--expr");
    expectError(runCli({"ground", "--mllm", fixture("llava-tiny"), "--image", image, "--expr", "a dog"}),
                fixture("llava-tiny") + ": is a LLaVA");
    expectError(runCli({"ground", "--mllm", fixture("llava-tiny"), "--image", image, "--expr", "a dog"}), "Shikra");
    expectError(
        runCli({"ground", "--mllm", shikra, "--root", fixture("mini-nsd"), "--subject", "1", "--categories", "coco"}),
        "--truth");
    expectError(runCli({"ground", "--mllm", shikra, "--root", fixture("mini-nsd"), "--subject", "1", "--categories",
                        "coco", "--brainhub", dir.file("")}),
                "coco_bbox_categorized.json");
    expectError(runCli({"ground", "--mllm", shikra, "--image", image, "--categories", "coco", "--truth",
                        dir.file("bbox/truth.json")}),
                "for images give --expr");
    expectError(runCli({"ground", "--mllm", shikra, "--image", image, "--expr", "a dog", "--prompt",
                        "Where is it in <image>?"}),
                "<expr>");
    // A truth file with fewer test indices than the split has trials.
    auto shorter = miniNsdTruth();
    shorter.erase("5");
    writeJson(dir.file("bbox/short.json"), shorter);
    expectError(runCli({"ground", "--mllm", shikra, "--root", fixture("mini-nsd"), "--subject", "1", "--categories",
                        "coco", "--truth", dir.file("bbox/short.json"), "--max-new-tokens", "2"}),
                "holds 5 test indices");
}

// Without the test tars the test order is derived from the 73k ids, which names BrainHub's keys only for a test set
// of BrainHub's size: a 982-key truth over mini-nsd's 6 derived test images is refused before any model loads,
// naming the tars that would settle the order, rather than scored in a silently different order.
TEST(GroundCommand, CategoriesAreRefusedWhenTheTestOrderCannotBeKnown)
{
    GroundFolder dir("order");
    const fs::path root = dir.file("mini-nsd"); // mini-nsd's MindEye2 and native files, linked; no tars
    fs::create_directories(root);
    for (const auto &entry : fs::directory_iterator(fixture("mini-nsd")))
        if (entry.path().filename() != "webdataset_avg_split")
            fs::create_symlink(entry.path(), root / entry.path().filename());
    auto truth = miniNsdTruth();
    for (int i = static_cast<int>(truth.size()); i < 982; ++i)
        truth[std::to_string(i)] = nlohmann::ordered_json::object();
    writeJson(dir.file("bbox/truth.json"), truth);
    const auto r = runCli({"ground", "--mllm", fixture("shikra-tiny"), "--root", root.string(), "--subject", "1",
                           "--categories", "coco", "--truth", dir.file("bbox/truth.json"), "--max-new-tokens", "2",
                           "--out", dir.file("boxes.json")});
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.err.find("982"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("webdataset_avg_split/test/test_subj01"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err; // one message
    EXPECT_FALSE(fs::exists(dir.file("boxes.json")));
}
