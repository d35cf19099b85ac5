// Trials, captions and stimuli of a Subject, checked against mini-nsd's expected.json from each layout preferred in
// turn: split membership and order, repeats (the trial → image order), betas against beta_formula, captions, and the
// shapes drawn into the stimuli at the boxes expected.json lists.
#include "MiniNsd.h"
#include "TestSupport.h"
#include "vindex/core/Error.h"
#include "vindex/data/NativeNsdLayout.h"
#include "vindex/data/Session.h"
#include "vindex/data/SyntheticNsd.h"
#include "vindex/io/NpyFile.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <set>

using vindex::DataError;
using vindex::data::NsdLayout;
using vindex::data::Session;
using vindex::data::Split;
using vindex::data::Subject;
using vindex::data::Trial;

namespace {

const std::string kRoot = testsupport::fixture("mini-nsd");

const nlohmann::json &expected()
{
    static const nlohmann::json json = testsupport::readJson(kRoot + "/expected.json");
    return json;
}

const Session &session()
{
    static const Session opened = Session::open(kRoot);
    return opened;
}

const std::vector<NsdLayout> kAll = {NsdLayout::Webdataset, NsdLayout::MindEye2, NsdLayout::Native};

std::vector<int64_t> imagesOf(const std::vector<Trial> &trials)
{
    std::vector<int64_t> ids;
    for (const Trial &trial : trials)
        ids.push_back(trial.imageId);
    return ids;
}

std::vector<int64_t> expectedSplit(int subject, const char *split)
{
    return expected()["subjects"][std::to_string(subject)]["splits"][split].get<std::vector<int64_t>>();
}

// Rounding of each format: float16 tars, float32 HDF5, int16 ÷ 300 NIfTI.
double tolerance(NsdLayout layout, double value)
{
    switch (layout) {
    case NsdLayout::Webdataset: return std::ldexp(1.0, -11) * std::fabs(value) + 1e-3;
    case NsdLayout::MindEye2: return 1e-5;
    case NsdLayout::Native: return 1e-5; // z-scores computed from the same int16 values
    }
    return 0;
}

} // namespace

TEST(SubjectTrialsTest, SplitsFromEveryLayout)
{
    for (int id : {1, 2}) {
        for (NsdLayout layout : kAll) {
            const Subject subject = session().subject(id, {layout});
            ASSERT_EQ(subject.preferredLayout(), layout);
            SCOPED_TRACE(std::string("subject ") + std::to_string(id) + " " + vindex::data::nsdLayoutName(layout));
            const auto test = subject.trials(Split::Test);
            EXPECT_EQ(imagesOf(test), expectedSplit(id, "test"));
            for (std::size_t i = 0; i < test.size(); ++i) {
                EXPECT_EQ(test[i].index, static_cast<int64_t>(i));
                EXPECT_EQ(test[i].split, Split::Test);
            }
            if (layout == NsdLayout::Webdataset) {
                EXPECT_EQ(imagesOf(subject.trials(Split::Train)), expectedSplit(id, "train"));
                EXPECT_EQ(imagesOf(subject.trials(Split::Val)), expectedSplit(id, "val"));
            } else {
                // MindEye2 and native NSD define no validation split; with the subject's tars beside them, val holds
                // out MindEye1's val images (the tar's, in its order) and train is the rest, ascending.
                std::vector<int64_t> train = expectedSplit(id, "train");
                std::sort(train.begin(), train.end());
                EXPECT_EQ(imagesOf(subject.trials(Split::Train)), train);
                EXPECT_EQ(imagesOf(subject.trials(Split::Val)), expectedSplit(id, "val"));
                for (const Trial &trial : subject.trials(Split::Val))
                    EXPECT_EQ(trial.split, Split::Val);
            }
            EXPECT_EQ(subject.trialCount(Split::Test), static_cast<int64_t>(test.size()));
            EXPECT_THROW(subject.trial(Split::Test, static_cast<int64_t>(test.size())), DataError);
            EXPECT_THROW(subject.trial(Split::Train, -1), DataError);
        }
    }
}

// Without tars, MindEye2 and native data hold out v = max(1, round(n · 300 / 8859)) of their n non-test images
// (MindEye1's share of val in train + val) at positions floor((2j + 1) · n / (2v)) of the ascending ids (Subject.h).
TEST(SubjectTrialsTest, ValidationHeldOutByImageIdWithoutTars)
{
    // mini-nsd: n = 6 non-test images (expected.json's train and val) → v = 1, position 3.
    for (const bool mindeye2 : {true, false}) {
        testsupport::TempDir dir;
        namespace fs = std::filesystem;
        if (mindeye2) {
            for (const char *name : {"betas_all_subj01_fp32_renorm.hdf5", "betas_all_subj02_fp32_renorm.hdf5",
                                     "COCO_73k_subj_indices.hdf5", "coco_images_224_float16.hdf5",
                                     "COCO_73k_annots_curated.npy", "nsd_stimuli.hdf5"})
                fs::copy_file(fs::path(kRoot) / name, dir.path() / name);
            // shared1000.npy over mini-nsd's 40 images marks expected.json's shared ones: the test split.
            vindex::io::HostTensor shared = vindex::io::HostTensor::allocate(vindex::io::DType::Bool, {40});
            for (int64_t image : expected()["shared"].get<std::vector<int64_t>>())
                reinterpret_cast<uint8_t *>(shared.mutableData())[image] = 1;
            vindex::io::NpyFile::write(dir.file("shared1000.npy"), shared);
        } else {
            fs::copy(fs::path(kRoot) / "nsddata", dir.path() / "nsddata", fs::copy_options::recursive);
            fs::copy_file(fs::path(kRoot) / "nsd_stim_info_merged.csv", dir.path() / "nsd_stim_info_merged.csv");
        }
        const Session opened = Session::open(dir.path().string());
        for (int id : {1, 2}) {
            const Subject subject = opened.subject(id);
            ASSERT_FALSE(subject.hasLayout(NsdLayout::Webdataset));
            SCOPED_TRACE(std::string("subject ") + std::to_string(id) + " " +
                         vindex::data::nsdLayoutName(subject.preferredLayout()));
            std::vector<int64_t> rest = expectedSplit(id, "train");
            for (int64_t image : expectedSplit(id, "val"))
                rest.push_back(image);
            std::sort(rest.begin(), rest.end());
            ASSERT_EQ(rest.size(), 6u);
            EXPECT_EQ(imagesOf(subject.trials(Split::Val)), std::vector<int64_t>{rest[3]});
            rest.erase(rest.begin() + 3);
            EXPECT_EQ(imagesOf(subject.trials(Split::Train)), rest);
        }
    }
    // A synthetic subject of 100 images, 10 of them test (ids 0..9): n = 90 → v = round(3.05) = 3 at positions
    // 15, 45, 75 of ids 10..99.
    testsupport::TempDir dir;
    vindex::data::SyntheticNsdOptions options;
    options.subjects = {1};
    options.voxels = 20;
    options.trials = 300;
    vindex::data::NsdDatasetWriter::Options layouts;
    layouts.webdataset = layouts.native = layouts.brainHub = false;
    vindex::data::NsdDatasetWriter::write(dir.file("nsd"), vindex::data::SyntheticNsd::describe(options), layouts);
    const Subject subject = Session::open(dir.file("nsd")).subject(1);
    ASSERT_EQ(subject.preferredLayout(), NsdLayout::MindEye2);
    ASSERT_EQ(subject.trialCount(Split::Test), 10);
    EXPECT_EQ(imagesOf(subject.trials(Split::Val)), (std::vector<int64_t>{25, 55, 85}));
    EXPECT_EQ(subject.trialCount(Split::Train), 87);
}

TEST(SubjectTrialsTest, RepeatsAreTheTrialsThatShowedTheImage)
{
    for (int id : {1, 2}) {
        const auto order = expected()["subjects"][std::to_string(id)]["trial_images"].get<std::vector<int64_t>>();
        for (NsdLayout layout : kAll) {
            const Subject subject = session().subject(id, {layout});
            for (Split split : {Split::Train, Split::Val, Split::Test}) {
                for (const Trial &trial : subject.trials(split)) {
                    ASSERT_FALSE(trial.repeats.empty());
                    std::set<int64_t> shown;
                    for (std::size_t t = 0; t < order.size(); ++t)
                        if (order[t] == trial.imageId)
                            shown.insert(static_cast<int64_t>(t));
                    for (int64_t repeat : trial.repeats)
                        EXPECT_TRUE(shown.count(repeat)) << "image " << trial.imageId << " trial " << repeat;
                    // The tars repeat a trial when an image was seen fewer than three times; the others list each once.
                    if (layout != NsdLayout::Webdataset)
                        EXPECT_EQ(trial.repeats.size(), shown.size()) << "image " << trial.imageId;
                }
            }
        }
    }
}

// The tars and the HDF5 of mini-nsd hold the formula itself (float16 / float32; unlike MindEye's real files they are
// not z-scored); native reads z-score the NIfTI's int16 values per session (miniNsdNativeZ).
TEST(SubjectTrialsTest, BetasFollowTheFormula)
{
    for (int id : {1, 2}) {
        for (NsdLayout layout : kAll) {
            const Subject subject = session().subject(id, {layout});
            SCOPED_TRACE(std::string("subject ") + std::to_string(id) + " " + vindex::data::nsdLayoutName(layout));
            for (const Trial &trial : subject.trials(Split::Test)) {
                const auto repeats = subject.repeatBetas(trial);
                const auto mean = subject.meanBetas(trial);
                ASSERT_EQ(static_cast<int64_t>(mean.size()), subject.voxelCount());
                ASSERT_FALSE(repeats.empty());
                for (int64_t v = 0; v < subject.voxelCount(); v += 7) {
                    double sum = 0;
                    for (std::size_t r = 0; r < repeats.size(); ++r) {
                        const double value =
                            layout == NsdLayout::Native
                                ? testsupport::miniNsdNativeZ(id, trial.repeats[r], v)
                                : std::sin(0.05 * v + 0.7 * trial.imageId) + 0.01 * static_cast<double>(r);
                        EXPECT_NEAR(repeats[r][v], value, tolerance(layout, value));
                        sum += value;
                    }
                    const double meanValue = sum / static_cast<double>(repeats.size());
                    EXPECT_NEAR(mean[v], meanValue, tolerance(layout, meanValue));
                }
            }
            // expected.json: the test mean of voxel 0 of image 0.
            const Trial first = subject.trial(Split::Test, 0);
            ASSERT_EQ(first.imageId, 0);
            const double value =
                layout == NsdLayout::Native
                    ? testsupport::miniNsdNativeMeanZ(id, 0, 0)
                    : expected()["subjects"][std::to_string(id)]["test_mean_voxel0_image0"].get<double>();
            EXPECT_NEAR(subject.meanBetas(first)[0], value, tolerance(layout, value));
        }
    }
}

TEST(SubjectTrialsTest, CaptionsFromMindEye2AndFromCoco)
{
    // MindEye2's curated captions win when present; without that layout they come from the COCO files by cocoId.
    const Subject withMindEye2 = session().subject(1);
    const Subject nativeOnly(
        1, nullptr, nullptr,
        std::make_shared<const vindex::data::NativeNsdLayout>(vindex::data::NativeNsdLayout::open(kRoot, 1)));
    for (const Subject *subject : {&withMindEye2, &nativeOnly}) {
        ASSERT_TRUE(subject->hasCaptions());
        for (const auto &[key, text] : expected()["captions"].items()) {
            const auto captions = subject->captions(std::stoll(key));
            ASSERT_FALSE(captions.empty()) << key;
            EXPECT_EQ(captions.front(), text.get<std::string>()) << key;
        }
    }
}

// The fixture draws a circle or a square inside each listed box on a uniform background, so the box is where the
// pixels differ from the corner. JPEG (tars) and the 224-px resize (MindEye2) blur edges: two source pixels of slack.
TEST(SubjectTrialsTest, StimuliShowTheShapesAtTheirBoxes)
{
    const auto &coco = testsupport::readJson(kRoot + "/annotations/captions_val2017.json");
    const int width = coco["images"][0]["width"].get<int>();
    const int height = coco["images"][0]["height"].get<int>();
    for (NsdLayout layout : kAll) {
        const Subject subject = session().subject(1, {layout});
        SCOPED_TRACE(vindex::data::nsdLayoutName(layout));
        for (const Trial &trial : subject.trials(Split::Test)) {
            const vindex::io::RgbImage image = subject.image(trial.imageId);
            ASSERT_FALSE(image.empty());
            const double sx = static_cast<double>(image.width) / width;
            const double sy = static_cast<double>(image.height) / height;
            const uint8_t *corner = image.at(0, 0);
            int x0 = image.width, y0 = image.height, x1 = -1, y1 = -1;
            for (int y = 0; y < image.height; ++y)
                for (int x = 0; x < image.width; ++x) {
                    const uint8_t *p = image.at(x, y);
                    const int diff =
                        std::max({std::abs(p[0] - corner[0]), std::abs(p[1] - corner[1]), std::abs(p[2] - corner[2])});
                    if (diff > 48) {
                        x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
                    }
                }
            const auto box = expected()["boxes"][std::to_string(trial.imageId)]["xyxy"].get<std::vector<double>>();
            EXPECT_NEAR(x0 / sx, box[0], 2.0) << "image " << trial.imageId;
            EXPECT_NEAR(y0 / sy, box[1], 2.0) << "image " << trial.imageId;
            EXPECT_NEAR((x1 + 1) / sx, box[2], 2.0) << "image " << trial.imageId;
            EXPECT_NEAR((y1 + 1) / sy, box[3], 2.0) << "image " << trial.imageId;
        }
    }
}
