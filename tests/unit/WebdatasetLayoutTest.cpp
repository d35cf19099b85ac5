// WebdatasetLayout against mini-nsd/expected.json (both subjects, every split), and against broken layouts built
// here from the fixture's members: a missing member, voxel counts that differ, shard order.
#include "TestSupport.h"

#include "vindex/core/Error.h"
#include "vindex/data/WebdatasetLayout.h"
#include "vindex/io/TarArchive.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>

using vindex::DataError;
using vindex::data::WebdatasetLayout;
using vindex::io::TarArchive;
using Split = WebdatasetLayout::Split;

namespace {

const std::string kRoot = testsupport::fixture("mini-nsd");

nlohmann::json expected()
{
    return testsupport::readJson(testsupport::fixture("mini-nsd/expected.json"));
}

// beta_formula: sin(0.05*voxel + 0.7*image) + 0.01*rep.
double beta(int64_t voxel, int64_t image, int64_t rep)
{
    return std::sin(0.05 * static_cast<double>(voxel) + 0.7 * static_cast<double>(image)) +
           0.01 * static_cast<double>(rep);
}

// float16 rounds to nearest with 11 significant bits: relative error ≤ 2^-11 (plus subnormal spacing near 0).
double f16Tolerance(double value)
{
    return std::abs(value) * std::ldexp(1.0, -11) * 1.001 + std::ldexp(1.0, -24);
}

// The repetition of trial t's image for this subject: earlier trials that showed the same image.
int64_t repOf(const std::vector<int64_t> &trialImages, int64_t t)
{
    int64_t rep = 0;
    for (int64_t j = 0; j < t; ++j)
        rep += trialImages[static_cast<std::size_t>(j)] == trialImages[static_cast<std::size_t>(t)];
    return rep;
}

// A minimal ustar writer: regular files only.
std::string tarEntry(const std::string &name, std::string_view data)
{
    std::string h(512, '\0');
    std::memcpy(&h[0], name.data(), std::min<std::size_t>(name.size(), 100));
    std::snprintf(&h[100], 8, "%07o", 0644);
    std::snprintf(&h[108], 8, "%07o", 0);
    std::snprintf(&h[116], 8, "%07o", 0);
    std::snprintf(&h[124], 12, "%011llo", static_cast<unsigned long long>(data.size()));
    std::snprintf(&h[136], 12, "%011o", 0);
    h[156] = '0';
    std::memcpy(&h[257],
                "ustar\0"
                "00",
                8);
    std::memset(&h[148], ' ', 8);
    unsigned sum = 0;
    for (unsigned char c : h)
        sum += c;
    std::snprintf(&h[148], 8, "%06o", sum);
    h[155] = ' ';
    std::string out = h + std::string(data);
    out += std::string((512 - data.size() % 512) % 512, '\0');
    return out;
}

// The members of a fixture tar that pass keep, renamed by rename, as a new tar.
template <typename Keep, typename Rename> std::string rewriteTar(const std::string &source, Keep keep, Rename rename)
{
    const TarArchive tar = TarArchive::open(source);
    std::string out;
    for (const auto &m : tar.members())
        if (keep(m.name))
            out += tarEntry(rename(m.name), tar.read(m).view());
    return out + std::string(1024, '\0');
}

std::string fixtureTar(const std::string &split, int subject)
{
    char name[64];
    std::snprintf(name, sizeof name, "%s/%s_subj%02d_0.tar", split.c_str(), split.c_str(), subject);
    return kRoot + "/webdataset_avg_split/" + name;
}

std::string writeTar(const testsupport::TempDir &dir, const std::string &relative, const std::string &bytes)
{
    const std::filesystem::path path = dir.path() / "webdataset_avg_split" / relative;
    std::filesystem::create_directories(path.parent_path());
    testsupport::writeBytes(path.string(), bytes);
    return path.string();
}

} // namespace

TEST(WebdatasetLayout, FindsBothSubjects)
{
    EXPECT_EQ(WebdatasetLayout::findSubjects(kRoot), (std::vector<int>{1, 2}));
    // The webdataset folder itself works as a root too.
    EXPECT_EQ(WebdatasetLayout::findSubjects(kRoot + "/webdataset_avg_split"), (std::vector<int>{1, 2}));
    EXPECT_TRUE(WebdatasetLayout::findSubjects(testsupport::fixture("clip-vit-tiny")).empty());
    EXPECT_THROW(WebdatasetLayout::open(kRoot, 3), DataError);
}

TEST(WebdatasetLayout, ReproducesExpectedJsonForBothSubjects)
{
    const auto exp = expected();
    const std::vector<int64_t> shared = exp["shared"].get<std::vector<int64_t>>();
    for (const int subject : {1, 2}) {
        SCOPED_TRACE("subject " + std::to_string(subject));
        const auto &subj = exp["subjects"][std::to_string(subject)];
        const auto trialImages = subj["trial_images"].get<std::vector<int64_t>>();
        const int64_t nvox = subj["nvox"].get<int64_t>();

        const WebdatasetLayout layout = WebdatasetLayout::open(kRoot, subject);
        EXPECT_EQ(layout.subject(), subject);
        EXPECT_TRUE(layout.problems().empty()) << layout.problems().front();
        EXPECT_EQ(layout.voxelCount(), nvox);

        // metadata_subj0S.json totals agree with the splits.
        ASSERT_FALSE(layout.metadataTotals().empty());
        for (const auto &[name, total] : layout.metadataTotals())
            EXPECT_EQ(total, static_cast<int64_t>(subj["splits"][name].size())) << name;

        std::set<int64_t> trialsSeen;
        for (const Split split : WebdatasetLayout::kSplits) {
            const std::string name = WebdatasetLayout::splitName(split);
            SCOPED_TRACE(name);
            const auto images = subj["splits"][name].get<std::vector<int64_t>>();
            ASSERT_EQ(layout.sampleCount(split), images.size());
            ASSERT_EQ(layout.shardPaths(split).size(), 1u);
            for (std::size_t i = 0; i < images.size(); ++i) {
                // Reading order = the order expected.json gives for the split.
                const int64_t image = layout.imageId(split, i);
                EXPECT_EQ(image, images[i]) << "sample " << i;

                const auto trials = layout.trials(split, i);
                std::set<int64_t> unique(trials.begin(), trials.end());
                ASSERT_EQ(trials.size(), 3u);
                for (int64_t t : trials) {
                    ASSERT_GE(t, 0);
                    ASSERT_LT(t, static_cast<int64_t>(trialImages.size()));
                    EXPECT_EQ(trialImages[static_cast<std::size_t>(t)], image) << "trial " << t;
                    trialsSeen.insert(t);
                }
                EXPECT_EQ(layout.numUniques(split, i), static_cast<int64_t>(unique.size()));

                const auto voxels = layout.voxels(split, i);
                EXPECT_EQ(voxels.dtype(), vindex::io::DType::F16);
                ASSERT_EQ(voxels.shape(), (std::vector<int64_t>{3, nvox}));
                const auto values = voxels.toDoubleVector();
                for (int64_t r = 0; r < 3; ++r) {
                    const int64_t rep = repOf(trialImages, trials[static_cast<std::size_t>(r)]);
                    for (int64_t v = 0; v < nvox; ++v) {
                        const double want = beta(v, image, rep);
                        ASSERT_NEAR(values[static_cast<std::size_t>(r * nvox + v)], want, f16Tolerance(want))
                            << "sample " << i << " repeat " << r << " voxel " << v;
                    }
                }
                const auto mean = layout.meanVoxels(split, i);
                ASSERT_EQ(mean.size(), static_cast<std::size_t>(nvox));
                for (int64_t v = 0; v < nvox; ++v) {
                    double want = 0;
                    for (int64_t t : trials)
                        want += beta(v, image, repOf(trialImages, t)) / 3.0;
                    ASSERT_NEAR(mean[static_cast<std::size_t>(v)], want, f16Tolerance(std::abs(want) + 0.03));
                }

                const auto rgb = layout.image(split, i);
                EXPECT_GT(rgb.width, 0);
                EXPECT_GT(rgb.height, 0);
                EXPECT_EQ(layout.sample(split, i).imageExt, "jpg");
            }
            EXPECT_THROW(layout.sample(split, images.size()), DataError);
        }
        // Every trial of the subject lands in exactly one sample's repeats.
        EXPECT_EQ(trialsSeen.size(), trialImages.size());

        // The test split holds the shared images, and the mean over repeats is what expected.json says.
        std::vector<int64_t> testImages;
        for (std::size_t i = 0; i < layout.sampleCount(Split::Test); ++i)
            testImages.push_back(layout.imageId(Split::Test, i));
        EXPECT_EQ(testImages, shared);
        const auto it = std::find(testImages.begin(), testImages.end(), 0);
        ASSERT_NE(it, testImages.end());
        const auto mean = layout.meanVoxels(Split::Test, static_cast<std::size_t>(it - testImages.begin()));
        EXPECT_NEAR(mean[0], subj["test_mean_voxel0_image0"].get<double>(), 1e-3);
    }
}

TEST(WebdatasetLayout, VoxelsAreZeroCopyOverTheTar)
{
    const WebdatasetLayout layout = WebdatasetLayout::open(kRoot, 2);
    const auto bytes = layout.imageBytes(Split::Val, 1);
    const auto voxels = layout.voxels(Split::Val, 1);
    const auto &s = layout.sample(Split::Val, 1);
    // Both views point into the same mapping: the distance between them is the distance in the file.
    EXPECT_EQ(voxels.data() - bytes.data, static_cast<std::ptrdiff_t>(s.voxels.dataOffset + 128 - s.image.dataOffset));
}

TEST(WebdatasetLayout, MissingMemberNamesTarAndMember)
{
    testsupport::TempDir dir;
    const std::string tar =
        writeTar(dir, "test/test_subj03_0.tar",
                 rewriteTar(
                     fixtureTar("test", 1), [](const std::string &n) { return n != "sample000000002.trial.npy"; },
                     [](const std::string &n) { return n; }));
    try {
        WebdatasetLayout::open(dir.path().string(), 3);
        ADD_FAILURE() << "no error";
    } catch (const DataError &e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find(tar), std::string::npos) << msg;
        EXPECT_NE(msg.find("sample000000002.trial.npy"), std::string::npos) << msg;
    }
}

TEST(WebdatasetLayout, DifferentVoxelCountsNameBothSides)
{
    testsupport::TempDir dir;
    auto all = [](const std::string &) { return true; };
    auto same = [](const std::string &n) { return n; };
    const std::string first = writeTar(dir, "train/train_subj04_0.tar", rewriteTar(fixtureTar("train", 1), all, same));
    const std::string second = writeTar(dir, "val/val_subj04_0.tar", rewriteTar(fixtureTar("val", 2), all, same));
    try {
        WebdatasetLayout::open(dir.path().string(), 4);
        ADD_FAILURE() << "no error";
    } catch (const DataError &e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find(first), std::string::npos) << msg;
        EXPECT_NE(msg.find(second), std::string::npos) << msg;
        EXPECT_NE(msg.find("217"), std::string::npos) << msg;
        EXPECT_NE(msg.find("136"), std::string::npos) << msg;
    }
}

TEST(WebdatasetLayout, ShardsAreReadInNumericOrder)
{
    // One sample per shard, shards 0, 1, 2 and 10: lexicographic order would put 10 before 2.
    testsupport::TempDir dir;
    const std::string source = fixtureTar("test", 2);
    const std::vector<std::pair<int, std::string>> shards = {
        {10, "sample000000003"}, {2, "sample000000002"}, {0, "sample000000000"}, {1, "sample000000001"}};
    for (const auto &[number, key] : shards) {
        const std::string k = key;
        writeTar(dir, "test/test_subj07_" + std::to_string(number) + ".tar",
                 rewriteTar(
                     source, [&](const std::string &n) { return n.rfind(k + ".", 0) == 0; },
                     [](const std::string &n) { return n; }));
    }
    const WebdatasetLayout layout = WebdatasetLayout::open(dir.path().string(), 7);
    ASSERT_EQ(layout.sampleCount(Split::Test), 4u);
    const auto exp = expected()["subjects"]["2"]["splits"]["test"].get<std::vector<int64_t>>();
    for (std::size_t i = 0; i < 4; ++i)
        EXPECT_EQ(layout.imageId(Split::Test, i), exp[i]);
    EXPECT_EQ(layout.sampleCount(Split::Train), 0u);
    EXPECT_TRUE(layout.metadataTotals().empty());
}

TEST(WebdatasetLayout, DamagedShardIsLeftOutUnderSkipPolicy)
{
    testsupport::TempDir dir;
    auto all = [](const std::string &) { return true; };
    auto same = [](const std::string &n) { return n; };
    // Subject 1 with a truncated train tar, a test tar lacking a member, no val tar and the original metadata.
    const std::string train =
        writeTar(dir, "train/train_subj01_0.tar", testsupport::readBytes(fixtureTar("train", 1)).substr(0, 3000));
    const std::string test0 = writeTar(dir, "test/test_subj01_0.tar", rewriteTar(fixtureTar("test", 1), all, same));
    const std::string test1 =
        writeTar(dir, "test/test_subj01_1.tar",
                 rewriteTar(
                     fixtureTar("test", 1), [](const std::string &n) { return n != "sample000000004.jpg"; },
                     [](const std::string &n) { return "more_" + n; }));
    std::filesystem::copy_file(kRoot + "/webdataset_avg_split/metadata_subj01.json",
                               dir.path() / "webdataset_avg_split" / "metadata_subj01.json");
    const std::string root = dir.path().string();

    try {
        WebdatasetLayout::open(root, 1);
        ADD_FAILURE() << "strict open accepted a truncated tar";
    } catch (const vindex::FormatError &e) {
        EXPECT_NE(std::string(e.what()).find(train), std::string::npos) << e.what();
    }

    const WebdatasetLayout layout = WebdatasetLayout::open(root, 1, WebdatasetLayout::Policy::SkipDamagedShards);
    EXPECT_EQ(layout.voxelCount(), 217);
    EXPECT_EQ(layout.sampleCount(Split::Train), 0u);
    EXPECT_EQ(layout.sampleCount(Split::Val), 0u);
    ASSERT_EQ(layout.sampleCount(Split::Test), 6u); // shard 1 left out whole
    EXPECT_EQ(layout.shardPaths(Split::Test), std::vector<std::string>{test0});
    EXPECT_EQ(layout.imageId(Split::Test, 5), 5);

    auto mentions = [&](const std::string &a, const std::string &b) {
        for (const auto &line : layout.problems())
            if (line.find(a) != std::string::npos && line.find(b) != std::string::npos)
                return true;
        return false;
    };
    EXPECT_TRUE(mentions(train, "left out"));
    EXPECT_TRUE(mentions(test1, "more_sample000000004.jpg"));
    EXPECT_TRUE(mentions("split val", "val/val_subj01_N.tar"));
    EXPECT_TRUE(mentions("metadata_subj01.json", "totals.train is 3, but the train tars hold 0 samples"));
    EXPECT_EQ(layout.problems().size(), 5u); // train shard, test shard, val split, train and val totals
}
