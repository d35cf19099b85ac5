#include "vindex/data/NativeNsdLayout.h"
#include "MiniNsd.h"
#include "TestSupport.h"
#include "vindex/core/Error.h"
#include "vindex/data/CocoCaptions.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

using vindex::DataError;
using vindex::data::CocoCaptions;
using vindex::data::NativeNsdLayout;
namespace fs = std::filesystem;

using testsupport::errorOf;

namespace {

using testsupport::miniNsdBeta;
using testsupport::miniNsdFacts;

const std::string kRoot = testsupport::fixture("mini-nsd");

// A writable copy of the native part of the fixture (nsddata tree + CSV) for the hostile tests.
fs::path copyNative(const testsupport::TempDir &dir)
{
    const fs::path root = dir.path() / "nsd";
    fs::create_directories(root);
    fs::copy(fs::path(kRoot) / "nsddata", root / "nsddata", fs::copy_options::recursive);
    fs::copy_file(fs::path(kRoot) / "nsd_stim_info_merged.csv", root / "nsd_stim_info_merged.csv");
    // The fixture files are read-only; the copies are edited.
    for (const auto &entry : fs::recursive_directory_iterator(root))
        fs::permissions(entry.path(), fs::perms::owner_write, fs::perm_options::add);
    return root;
}

// An uncompressed, big-endian NIfTI-1 int16 image (gzopen reads plain files too, so it may be named .nii.gz),
// with value(x, y, z, t) = x + 2y + 3z + 5t and the given scl_slope.
std::string bigEndianNifti(const std::array<int16_t, 4> &dims, float slope)
{
    std::string bytes(352, '\0');
    auto put16 = [&](std::size_t at, int16_t v) {
        bytes[at] = static_cast<char>((v >> 8) & 0xff);
        bytes[at + 1] = static_cast<char>(v & 0xff);
    };
    auto put32 = [&](std::size_t at, uint32_t v) {
        for (int i = 0; i < 4; ++i)
            bytes[at + i] = static_cast<char>((v >> (24 - 8 * i)) & 0xff);
    };
    auto putFloat = [&](std::size_t at, float f) {
        uint32_t v;
        std::memcpy(&v, &f, 4);
        put32(at, v);
    };
    put32(0, 348);
    put16(40, 4);
    for (int i = 0; i < 4; ++i)
        put16(42 + 2 * i, dims[i]);
    for (int i = 4; i < 7; ++i)
        put16(42 + 2 * i, 1);
    put16(70, 4);  // int16
    put16(72, 16); // bitpix
    putFloat(108, 352.0f);
    putFloat(112, slope);
    std::memcpy(&bytes[344], "n+1", 4);
    for (int16_t t = 0; t < dims[3]; ++t)
        for (int16_t z = 0; z < dims[2]; ++z)
            for (int16_t y = 0; y < dims[1]; ++y)
                for (int16_t x = 0; x < dims[0]; ++x) {
                    const int16_t v = static_cast<int16_t>(x + 2 * y + 3 * z + 5 * t);
                    bytes.push_back(static_cast<char>((v >> 8) & 0xff));
                    bytes.push_back(static_cast<char>(v & 0xff));
                }
    return bytes;
}

} // namespace

TEST(NativeNsdLayout, FindsSubjectsAndOpensLazily)
{
    EXPECT_EQ(NativeNsdLayout::subjectsIn(kRoot), (std::vector<int>{1, 2}));
    EXPECT_EQ(NativeNsdLayout::findStimInfo(kRoot), kRoot + "/nsd_stim_info_merged.csv");
    for (int subject : {1, 2}) {
        SCOPED_TRACE("subject " + std::to_string(subject));
        const auto &sub = miniNsdFacts()["subjects"][std::to_string(subject)];
        const NativeNsdLayout layout = NativeNsdLayout::open(kRoot, subject);
        EXPECT_EQ(layout.voxelCount(), sub["nvox"].get<int64_t>());
        EXPECT_EQ(layout.roi().shape(), (sub["volume_shape"].get<std::array<int64_t, 3>>()));
        EXPECT_EQ(layout.roi().voxels().front(), (sub["first_voxels_xyz"][0].get<std::array<int32_t, 3>>()));
        EXPECT_EQ(layout.roi().voxels().back(), (sub["last_voxel_xyz"].get<std::array<int32_t, 3>>()));
        EXPECT_TRUE(layout.hasAnatomy());
        EXPECT_TRUE(fs::exists(layout.anatomyPath()));
        EXPECT_EQ(layout.sessions(), (std::vector<int>{1, 2}));
        EXPECT_TRUE(layout.problems().empty()) << layout.problems().front();
        EXPECT_EQ(layout.cachedSessions(), 0); // opening read no betas
        const auto images = sub["trial_images"].get<std::vector<int64_t>>();
        ASSERT_EQ(layout.trialCount(), static_cast<int64_t>(images.size()));
        EXPECT_EQ(layout.trialsPerSession() * 2, layout.trialCount());
        for (int64_t t = 0; t < layout.trialCount(); ++t) {
            const auto &trial = layout.trial(t);
            EXPECT_EQ(trial.index, t);
            EXPECT_EQ(trial.imageId, images[t]) << "trial " << t;
            EXPECT_EQ(trial.session, 1 + t / layout.trialsPerSession());
            EXPECT_EQ(trial.sessionIndex, t % layout.trialsPerSession());
        }
        // Repeats: in trial order, numbered 0.. per image.
        std::map<int64_t, int> seen;
        for (int64_t t = 0; t < layout.trialCount(); ++t)
            EXPECT_EQ(layout.trial(t).repeat, seen[images[t]]++) << "trial " << t;
        for (const auto &[image, count] : seen)
            EXPECT_EQ(static_cast<int>(layout.repeatsOf(image).size()), count);
        EXPECT_TRUE(layout.repeatsOf(39).empty());
        EXPECT_EQ(layout.testImages(), sub["splits"]["test"].get<std::vector<int64_t>>());
        EXPECT_EQ(layout.testImages(), miniNsdFacts()["shared"].get<std::vector<int64_t>>());
    }
}

// Native betas are served z-scored per voxel per session, as MindEye's files are: the int16 values of the formula,
// z-scored over the 12 trials of their session (miniNsdNativeZ computes that from the formula, in double).
TEST(NativeNsdLayout, EveryBetaIsTheFormulaZScoredPerSession)
{
    for (int subject : {1, 2}) {
        SCOPED_TRACE("subject " + std::to_string(subject));
        const NativeNsdLayout layout = NativeNsdLayout::open(kRoot, subject);
        const double tolerance = 1e-5;
        ASSERT_EQ(layout.trialsPerSession(), testsupport::kMiniNsdTrialsPerSession);
        double worst = 0;
        for (int64_t t = 0; t < layout.trialCount(); ++t) {
            const std::vector<float> b = layout.betas(t);
            ASSERT_EQ(static_cast<int64_t>(b.size()), layout.voxelCount());
            for (int64_t v = 0; v < layout.voxelCount(); ++v)
                worst = std::max(worst, std::abs(b[v] - testsupport::miniNsdNativeZ(subject, t, v)));
        }
        EXPECT_LE(worst, tolerance);
        EXPECT_LE(layout.cachedSessions(), 2);
        // Per session and voxel: mean 0 and population standard deviation 1 (StandardScaler's ddof 0).
        for (int64_t v = 0; v < layout.voxelCount(); v += 17)
            for (int64_t first : {int64_t{0}, layout.trialsPerSession()}) {
                double sum = 0, squares = 0;
                for (int64_t t = first; t < first + layout.trialsPerSession(); ++t) {
                    const double z = layout.betas(t)[static_cast<std::size_t>(v)];
                    sum += z;
                    squares += z * z;
                }
                const auto n = static_cast<double>(layout.trialsPerSession());
                EXPECT_NEAR(sum / n, 0.0, 1e-5);
                EXPECT_NEAR(squares / n, 1.0, 1e-5);
            }

        const std::vector<float> m = layout.meanBetas(0);
        for (int64_t v = 0; v < layout.voxelCount(); ++v)
            EXPECT_NEAR(m[v], testsupport::miniNsdNativeMeanZ(subject, 0, v), tolerance);
        EXPECT_THROW(layout.meanBetas(39), DataError);
    }
}

TEST(NativeNsdLayout, InMemoryCacheIsBoundedAndSessionsAreReadOnDemand)
{
    // The in-memory path (no cache folder); the persistent cache is tested in NativeBetasCacheTest.cpp.
    vindex::data::NativeCacheOptions memory;
    memory.mode = vindex::data::NativeCacheOptions::Mode::Memory;
    NativeNsdLayout layout = NativeNsdLayout::open(kRoot, 1, memory);
    layout.setCacheCapacity(1);
    const int64_t perSession = layout.trialsPerSession();
    const std::vector<float> a = layout.betas(0);
    EXPECT_EQ(layout.cachedSessions(), 1);
    (void)layout.betas(perSession); // session 2 evicts session 1
    EXPECT_EQ(layout.cachedSessions(), 1);
    EXPECT_EQ(layout.betas(0), a); // re-read gives the same vector
    NativeNsdLayout moved = std::move(layout);
    EXPECT_EQ(moved.betas(0), a);
    EXPECT_EQ(moved.mappedSessions(), 0);
    EXPECT_EQ(moved.sessionsDecoded(), 3);
}

TEST(NativeNsdLayout, CocoCaptionsThroughTheCocoIdColumn)
{
    const NativeNsdLayout layout = NativeNsdLayout::open(kRoot, 2);
    const CocoCaptions captions = CocoCaptions::readDirectory(kRoot + "/annotations");
    for (const auto &[id, text] : miniNsdFacts()["captions"].items()) {
        const int64_t image = std::stoll(id);
        EXPECT_EQ(layout.stimulus(image).cocoSplit, "val2017");
        const auto &list = captions.captions(layout.cocoId(image));
        ASSERT_FALSE(list.empty()) << id;
        EXPECT_EQ(list.front(), text.get<std::string>());
    }
    EXPECT_THROW(layout.stimulus(40), DataError);
}

TEST(NativeNsdLayout, TrialOutOfRangeNamesTheRange)
{
    const NativeNsdLayout layout = NativeNsdLayout::open(kRoot, 1);
    const std::string msg = errorOf([&] { (void)layout.betas(24); });
    EXPECT_NE(msg.find("trial 24"), std::string::npos) << msg;
    EXPECT_NE(msg.find("0..23"), std::string::npos) << msg;
    EXPECT_NE(msg.find("subj01"), std::string::npos) << msg;
    EXPECT_THROW((void)layout.trial(-1), DataError);
}

TEST(NativeNsdLayout, TruncatedOrMissingBetasFailOnlyTheirTrials)
{
    testsupport::TempDir dir;
    const fs::path root = copyNative(dir);
    NativeNsdLayout probe = NativeNsdLayout::open(root.string(), 1);
    const std::string session2 = probe.betasPath(2);
    const std::string bytes = testsupport::readBytes(session2);
    testsupport::writeBytes(session2, bytes.substr(0, bytes.size() / 2));

    const NativeNsdLayout layout = NativeNsdLayout::open(root.string(), 1); // the header is intact: opens
    EXPECT_EQ(layout.betas(0).size(), static_cast<std::size_t>(layout.voxelCount()));
    const int64_t inSession2 = layout.trialsPerSession();
    std::string msg = errorOf([&] { (void)layout.betas(inSession2); });
    EXPECT_NE(msg.find(session2), std::string::npos) << msg;
    EXPECT_NE(msg.find("session 2"), std::string::npos) << msg;

    fs::remove(session2);
    const NativeNsdLayout missing = NativeNsdLayout::open(root.string(), 1);
    ASSERT_EQ(missing.problems().size(), 1u);
    EXPECT_NE(missing.problems()[0].find(session2), std::string::npos) << missing.problems()[0];
    msg = errorOf([&] { (void)missing.betas(inSession2); });
    EXPECT_NE(msg.find(session2), std::string::npos) << msg;
    EXPECT_NE(msg.find("missing"), std::string::npos) << msg;
    EXPECT_NO_THROW((void)missing.betas(0));
}

TEST(NativeNsdLayout, BigEndianScaledSessionWithTooFewVolumes)
{
    testsupport::TempDir dir;
    const fs::path root = copyNative(dir);
    const std::string session2 = NativeNsdLayout::open(root.string(), 1).betasPath(2);
    testsupport::writeBytes(session2, bigEndianNifti({9, 11, 7, 5}, 2.0f)); // 5 of 12 volumes

    const NativeNsdLayout layout = NativeNsdLayout::open(root.string(), 1);
    ASSERT_EQ(layout.problems().size(), 1u);
    EXPECT_NE(layout.problems()[0].find(session2 + ": 5 volumes, expected 12"), std::string::npos)
        << layout.problems()[0];
    // Volume t of session 2 holds 2 · (x + 2y + 3z + 5t) ÷ 300 (slope 2); z-scored over its 5 volumes every voxel
    // reads (t − 2) / √2, so volume 4 (trial 16) reads √2 whatever the slope and the voxel.
    const std::vector<float> b = layout.betas(16);
    for (int64_t v = 0; v < layout.voxelCount(); ++v)
        EXPECT_NEAR(b[v], std::sqrt(2.0), 1e-6);
    const std::string msg = errorOf([&] { (void)layout.betas(17); });
    EXPECT_NE(msg.find(session2), std::string::npos) << msg;
    EXPECT_NE(msg.find("expected at least 6 volumes"), std::string::npos) << msg;
    EXPECT_NE(msg.find("found 5"), std::string::npos) << msg;
}

TEST(NativeNsdLayout, BetasOnAnotherGridNameBothFiles)
{
    testsupport::TempDir dir;
    const fs::path root = copyNative(dir);
    const fs::path mask1 = root / "nsddata/ppdata/subj01/func1pt8mm/roi/nsdgeneral.nii.gz";
    fs::copy_file(root / "nsddata/ppdata/subj02/func1pt8mm/roi/nsdgeneral.nii.gz", mask1,
                  fs::copy_options::overwrite_existing);
    const NativeNsdLayout layout = NativeNsdLayout::open(root.string(), 1);
    EXPECT_FALSE(layout.problems().empty());
    const std::string msg = errorOf([&] { (void)layout.betas(0); });
    EXPECT_NE(msg.find("betas_session01.nii.gz"), std::string::npos) << msg;
    EXPECT_NE(msg.find(mask1.string()), std::string::npos) << msg;
}

TEST(NativeNsdLayout, CsvWithMissingColumnOrRaggedLine)
{
    testsupport::TempDir dir;
    const fs::path root = copyNative(dir);
    const std::string csvPath = (root / "nsd_stim_info_merged.csv").string();
    const std::string original = testsupport::readBytes(csvPath);

    // Drop the last column (subject8_rep2) everywhere: subject 1 still opens, subject 8's columns are incomplete.
    std::string dropped;
    std::size_t start = 0;
    while (start < original.size()) {
        std::size_t end = original.find('\n', start);
        if (end == std::string::npos)
            end = original.size();
        const std::string line = original.substr(start, end - start);
        dropped += line.substr(0, line.rfind(',')) + "\n";
        start = end + 1;
    }
    testsupport::writeBytes(csvPath, dropped);
    EXPECT_NO_THROW(NativeNsdLayout::open(root.string(), 1));
    // Subject 8 has no ROI in the fixture, so check the column through a renamed subject-1 column instead.
    std::string renamed = original;
    renamed.replace(renamed.find("subject1_rep2"), 13, "subject1_repX");
    testsupport::writeBytes(csvPath, renamed);
    std::string msg = errorOf([&] { NativeNsdLayout::open(root.string(), 1); });
    EXPECT_NE(msg.find(csvPath), std::string::npos) << msg;
    EXPECT_NE(msg.find("subject1_rep2"), std::string::npos) << msg;

    // Line 5 (the 4th data row) loses its last field.
    std::string ragged = original;
    std::size_t pos = 0;
    for (int line = 1; line < 5; ++line)
        pos = ragged.find('\n', pos) + 1;
    const std::size_t lineEnd = ragged.find('\n', pos);
    ragged.erase(ragged.rfind(',', lineEnd), lineEnd - ragged.rfind(',', lineEnd));
    testsupport::writeBytes(csvPath, ragged);
    msg = errorOf([&] { NativeNsdLayout::open(root.string(), 1); });
    EXPECT_NE(msg.find(csvPath), std::string::npos) << msg;
    EXPECT_NE(msg.find("line 5"), std::string::npos) << msg;
    EXPECT_NE(msg.find("expected 41 fields"), std::string::npos) << msg;

    // A trial number given twice: image 7's subject1_rep0 (22) becomes 1, which image 17 already holds.
    std::string twice = original;
    const std::size_t row7 = twice.find("\n7,") + 1;
    const std::size_t at = twice.find(",22,", row7);
    ASSERT_NE(at, std::string::npos);
    twice.replace(at, 4, ",1,");
    testsupport::writeBytes(csvPath, twice);
    msg = errorOf([&] { NativeNsdLayout::open(root.string(), 1); });
    EXPECT_NE(msg.find(csvPath), std::string::npos) << msg;
    EXPECT_NE(msg.find("trial 1 of subject 1"), std::string::npos) << msg;

    fs::remove(csvPath);
    msg = errorOf([&] { NativeNsdLayout::open(root.string(), 1); });
    EXPECT_NE(msg.find("nsd_stim_info_merged.csv"), std::string::npos) << msg;
}
