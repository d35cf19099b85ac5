// `vindex nsd info` on the mini-nsd fixture, whole and damaged, against mini-nsd/expected.json.
#include "CliRunner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

nlohmann::json nsdInfo(const std::string &root)
{
    const auto r = runCli({"--json", "nsd", "info", "--root", root});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return nlohmann::json::parse(r.out);
}

const nlohmann::json &subjectEntry(const nlohmann::json &info, int subject)
{
    for (const auto &s : info["subjects"])
        if (s["subject"] == subject)
            return s;
    throw std::runtime_error("subject " + std::to_string(subject) + " not listed");
}

// A writable copy of mini-nsd.
class DatasetCopy {
public:
    DatasetCopy() : m_dir(fs::temp_directory_path() / ("vindex-nsd-" + std::to_string(::getpid())))
    {
        fs::remove_all(m_dir);
        fs::copy(fixture("mini-nsd"), m_dir, fs::copy_options::recursive);
        for (const auto &e : fs::recursive_directory_iterator(m_dir))
            fs::permissions(e.path(), fs::perms::owner_read | fs::perms::owner_write | fs::perms::owner_exec,
                            fs::perm_options::add);
    }
    ~DatasetCopy() { fs::remove_all(m_dir); }
    fs::path path(const std::string &relative = {}) const { return m_dir / relative; }

private:
    fs::path m_dir;
};

} // namespace

TEST(NsdInfo, ListsBothSubjectsWithTheirVoxelsAndSplits)
{
    const auto expected = readJsonFile(fixture("mini-nsd/expected.json"));
    const auto info = nsdInfo(fixture("mini-nsd"));
    ASSERT_EQ(info["subjects"].size(), expected["subjects"].size());
    for (const auto &[id, facts] : expected["subjects"].items()) {
        const auto &subject = subjectEntry(info, std::stoi(id));
        EXPECT_EQ(subject["voxels"], facts["nvox"]) << id;
        for (const char *layout : {"webdataset", "mindeye2", "native"}) {
            const auto &l = subject["layouts"][layout];
            EXPECT_TRUE(l["opened"].get<bool>()) << id << " " << layout;
            EXPECT_EQ(l["voxels"], facts["nvox"]) << id << " " << layout;
            EXPECT_TRUE(l["problems"].empty()) << l["problems"];
        }
        for (const auto &[split, trials] : facts["splits"].items())
            EXPECT_EQ(subject["layouts"]["webdataset"]["trials"][split], trials.size()) << id << " " << split;
        EXPECT_EQ(subject["layouts"]["mindeye2"]["trials"]["all"], facts["trial_images"].size());
        EXPECT_EQ(subject["layouts"]["native"]["trials"]["all"], facts["trial_images"].size());
    }
    EXPECT_TRUE(info["problems"].empty());
}

TEST(NsdInfo, NamesARemovedOrTruncatedFileAndStillOpensTheRest)
{
    DatasetCopy copy;
    const fs::path session =
        copy.path("nsddata/ppdata/subj01/func1pt8mm/betas_fithrf_GLMdenoise_RR/betas_session02.nii.gz");
    fs::remove(session);
    const fs::path tar = copy.path("webdataset_avg_split/train/train_subj01_0.tar");
    ASSERT_TRUE(fs::exists(tar));
    fs::resize_file(tar, fs::file_size(tar) / 2);

    const auto info = nsdInfo(copy.path().string());
    const auto &subject = subjectEntry(info, 1);
    const std::string native = subject["layouts"]["native"].dump(),
                      webdataset = subject["layouts"]["webdataset"].dump();
    EXPECT_NE(native.find("betas_session02.nii.gz"), std::string::npos) << native;
    EXPECT_NE(webdataset.find("train_subj01_0.tar"), std::string::npos) << webdataset;
    // What remains still opens: the HDF5 layout is whole, and subject 2 is untouched.
    EXPECT_TRUE(subject["layouts"]["mindeye2"]["opened"].get<bool>());
    for (const char *layout : {"webdataset", "mindeye2", "native"})
        EXPECT_TRUE(subjectEntry(info, 2)["layouts"][layout]["opened"].get<bool>()) << layout;
}

TEST(NsdInfo, AFolderWithoutNsdSaysWhatWasExpected)
{
    const auto info = nsdInfo(fixture("clip-vit-tiny"));
    ASSERT_EQ(info["problems"].size(), 1u);
    EXPECT_NE(info["problems"][0].get<std::string>().find("no NSD layout found"), std::string::npos);
}

TEST(BenchLoad, ReportsEveryLayoutAndSubject)
{
    const auto expected = readJsonFile(fixture("mini-nsd/expected.json"));
    const auto r = runCli({"--json", "bench", "load", "--root", fixture("mini-nsd"), "--fetches", "50"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto results = nlohmann::json::parse(r.out)["results"];
    EXPECT_EQ(results.size(), 3 * expected["subjects"].size()); // three layouts per subject
    for (const auto &row : results) {
        EXPECT_EQ(row["voxels"], expected["subjects"][std::to_string(row["subject"].get<int>())]["nvox"]);
        EXPECT_EQ(row["fetched"], 50);
    }
}
