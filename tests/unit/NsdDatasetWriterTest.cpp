// NsdDatasetWriter: mini-nsd rebuilt from expected.json (trial order, splits, captions, boxes, beta_formula) plus the
// fixture's input images and ROI masks, written in every layout, then read back by the layout readers and Session.
// Every value asserted comes from expected.json or its closed-form formula, never from an earlier run of our code.
#include "MiniNsd.h"
#include "TestSupport.h"

#include "vindex/core/Error.h"
#include "vindex/data/CocoCaptions.h"
#include "vindex/data/MindEye2Layout.h"
#include "vindex/data/NativeNsdLayout.h"
#include "vindex/data/NsdDatasetWriter.h"
#include "vindex/data/Session.h"
#include "vindex/data/WebdatasetLayout.h"
#include "vindex/io/CsvTable.h"
#include "vindex/io/Hdf5File.h"
#include "vindex/io/NiftiImage.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>

using namespace vindex;
using namespace vindex::data;
using Split = WebdatasetLayout::Split;
namespace fs = std::filesystem;

namespace {

using testsupport::miniNsdBeta;
using testsupport::miniNsdFacts;

const std::string kFixture = testsupport::fixture("mini-nsd");

std::vector<int64_t> ids(const nlohmann::json &j)
{
    return j.get<std::vector<int64_t>>();
}

// The trials in which a subject saw an image, in order (from expected.json's trial_images).
std::vector<int64_t> trialsOf(int subject, int64_t image)
{
    const auto order = ids(miniNsdFacts()["subjects"][std::to_string(subject)]["trial_images"]);
    std::vector<int64_t> out;
    for (std::size_t t = 0; t < order.size(); ++t)
        if (order[t] == image)
            out.push_back(static_cast<int64_t>(t));
    return out;
}

std::vector<std::string> captionsOf(int64_t image)
{
    // Five per image like the fixture's COCO file: expected.json's caption, then " (1)".." (4)".
    const std::string first = miniNsdFacts()["captions"][std::to_string(image)].get<std::string>();
    std::vector<std::string> out{first};
    for (int k = 1; k < 5; ++k)
        out.push_back(first + " (" + std::to_string(k) + ")");
    return out;
}

// The description of mini-nsd: images from the fixture's uint8 stimulus brick (input, not output), the ROI masks from
// its nsdgeneral files, everything else from expected.json.
NsdDatasetDescription miniNsd()
{
    NsdDatasetDescription d;
    const int64_t n = miniNsdFacts()["n_images"].get<int64_t>();
    const io::HostTensor brick = io::Hdf5File::open(kFixture + "/nsd_stimuli.hdf5")->read("imgBrick", io::DType::U8);
    const int64_t h = brick.shape()[1], w = brick.shape()[2];
    const auto *pixels = reinterpret_cast<const uint8_t *>(brick.data());
    std::set<int64_t> test, val;
    for (const auto &[id, facts] : miniNsdFacts()["subjects"].items()) {
        for (int64_t i : ids(facts["splits"]["test"]))
            test.insert(i);
        for (int64_t i : ids(facts["splits"]["val"]))
            val.insert(i);
    }
    for (int64_t i = 0; i < n; ++i) {
        NsdImage image;
        image.image = io::RgbImage(static_cast<int>(w), static_cast<int>(h));
        std::copy_n(pixels + i * h * w * 3, h * w * 3, image.image.pixels.begin());
        image.captions = captionsOf(i);
        const auto &box = miniNsdFacts()["boxes"][std::to_string(i)];
        const auto xyxy = box["xyxy"].get<std::vector<double>>();
        image.boxes.push_back({box["category"].get<std::string>(), {xyxy[0], xyxy[1], xyxy[2], xyxy[3]}});
        image.split = test.count(i) ? Split::Test : val.count(i) ? Split::Val : Split::Train;
        d.images.push_back(std::move(image));
    }
    for (int s : {1, 2}) {
        const auto &facts = miniNsdFacts()["subjects"][std::to_string(s)];
        NsdSubjectDescription subject;
        subject.id = s;
        const io::NiftiImage mask = io::NiftiImage::read(kFixture + "/nsddata/ppdata/subj0" + std::to_string(s) +
                                                         "/func1pt8mm/roi/nsdgeneral.nii.gz");
        const auto shape = mask.shape();
        subject.shape = {shape[0], shape[1], shape[2]};
        for (int64_t x = 0; x < shape[0]; ++x)
            for (int64_t y = 0; y < shape[1]; ++y)
                for (int64_t z = 0; z < shape[2]; ++z)
                    subject.mask.push_back(static_cast<int8_t>(mask.value(x, y, z)));
        subject.voxelCount = facts["nvox"].get<int64_t>();
        subject.trialImages = ids(facts["trial_images"]);
        subject.trialsPerSession = 12; // two sessions, as in the fixture
        d.subjects.push_back(std::move(subject));
    }
    d.response = [](int, int64_t, int64_t image, int repeat, std::span<float> row) {
        for (std::size_t v = 0; v < row.size(); ++v)
            row[v] = static_cast<float>(miniNsdBeta(static_cast<int64_t>(v), image, repeat));
    };
    return d;
}

// A dataset written once for all the tests of this file.
const std::string &writtenRoot()
{
    static testsupport::TempDir dir;
    static const std::string root = [] {
        const std::string path = (dir.path() / "mini").string();
        NsdDatasetWriter::Options options;
        options.webdatasetOptions.samplesPerShard = 4; // test split of 6 → two shards
        NsdDatasetWriter::write(path, miniNsd(), options);
        return path;
    }();
    return root;
}

constexpr double kHalfTolerance = 1e-3; // float16 of values in [−1, 1.02]

std::string shell(const std::string &command, bool &ok)
{
    std::string out;
    FILE *pipe = ::popen(command.c_str(), "r");
    ok = pipe != nullptr;
    if (!pipe)
        return out;
    char buffer[4096];
    std::size_t got;
    while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        out.append(buffer, got);
    ok = ::pclose(pipe) == 0;
    return out;
}

} // namespace

TEST(NsdDatasetWriter, WebdatasetLayoutHoldsTheSplitsTrialsAndBetas)
{
    const std::string &root = writtenRoot();
    for (int s : {1, 2}) {
        const auto &facts = miniNsdFacts()["subjects"][std::to_string(s)];
        const WebdatasetLayout layout = WebdatasetLayout::open(root, s);
        EXPECT_TRUE(layout.problems().empty()) << layout.problems().front();
        EXPECT_EQ(layout.voxelCount(), facts["nvox"].get<int64_t>());
        for (Split split : WebdatasetLayout::kSplits) {
            const auto want = ids(facts["splits"][WebdatasetLayout::splitName(split)]);
            ASSERT_EQ(layout.sampleCount(split), want.size()) << s << " " << WebdatasetLayout::splitName(split);
            EXPECT_EQ(layout.metadataTotals().at(WebdatasetLayout::splitName(split)),
                      static_cast<int64_t>(want.size()));
            for (std::size_t k = 0; k < want.size(); ++k) {
                const int64_t image = want[k];
                char key[32];
                std::snprintf(key, sizeof key, "sample%09zu", k);
                EXPECT_EQ(layout.sample(split, k).key, key);
                EXPECT_EQ(layout.imageId(split, k), image);
                const auto seen = trialsOf(s, image);
                std::vector<int64_t> cycled;
                for (std::size_t r = 0; r < 3; ++r)
                    cycled.push_back(seen[r % seen.size()]);
                EXPECT_EQ(layout.trials(split, k), cycled) << "subject " << s << " image " << image;
                EXPECT_EQ(layout.numUniques(split, k), static_cast<int64_t>(seen.size()));
                const io::HostTensor voxels = layout.voxels(split, k);
                EXPECT_EQ(voxels.dtype(), io::DType::F16);
                const auto values = voxels.toFloatVector();
                const int64_t V = layout.voxelCount();
                for (int64_t r = 0; r < 3; ++r)
                    for (int64_t v = 0; v < V; v += 7) {
                        const int rep = static_cast<int>(r % static_cast<int64_t>(seen.size()));
                        ASSERT_NEAR(values[r * V + v], miniNsdBeta(v, image, rep), kHalfTolerance)
                            << "subject " << s << " image " << image << " row " << r << " voxel " << v;
                    }
                const io::RgbImage rgb = layout.image(split, k);
                EXPECT_EQ(rgb.width, 64);
                EXPECT_EQ(rgb.height, 48);
            }
        }
        EXPECT_EQ(layout.shardPaths(Split::Test).size(), 2u); // 6 samples, 4 per shard
        EXPECT_NEAR(layout.meanVoxels(Split::Test, 0)[0], facts["test_mean_voxel0_image0"].get<double>(),
                    kHalfTolerance);
    }
}

TEST(NsdDatasetWriter, GnuTarListsTheWrittenShard)
{
    bool ok = false;
    shell("tar --version >/dev/null 2>&1", ok);
    if (!ok)
        GTEST_SKIP() << "tar is not installed";
    const std::string tar = writtenRoot() + "/webdataset_avg_split/test/test_subj01_1.tar";
    const std::string listing = shell("tar tf '" + tar + "' 2>&1", ok);
    ASSERT_TRUE(ok) << listing;
    std::string want;
    for (const char *key : {"sample000000004", "sample000000005"})
        for (const char *ext : {".jpg", ".nsdgeneral.npy", ".coco73k.npy", ".trial.npy", ".num_uniques.npy"})
            want += std::string(key) + ext + "\n";
    EXPECT_EQ(listing, want);
}

TEST(NsdDatasetWriter, MindEye2LayoutHoldsTrialOrderBetasImagesAndCaptions)
{
    const std::string &root = writtenRoot();
    for (int s : {1, 2}) {
        const auto &facts = miniNsdFacts()["subjects"][std::to_string(s)];
        const MindEye2Layout layout = MindEye2Layout::open(root, s);
        EXPECT_TRUE(layout.problems().empty()) << layout.problems().front();
        EXPECT_EQ(layout.voxelCount(), facts["nvox"].get<int64_t>());
        const auto order = ids(facts["trial_images"]);
        ASSERT_EQ(layout.trialCount(), static_cast<int64_t>(order.size()));
        for (int64_t t = 0; t < layout.trialCount(); ++t) {
            const int64_t image = order[static_cast<std::size_t>(t)];
            const auto seen = trialsOf(s, image);
            const int rep = static_cast<int>(std::find(seen.begin(), seen.end(), t) - seen.begin());
            EXPECT_EQ(layout.trial(t).imageId, image);
            EXPECT_EQ(layout.trial(t).repeat, rep);
            const auto row = layout.betas(t);
            for (int64_t v = 0; v < layout.voxelCount(); ++v)
                ASSERT_NEAR(row[v], miniNsdBeta(v, image, rep), 1e-6) << "trial " << t << " voxel " << v;
        }
        EXPECT_EQ(layout.testImages(), ids(miniNsdFacts()["shared"]));
    }
    const MindEye2Layout layout = MindEye2Layout::open(root, 1);
    EXPECT_EQ(layout.imageCount(), miniNsdFacts()["n_images"].get<int64_t>());
    EXPECT_EQ(layout.imageShape(), (std::vector<int64_t>{3, 48, 64}));
    for (int64_t id : {0, 17, 39})
        EXPECT_EQ(layout.captions(id), captionsOf(id));
}

TEST(NsdDatasetWriter, NativeLayoutHoldsTheRoiTrialsAndInt16Betas)
{
    const std::string &root = writtenRoot();
    for (int s : {1, 2}) {
        const auto &facts = miniNsdFacts()["subjects"][std::to_string(s)];
        const NativeNsdLayout layout = NativeNsdLayout::open(root, s);
        EXPECT_TRUE(layout.problems().empty()) << layout.problems().front();
        const auto shape = ids(facts["volume_shape"]);
        EXPECT_EQ(layout.roi().shape()[0], shape[0]);
        EXPECT_EQ(layout.roi().shape()[1], shape[1]);
        EXPECT_EQ(layout.roi().shape()[2], shape[2]);
        EXPECT_EQ(layout.voxelCount(), facts["nvox"].get<int64_t>());
        const auto first = facts["first_voxels_xyz"].get<std::vector<std::array<int32_t, 3>>>();
        for (std::size_t i = 0; i < first.size(); ++i)
            EXPECT_EQ(layout.roi().voxel(static_cast<int64_t>(i)), first[i]) << i;
        EXPECT_EQ(layout.roi().voxels().back(), (facts["last_voxel_xyz"].get<std::array<int32_t, 3>>()));
        EXPECT_TRUE(layout.hasAnatomy());
        EXPECT_EQ(layout.sessions(), (std::vector<int>{1, 2}));
        EXPECT_EQ(layout.trialsPerSession(), 12);
        const auto order = ids(facts["trial_images"]);
        ASSERT_EQ(layout.trialCount(), static_cast<int64_t>(order.size()));
        for (int64_t t = 0; t < layout.trialCount(); ++t) {
            const int64_t image = order[static_cast<std::size_t>(t)];
            const auto seen = trialsOf(s, image);
            const int rep = static_cast<int>(std::find(seen.begin(), seen.end(), t) - seen.begin());
            EXPECT_EQ(layout.trial(t).imageId, image);
            EXPECT_EQ(layout.trial(t).repeat, rep);
            // Read z-scored per session from the int16 values written (the same values as the fixture's NIfTI).
            const auto row = layout.betas(t);
            for (int64_t v = 0; v < layout.voxelCount(); ++v)
                ASSERT_NEAR(row[v], testsupport::miniNsdNativeZ(s, t, v), 1e-5) << "trial " << t << " voxel " << v;
        }
        EXPECT_EQ(layout.testImages(), ids(miniNsdFacts()["shared"]));
        EXPECT_EQ(layout.stimulus(3).cocoSplit, "val2017");
    }
    // The betas are int16 as NSD stores them; the mask holds −1/0/1.
    const io::NiftiImage betas = io::NiftiImage::read(
        root + "/nsddata/ppdata/subj01/func1pt8mm/betas_fithrf_GLMdenoise_RR/betas_session02.nii.gz");
    EXPECT_EQ(betas.dtype(), io::DType::I16);
    EXPECT_EQ(betas.shape(), (std::vector<int64_t>{9, 11, 7, 12}));
    const io::NiftiImage mask = io::NiftiImage::read(root + "/nsddata/ppdata/subj01/func1pt8mm/roi/nsdgeneral.nii.gz");
    std::set<double> values;
    for (float v : mask.scaledVolume(0))
        values.insert(v);
    EXPECT_EQ(values, (std::set<double>{-1, 0, 1}));
    // COCO captions through the stimulus table's cocoId.
    const CocoCaptions captions = CocoCaptions::readDirectory(root + "/annotations");
    const NativeNsdLayout layout = NativeNsdLayout::open(root, 1);
    for (int64_t id : {0, 21})
        EXPECT_EQ(captions.captions(layout.cocoId(id)), captionsOf(id));
}

TEST(NsdDatasetWriter, StimulusTableMatchesTheFixturesCells)
{
    // The fixture's CSV is a reference written by the reference tooling: same columns, same cells.
    const io::CsvTable ours = io::CsvTable::read(writtenRoot() + "/nsd_stim_info_merged.csv");
    const io::CsvTable theirs = io::CsvTable::read(kFixture + "/nsd_stim_info_merged.csv");
    ASSERT_EQ(ours.header(), theirs.header());
    ASSERT_EQ(ours.rowCount(), theirs.rowCount());
    for (std::size_t r = 0; r < ours.rowCount(); ++r)
        for (std::size_t c = 0; c < ours.columnCount(); ++c)
            ASSERT_EQ(ours.cell(r, c), theirs.cell(r, c)) << "row " << r << " column " << ours.header()[c];
}

TEST(NsdDatasetWriter, SessionOpensEveryLayoutAndTheyAgree)
{
    const Session session = Session::open(writtenRoot());
    EXPECT_EQ(session.subjects(), (std::vector<int>{1, 2}));
    for (const std::string &line : session.problems())
        ADD_FAILURE() << line;
    for (int s : {1, 2}) {
        EXPECT_EQ(session.layoutsOf(s),
                  (std::vector<NsdLayout>{NsdLayout::Webdataset, NsdLayout::MindEye2, NsdLayout::Native}));
        const Subject subject = session.subject(s);
        EXPECT_EQ(subject.voxelCount(), miniNsdFacts()["subjects"][std::to_string(s)]["nvox"].get<int64_t>());
        EXPECT_EQ(subject.testImages(), ids(miniNsdFacts()["shared"]));
        for (int64_t k = 0; k < subject.testImageCount(); ++k) {
            const int64_t image = subject.testImage(k);
            const auto seen = trialsOf(s, image);
            for (NsdLayout layout : session.layoutsOf(s)) {
                const auto mean = subject.testVoxels(k, layout);
                for (std::size_t v = 0; v < mean.size(); v += 11) {
                    double want = 0;
                    for (std::size_t r = 0; r < 3; ++r) // webdataset cycles repeats to three rows; here all are three
                        want += miniNsdBeta(static_cast<int64_t>(v), image, static_cast<int>(r % seen.size()));
                    want /= 3;
                    if (layout == NsdLayout::Native) // z-scored per session on reading
                        want = testsupport::miniNsdNativeMeanZ(s, image, static_cast<int64_t>(v));
                    ASSERT_NEAR(mean[v], want, layout == NsdLayout::Native ? 1e-5 : kHalfTolerance)
                        << "subject " << s << " test " << k << " " << nsdLayoutName(layout);
                }
            }
        }
    }
}

TEST(NsdDatasetWriter, BrainHubFilesAreKeyedByTestIndex)
{
    const std::string folder = writtenRoot() + "/brainhub";
    const auto captions = testsupport::readJson(folder + "/caption/fmri_cococap.json");
    const auto boxes = testsupport::readJson(folder + "/bbox/coco_bbox_categorized.json");
    const auto shared = ids(miniNsdFacts()["shared"]);
    ASSERT_EQ(captions.size(), shared.size());
    ASSERT_EQ(boxes.size(), shared.size());
    for (std::size_t k = 0; k < shared.size(); ++k) {
        const std::string key = std::to_string(k);
        EXPECT_EQ(captions[key].get<std::vector<std::string>>(), captionsOf(shared[k]));
        const auto &box = miniNsdFacts()["boxes"][std::to_string(shared[k])];
        const auto xyxy = box["xyxy"].get<std::vector<double>>();
        const auto got = boxes[key][box["category"].get<std::string>()].get<std::vector<std::vector<double>>>();
        ASSERT_EQ(got.size(), 1u);
        const std::vector<double> want{xyxy[0] / 64, xyxy[1] / 48, xyxy[2] / 64, xyxy[3] / 48};
        for (int i = 0; i < 4; ++i)
            EXPECT_DOUBLE_EQ(got[0][i], want[i]) << key;
    }
}

TEST(NsdDatasetWriter, GeneratedBallRoi)
{
    // 217 voxels (subject 1's count) in the smallest cube: side 2·ceil(cbrt(3·217/4π)) + 3 = 2·4 + 3 = 11.
    const auto volume = NsdDatasetWriter::ballVolume(217);
    EXPECT_EQ(volume.shape, (std::array<int64_t, 3>{11, 11, 11}));
    EXPECT_EQ(std::count(volume.mask.begin(), volume.mask.end(), 1), 217);
    EXPECT_EQ(volume.mask[(5 * 11 + 5) * 11 + 5], 1); // the centre
    EXPECT_EQ(volume.mask[0], -1);                    // a corner is outside the brain
    // Given a shape, the ball is centred in it.
    const auto inShape = NsdDatasetWriter::ballVolume(1, {3, 5, 7});
    EXPECT_EQ(inShape.mask[(1 * 5 + 2) * 7 + 3], 1);
    EXPECT_THROW(NsdDatasetWriter::ballVolume(106, {3, 5, 7}), DataError);
    EXPECT_THROW(NsdDatasetWriter::ballVolume(0), DataError);
}

TEST(NsdDatasetWriter, SmallGeneratedSubjectInEveryLayout)
{
    // Two images (one test, one train), one subject with a generated ROI and PNG tars.
    NsdDatasetDescription d;
    for (int i = 0; i < 2; ++i) {
        NsdImage image;
        image.image = io::RgbImage(20 + 10 * i, 10, {static_cast<uint8_t>(100 * i), 50, 200});
        image.captions = {"image " + std::to_string(i)};
        image.split = i == 0 ? Split::Test : Split::Train;
        image.cocoSplit = i == 0 ? "val2017" : "train2017";
        d.images.push_back(image);
    }
    NsdSubjectDescription subject;
    subject.id = 5;
    subject.voxelCount = 30;
    subject.trialImages = {0, 1, 0};
    subject.trialsPerSession = 2;
    d.subjects.push_back(subject);
    d.response = [](int s, int64_t trial, int64_t image, int repeat, std::span<float> row) {
        for (std::size_t v = 0; v < row.size(); ++v)
            row[v] = static_cast<float>(s + trial * 0.1 + image * 0.01 + repeat * 0.001 + v * 1e-4);
    };
    testsupport::TempDir dir;
    NsdDatasetWriter::Options options;
    options.webdatasetOptions.imageFormat = WebdatasetWriter::ImageFormat::Png;
    options.mindEye2ImageSize = 16; // the two images differ in size
    NsdDatasetWriter::write(dir.path().string(), d, options);

    const Session session = Session::open(dir.path().string());
    EXPECT_EQ(session.subjects(), (std::vector<int>{5}));
    const Subject s = session.subject(5);
    EXPECT_EQ(s.voxelCount(), 30);
    EXPECT_EQ(s.testImages(), (std::vector<int64_t>{0}));
    const WebdatasetLayout &wds = s.webdataset();
    EXPECT_EQ(wds.sample(Split::Train, 0).imageExt, "png");
    const io::RgbImage png = wds.image(Split::Train, 0);
    EXPECT_EQ(png.pixels, d.images[1].image.pixels); // PNG is lossless
    EXPECT_EQ(s.mindEye2().imageShape(), (std::vector<int64_t>{3, 16, 16}));
    EXPECT_EQ(s.native().sessions(), (std::vector<int>{1, 2}));
    // Trial 2 = image 0, repeat 1, alone in session 2: a constant voxel over its session, which z-scoring (sklearn's
    // StandardScaler: scale 1) maps to 0. Trials 0 and 1 (session 1) differ by 0.1 − 0.01 − 0 in every voxel: −1, +1.
    for (float value : s.native().betas(2))
        EXPECT_EQ(value, 0.0f);
    for (float value : s.native().betas(0))
        EXPECT_NEAR(value, -1.0, 1e-6);
    for (float value : s.native().betas(1))
        EXPECT_NEAR(value, 1.0, 1e-6);
    EXPECT_TRUE(fs::exists(dir.file("annotations/captions_train2017.json")));
    EXPECT_TRUE(fs::exists(dir.file("annotations/captions_val2017.json")));
}

TEST(NsdDatasetWriter, UnwritableRootIsAnErrorNamingIt)
{
    testsupport::TempDir dir;
    testsupport::writeBytes(dir.file("file"), "not a folder");
    const std::string root = dir.file("file") + "/dataset";
    try {
        NsdDatasetWriter::write(root, miniNsd());
        FAIL() << "no error";
    } catch (const Error &e) {
        EXPECT_NE(std::string(e.what()).find(root), std::string::npos) << e.what();
    }
}

TEST(NsdDatasetWriter, InconsistentDescriptionsAreDataErrorsBeforeAnythingIsWritten)
{
    testsupport::TempDir dir;
    const std::string root = dir.file("never");
    auto expectError = [&](NsdDatasetDescription d, const std::string &fragment) {
        try {
            NsdDatasetWriter::write(root, d);
            ADD_FAILURE() << "no error, expected one mentioning '" << fragment << "'";
        } catch (const DataError &e) {
            EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
        }
        EXPECT_FALSE(fs::exists(root)) << fragment;
    };
    const NsdDatasetDescription good = miniNsd();
    {
        auto d = good;
        d.subjects[0].mask.pop_back();
        expectError(d, "the ROI mask has 692 values");
    }
    {
        auto d = good;
        d.subjects[1].voxelCount = 137;
        expectError(d, "voxelCount is 137, but the ROI mask has 136");
    }
    {
        auto d = good;
        d.subjects[0].trialImages[4] = 40;
        expectError(d, "trial 4 shows image 40, expected 0..39");
    }
    {
        auto d = good;
        d.subjects[0].trialImages[1] = 0; // image 0 a fourth time
        expectError(d, "image 0 is shown more than three times");
    }
    {
        auto d = good;
        d.images[7].image.pixels.resize(10);
        expectError(d, "image 7: expected width × height × 3 RGB bytes");
    }
    {
        auto d = good;
        d.images[3].image = io::RgbImage(10, 10);
        expectError(d, "image 3 is 10 × 10, image 0 is 64 × 48");
    }
    {
        auto d = good;
        d.images[2].boxes[0].xyxy = {30, 0, 10, 5};
        expectError(d, "image 2: a box needs");
    }
    {
        auto d = good;
        d.subjects[1].id = 1;
        expectError(d, "distinct");
    }
    {
        auto d = good;
        d.response = nullptr;
        expectError(d, "no voxel response callback");
    }
}
