// `vindex eval captions --metrics pacs --pacs CKPT`: PAC-S and RefPAC-S with the random tiny OpenAI-layout CLIP of
// tests/fixtures/pacs-tiny, against the values aimagelab/pacscore computed for it
// (tests/reference/make_pacs_fixture.py).
#include "CliRunner.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

class EvalPacScore : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = fs::temp_directory_path() / ("vindex-pacs-" + std::to_string(::getpid()));
        fs::create_directories(m_dir / "images");
        fs::create_directories(m_dir / "model");
        m_expected = readJsonFile(projectFixture("pacs-tiny/expected.json"));
        // Trial t is id "t": its image copied as images/<t>.png, BrainHub's layout.
        nlohmann::json candidates = nlohmann::json::object(), references = nlohmann::json::object();
        for (std::size_t t = 0; t < m_expected["candidates"].size(); ++t) {
            const std::string id = std::to_string(t);
            fs::copy_file(projectFixture("pacs-tiny/" + m_expected["images"][t].get<std::string>()),
                          m_dir / "images" / (id + ".png"));
            candidates[id] = m_expected["candidates"][t];
            references[id] = m_expected["references"][t];
        }
        std::ofstream(m_dir / "candidates.json") << candidates.dump();
        std::ofstream(m_dir / "references.json") << references.dump();
        fs::copy_file(projectFixture("pacs-tiny/clip_ViT-tiny.pth"), m_dir / "model" / "clip_ViT-tiny.pth");
    }
    void TearDown() override { fs::remove_all(m_dir); }
    std::string path(const std::string &name) const { return (m_dir / name).string(); }
    CliResult pacs(std::vector<std::string> extra) const
    {
        std::vector<std::string> args{"--json",
                                      "eval",
                                      "captions",
                                      "--candidates",
                                      path("candidates.json"),
                                      "--references",
                                      path("references.json")};
        args.insert(args.end(), extra.begin(), extra.end());
        return runCli(args);
    }

    fs::path m_dir;
    nlohmann::json m_expected;
};

} // namespace

TEST_F(EvalPacScore, MatchesPacscoreCorpusAndPerTrial)
{
    const auto r = pacs({"--metrics", "pacs", "--pacs", path("model/clip_ViT-tiny.pth"), "--pacs-vocab",
                         projectFixture("pacs-tiny/bpe_simple_vocab_16e6.txt.gz"), "--images", path("images"),
                         "--per-trial", path("trials.json")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_NEAR(doc["scores"]["PAC-S"].get<double>(), m_expected["pac_s_mean"].get<double>(), 1e-4) << r.out;
    EXPECT_NEAR(doc["scores"]["RefPAC-S"].get<double>(), m_expected["refpac_s_mean"].get<double>(), 1e-4) << r.out;
    EXPECT_EQ(doc["pacs"]["w"], 2.0);
    EXPECT_EQ(doc["pacs"]["prefix"], "A photo depicts ");
    const auto trials = readJsonFile(path("trials.json"))["trials"];
    ASSERT_EQ(trials.size(), m_expected["pac_s"].size());
    for (std::size_t t = 0; t < trials.size(); ++t) {
        EXPECT_NEAR(trials[t]["PAC-S"].get<double>(), m_expected["pac_s"][t].get<double>(), 1e-4) << t;
        EXPECT_NEAR(trials[t]["RefPAC-S"].get<double>(), m_expected["refpac_s"][t].get<double>(), 1e-4) << t;
        EXPECT_NEAR(trials[t]["pac_reference_cosine"].get<double>(), m_expected["reference_cosine"][t].get<double>(),
                    1e-4)
            << t;
    }
}

TEST_F(EvalPacScore, VocabularyBesideTheCheckpointAndRefusals)
{
    // Without --pacs-vocab the vocabulary is looked for beside the checkpoint, and the error says where.
    auto r = pacs({"--metrics", "pac-s", "--pacs", path("model/clip_ViT-tiny.pth"), "--images", path("images")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find(path("model/bpe_simple_vocab_16e6.txt.gz")), std::string::npos) << r.err;
    fs::copy_file(projectFixture("pacs-tiny/bpe_simple_vocab_16e6.txt.gz"),
                  m_dir / "model" / "bpe_simple_vocab_16e6.txt.gz");
    r = pacs({"--metrics", "refpac-s", "--pacs", path("model/clip_ViT-tiny.pth"), "--images", path("images")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NEAR(nlohmann::json::parse(r.out)["scores"]["PAC-S"].get<double>(), m_expected["pac_s_mean"].get<double>(),
                1e-4);

    r = pacs({"--metrics", "pacs", "--images", path("images")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("--pacs FILE"), std::string::npos) << r.err;
    r = pacs({"--metrics", "bleu", "--pacs", path("model/clip_ViT-tiny.pth")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("which was not asked for"), std::string::npos) << r.err;

    r = runCli({"eval", "captions", "--help"});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_NE(r.out.find("--pacs"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("bpe_simple_vocab_16e6.txt.gz"), std::string::npos) << r.out;
}
