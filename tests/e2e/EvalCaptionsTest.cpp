// `vindex eval captions` and `vindex bench eval` on BrainHub's files, as a user runs them.
#include "CliRunner.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace {

const std::string kReferences = fixture("../brainhub/caption/fmri_cococap.json");
const std::string kBrainCap = fixture("../brainhub/caption/comparison/braincap/sub01_decoded_caption.json");
// METEOR 1.5's jar without its paraphrase stage on kBrainCap (see MeteorIsLabelledWithoutParaphrase).
constexpr double kJarMeteorNoParaphrase = 0.1586403566121474;

std::string tempPath(const std::string &name)
{
    return "/tmp/vindex-eval-" + std::to_string(::getpid()) + "-" + name;
}

} // namespace

TEST(EvalCaptions, ReproducesBrainHubScoresAsJson)
{
    const std::string perTrial = tempPath("per-trial.json");
    const auto r = runCli({"--json", "eval", "captions", "--candidates", kBrainCap, "--references", kReferences,
                           "--per-trial", perTrial});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["trials"], 982);
    EXPECT_EQ(doc["reference_captions"], 4913);
    EXPECT_TRUE(doc["skipped"].empty());
    // ../shared/brainhub/README.md, row caption/comparison/braincap/sub01_decoded_caption.json
    const auto &s = doc["scores"];
    EXPECT_NEAR(s["BLEU-1"].get<double>(), 0.5595757954, 1e-6);
    EXPECT_NEAR(s["BLEU-2"].get<double>(), 0.3620521117, 1e-6);
    EXPECT_NEAR(s["BLEU-3"].get<double>(), 0.2269994501, 1e-6);
    EXPECT_NEAR(s["BLEU-4"].get<double>(), 0.1451224911, 1e-6);
    EXPECT_NEAR(s["ROUGE-L"].get<double>(), 0.4069207701, 1e-6);
    EXPECT_NEAR(s["CIDEr"].get<double>(), 0.4130323402, 1e-6);

    const auto trials = readJsonFile(perTrial);
    std::remove(perTrial.c_str());
    ASSERT_EQ(trials["trials"].size(), 982u);
    EXPECT_EQ(trials["trials"][0]["id"], "0");
    EXPECT_EQ(trials["trials"][0]["tokens"], "a group of people eating food at a table");
    double cider = 0;
    for (const auto &t : trials["trials"])
        cider += t["CIDEr"].get<double>();
    EXPECT_NEAR(cider / 982, 0.4130323402, 1e-6);
}

TEST(EvalCaptions, PrintsAReadableTableAndSelectedMetrics)
{
    const auto r =
        runCli({"eval", "captions", "--candidates", kBrainCap, "--references", kReferences, "--metrics", "cider"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("CIDEr"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("41.30"), std::string::npos) << r.out; // the leaderboard's BrainCap CIDEr
    EXPECT_EQ(r.out.find("BLEU"), std::string::npos) << r.out;
}

TEST(EvalCaptions, RefusesMetricsNotAvailableYetAndMalformedInput)
{
    auto r =
        runCli({"eval", "captions", "--candidates", kBrainCap, "--references", kReferences, "--metrics", "bleu,spice"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("'spice' is not available: SPICE needs Stanford CoreNLP"), std::string::npos) << r.err;

    const std::string bad = tempPath("bad.json");
    std::ofstream(bad) << R"({"0": "a dog", "1": 42})";
    r = runCli({"eval", "captions", "--candidates", bad, "--references", kReferences});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find(bad + ": the caption of id '1' is a number"), std::string::npos) << r.err;

    std::ofstream(bad) << R"({"0": "a dog", "1": "a cat"})";
    r = runCli({"eval", "captions", "--candidates", bad, "--references", kReferences});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("no candidate for 980 of the 982 ids"), std::string::npos) << r.err;

    r = runCli({"--json", "eval", "captions", "--candidates", bad, "--references", kReferences, "--skip-unmatched"});
    std::remove(bad.c_str());
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["trials"], 2);
    EXPECT_EQ(doc["skipped"].size(), 980u);
}

TEST(EvalCaptions, MeteorIsLabelledWithoutParaphrase)
{
    // JSON: the score name says what it is, and a note explains it.
    auto r = runCli({"--json", "eval", "captions", "--candidates", kBrainCap, "--references", kReferences, "--metrics",
                     "meteor,cider"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_FALSE(doc["scores"].contains("METEOR"));
    // METEOR 1.5's jar without its paraphrase stage, with Debian's WordNet keyed by part of speech, scores this file
    // 0.1586403566121474 (tests/reference/meteor-noparaphrase/braincap-sub01.tsv, made by make-meteor-fixtures.sh);
    // below the published (jar, paraphrase included) METEOR of BrainCap, subject 1: 16.68.
    EXPECT_NEAR(doc["scores"]["METEOR_noparaphrase"].get<double>(), kJarMeteorNoParaphrase, 1e-12);
    EXPECT_NEAR(doc["scores"]["CIDEr"].get<double>(), 0.4130323402, 1e-6);
    EXPECT_EQ(doc["notes"]["METEOR_noparaphrase"]["label"], "METEOR (no paraphrase)");
    EXPECT_NE(doc["notes"]["METEOR_noparaphrase"]["note"].get<std::string>().find("no paraphrase"), std::string::npos);

    // The table says "METEOR (no paraphrase)", never a bare METEOR.
    r = runCli({"eval", "captions", "--candidates", kBrainCap, "--references", kReferences, "--metrics", "all"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("METEOR (no paraphrase)  0.158640   15.86"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("METEOR_noparaphrase"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("41.30"), std::string::npos) << r.out;

    // Per-trial CSV names the column.
    const std::string perTrial = tempPath("per-trial.csv");
    r = runCli({"eval", "captions", "--candidates", kBrainCap, "--references", kReferences, "--metrics", "meteor",
                "--per-trial", perTrial});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::ifstream csv(perTrial);
    std::string header;
    std::getline(csv, header);
    std::remove(perTrial.c_str());
    EXPECT_EQ(header, "id,METEOR_noparaphrase,candidate,tokens");

    // Without WordNet: one clear error naming the folder and the Debian package.
    r = runCli({"eval", "captions", "--candidates", kBrainCap, "--references", kReferences, "--metrics", "meteor",
                "--wordnet", "/nonexistent/wordnet"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("/nonexistent/wordnet"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("wordnet-base"), std::string::npos) << r.err;
}

// With --meteor-data (pycocoevalcap's meteor/data, the jar beside it) METEOR is the jar's: named "METEOR", and on
// BrainCap subject 1 it is the number pycocoevalcap prints (tests/reference/meteor/braincap-sub01.tsv) and BrainHub
// publishes (16.68).
TEST(EvalCaptions, MeteorDataGivesTheJarsMeteor)
{
    namespace fs = std::filesystem;
    std::string data;
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(projectFixture("../../.venv/lib"), ec)) {
        const fs::path candidate = entry.path() / "site-packages/pycocoevalcap/meteor/data";
        if (fs::is_regular_file(candidate / "paraphrase-en.gz", ec))
            data = candidate.string();
    }
    if (data.empty())
        GTEST_SKIP() << "no pycocoevalcap in the project's .venv (packaging/install-deps.sh installs it)";
    const auto r = runCli({"--json", "eval", "captions", "--candidates", kBrainCap, "--references", kReferences,
                           "--metrics", "meteor", "--meteor-data", data});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["scores"]["METEOR"].get<double>(), 0.16680193748874445);
    EXPECT_FALSE(doc["scores"].contains("METEOR_noparaphrase"));
    EXPECT_EQ(doc["notes"]["METEOR"]["paraphrases"], data);
    EXPECT_NE(doc["notes"]["METEOR"]["synonyms"].get<std::string>().find("meteor-1.5.jar"), std::string::npos);

    const auto missing = runCli({"eval", "captions", "--candidates", kBrainCap, "--references", kReferences,
                                 "--metrics", "meteor", "--meteor-data", projectFixture(".")});
    EXPECT_NE(missing.exitCode, 0);
    EXPECT_NE(missing.err.find("paraphrase-en.gz does not exist"), std::string::npos) << missing.err;
}

TEST(BenchEval, ReportsTheTimeToScoreAFile)
{
    const auto r =
        runCli({"--json", "bench", "eval", "--candidates", kBrainCap, "--references", kReferences, "--repeats", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["benchmark"], "eval");
    EXPECT_EQ(doc["trials"], 982);
    EXPECT_GT(doc["total_seconds"].get<double>(), 0.0);
    EXPECT_NEAR(doc["cider"].get<double>(), 0.4130323402, 1e-6);
    EXPECT_NEAR(doc["meteor_noparaphrase"].get<double>(), kJarMeteorNoParaphrase, 1e-12);
    EXPECT_GE(doc["wordnet_seconds"].get<double>(), 0.0);
}

// Captions of an NSD test split whose order had to be derived from the 73k ids (no webdataset tars: mini-nsd's
// MindEye2 and native files only, 6 test images) are refused against BrainHub's 982 references in UMBRAE's order —
// by `eval captions` and by `report` — instead of being scored with keys that name other images. With the tars
// (UMBRAE's own order) the same captions are scored.
TEST(EvalCaptions, RefusesCaptionsInAnOrderBrainHubDoesNotUse)
{
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("vindex-order-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    const fs::path root = dir / "mini-nsd";
    fs::create_directories(root);
    for (const auto &entry : fs::directory_iterator(fixture("mini-nsd")))
        if (entry.path().filename() != "webdataset_avg_split")
            fs::create_symlink(entry.path(), root / entry.path().filename());
    for (const auto &[name, nsd] : {std::pair{"derived", root.string()}, std::pair{"umbrae", fixture("mini-nsd")}}) {
        const std::string results = (dir / (std::string(name) + ".json")).string();
        const auto decoded = runCli({"caption", "--mllm", fixture("llava-tiny"), "--root", nsd, "--subject", "1",
                                     "--max-new-tokens", "2", "--out", results});
        ASSERT_EQ(decoded.exitCode, 0) << decoded.err;
        const auto scored =
            runCli({"eval", "captions", "--candidates", results, "--references", kReferences, "--metrics", "bleu"});
        const auto report = runCli({"report", "--results", results, "--references", kReferences, "--out",
                                    (dir / (std::string(name) + ".csv")).string(), "--format", "csv"});
        if (std::string(name) == "derived") {
            for (const CliResult &r : {scored, report}) {
                EXPECT_EQ(r.exitCode, 2) << r.err;
                EXPECT_NE(r.err.find("over 6 test images, but the references hold 982 keys"), std::string::npos)
                    << r.err;
                EXPECT_NE(r.err.find("webdataset_avg_split/test"), std::string::npos) << r.err;
            }
        } else {
            EXPECT_EQ(scored.err.find("references hold 982 keys"), std::string::npos) << scored.err;
            EXPECT_EQ(report.err.find("references hold 982 keys"), std::string::npos) << report.err;
        }
    }
    fs::remove_all(dir);
}
