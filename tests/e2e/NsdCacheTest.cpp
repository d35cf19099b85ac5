// `vindex nsd cache` on the mini-nsd fixture: converts every native session once, reuses valid files, rebuilds a
// damaged one, names bad input. Caches go to a temporary VINDEX_CACHE_DIR, never the user's home.
#include "CliRunner.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

// No e2e test writes caches into the user's home: every process of this binary (and the vindex processes it starts)
// gets its own VINDEX_CACHE_DIR unless one is set already; `vindex bench load` and others then cache in /tmp.
class PrivateCacheDir : public ::testing::Environment {
public:
    void SetUp() override
    {
        if (std::getenv("VINDEX_CACHE_DIR"))
            return;
        char dir[] = "/tmp/vindex-e2e-cache-XXXXXX";
        if (!::mkdtemp(dir))
            return;
        m_dir = dir;
        ::setenv("VINDEX_CACHE_DIR", dir, 1);
    }
    void TearDown() override
    {
        if (m_dir.empty())
            return;
        ::unsetenv("VINDEX_CACHE_DIR");
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }

private:
    std::string m_dir;
};
[[maybe_unused]] ::testing::Environment *const kPrivateCacheDir =
    ::testing::AddGlobalTestEnvironment(new PrivateCacheDir);

class NsdCache : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::random_device rd;
        m_dir = fs::temp_directory_path() / ("vindex-e2e-cache-" + std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(m_dir);
        const char *saved = std::getenv("VINDEX_CACHE_DIR");
        m_saved = saved ? std::optional<std::string>(saved) : std::nullopt;
        ::setenv("VINDEX_CACHE_DIR", (m_dir / "env").c_str(), 1);
    }
    void TearDown() override
    {
        if (m_saved)
            ::setenv("VINDEX_CACHE_DIR", m_saved->c_str(), 1);
        else
            ::unsetenv("VINDEX_CACHE_DIR");
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }

    fs::path m_dir;
    std::optional<std::string> m_saved;
};

} // namespace

TEST_F(NsdCache, ConvertsEverySessionOnceThenReusesThem)
{
    const auto expected = readJsonFile(fixture("mini-nsd/expected.json"));
    const auto first = runCli({"--json", "nsd", "cache", "--root", fixture("mini-nsd")});
    ASSERT_EQ(first.exitCode, 0) << first.err;
    const auto doc = nlohmann::json::parse(first.out);
    ASSERT_EQ(doc["subjects"].size(), expected["subjects"].size());
    uint64_t total = 0;
    for (const auto &row : doc["subjects"]) {
        const auto &sub = expected["subjects"][std::to_string(row["subject"].get<int>())];
        const uint64_t perSession = sub["trial_images"].size() / 2;
        // Two sessions of [trials, voxels] int16 with a 4096-byte header, the z-scoring statistics (a float64 mean and
        // scale per voxel) and a 16-byte trailer each.
        const uint64_t nvox = sub["nvox"].get<uint64_t>();
        const uint64_t bytes = 2 * (4096 + perSession * nvox * 2 + 2 * 8 * nvox + 16);
        EXPECT_EQ(row["sessions"], 2);
        EXPECT_EQ(row["converted"], 2);
        EXPECT_EQ(row["reused"], 0);
        EXPECT_EQ(row["failed"], 0);
        EXPECT_EQ(row["bytes"], bytes);
        EXPECT_EQ(row["bytes_written"], bytes);
        const fs::path dir = row["directory"].get<std::string>();
        EXPECT_EQ(dir.parent_path().parent_path(), m_dir / "env");
        EXPECT_TRUE(fs::exists(dir / "betas_session01.roi"));
        EXPECT_TRUE(fs::exists(dir / "betas_session02.roi"));
        total += bytes;
    }
    EXPECT_EQ(doc["converted"], 4);
    EXPECT_EQ(doc["bytes"], total);
    // Progress went to stderr, the document alone to stdout.
    EXPECT_NE(first.err.find("subj01 session 01"), std::string::npos) << first.err;

    const auto second = runCli({"--json", "nsd", "cache", "--root", fixture("mini-nsd"), "--subject", "2"});
    ASSERT_EQ(second.exitCode, 0) << second.err;
    const auto again = nlohmann::json::parse(second.out);
    ASSERT_EQ(again["subjects"].size(), 1u);
    EXPECT_EQ(again["subjects"][0]["subject"], 2);
    EXPECT_EQ(again["converted"], 0);
    EXPECT_EQ(again["reused"], 2);
    EXPECT_EQ(again["bytes_written"], 0);

    // A damaged file is rebuilt; --cache-dir wins over the environment.
    const fs::path file = fs::path(again["subjects"][0]["directory"].get<std::string>()) / "betas_session02.roi";
    fs::resize_file(file, 5000);
    const auto third = runCli({"nsd", "cache", "--root", fixture("mini-nsd"), "--subject", "2"});
    ASSERT_EQ(third.exitCode, 0) << third.err;
    EXPECT_NE(third.out.find("subj02: 2 sessions: 1 converted, 1 already cached, 0 failed"), std::string::npos)
        << third.out;
    const auto other = runCli({"--json", "nsd", "cache", "--root", fixture("mini-nsd"), "--subject", "1", "--cache-dir",
                               (m_dir / "flag").string()});
    ASSERT_EQ(other.exitCode, 0) << other.err;
    EXPECT_EQ(fs::path(nlohmann::json::parse(other.out)["subjects"][0]["directory"].get<std::string>())
                  .parent_path()
                  .parent_path(),
              m_dir / "flag");
}

TEST_F(NsdCache, BadInputExitsWithTwoAndOneMessage)
{
    const auto missing = runCli({"nsd", "cache", "--root", fixture("mini-nsd"), "--subject", "3"});
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_NE(missing.err.find("subj03"), std::string::npos) << missing.err;
    // A folder without native NSD data (the webdataset part of the fixture).
    const auto none = runCli({"nsd", "cache", "--root", fixture("mini-nsd/webdataset_avg_split")});
    EXPECT_EQ(none.exitCode, 2);
    EXPECT_NE(none.err.find("no native NSD subjects"), std::string::npos) << none.err;
    // The cache folder cannot be created: an error naming it, not a silent in-memory run.
    std::ofstream(m_dir / "file") << "x";
    const auto blocked = runCli({"nsd", "cache", "--root", fixture("mini-nsd"), "--subject", "1", "--cache-dir",
                                 (m_dir / "file" / "below").string()});
    EXPECT_EQ(blocked.exitCode, 2);
    EXPECT_NE(blocked.err.find((m_dir / "file" / "below").string()), std::string::npos) << blocked.err;

    const auto help = runCli({"nsd", "cache", "--help"});
    EXPECT_EQ(help.exitCode, 0);
    for (const char *word : {"--root", "--subject", "--cache-dir", "VINDEX_CACHE_DIR"})
        EXPECT_NE(help.out.find(word), std::string::npos) << word;
}
