#include "vindex/data/MindEye2Layout.h"
#include "vindex/core/Error.h"
#include "vindex/io/NpyFile.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

using namespace vindex;
using namespace vindex::data;
using testsupport::fixture;
namespace fs = std::filesystem;

namespace {

const std::string kRoot = fixture("mini-nsd");

double expectedBeta(int64_t voxel, int64_t image, int rep)
{
    return std::sin(0.05 * static_cast<double>(voxel) + 0.7 * static_cast<double>(image)) + 0.01 * rep;
}

// The MindEye2 files of the fixture copied into dir (everything but the ones in skip).
void copyLayout(const testsupport::TempDir &dir, const std::vector<std::string> &skip = {})
{
    for (const char *name :
         {"betas_all_subj01_fp32_renorm.hdf5", "betas_all_subj02_fp32_renorm.hdf5", MindEye2Layout::kIndicesFile,
          MindEye2Layout::kImagesFile, MindEye2Layout::kCaptionsFile, MindEye2Layout::kStimuliFile}) {
        if (std::find(skip.begin(), skip.end(), name) == skip.end())
            fs::copy_file(fs::path(kRoot) / name, dir.path() / name);
    }
}

template <typename E, typename F> std::string errorText(F &&f)
{
    try {
        f();
    } catch (const E &e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace

TEST(MindEye2Layout, ReproducesTheExpectedFactsForBothSubjects)
{
    const auto expected = testsupport::readJson(fixture("mini-nsd/expected.json"));
    EXPECT_EQ(MindEye2Layout::subjectsIn(kRoot), (std::vector<int>{1, 2}));
    for (int subject : {1, 2}) {
        SCOPED_TRACE("subject " + std::to_string(subject));
        const auto &facts = expected["subjects"][std::to_string(subject)];
        const MindEye2Layout layout = MindEye2Layout::open(kRoot, subject);
        EXPECT_TRUE(layout.problems().empty()) << layout.problems().front();
        EXPECT_EQ(layout.voxelCount(), facts["nvox"].get<int64_t>());
        EXPECT_EQ(layout.voxelCount(), subject == 1 ? 217 : 136);

        const auto trialImages = facts["trial_images"].get<std::vector<int64_t>>();
        ASSERT_EQ(layout.trialCount(), static_cast<int64_t>(trialImages.size()));
        for (int64_t t = 0; t < layout.trialCount(); ++t) {
            const MindEye2Trial &trial = layout.trial(t);
            EXPECT_EQ(trial.index, t);
            EXPECT_EQ(trial.imageId, trialImages[static_cast<std::size_t>(t)]);
            EXPECT_EQ(trial.session, 1);
            // Every beta equals the closed form: the fixture's "renorm" files store the formula's values as they are.
            const std::vector<float> betas = layout.betas(t);
            ASSERT_EQ(static_cast<int64_t>(betas.size()), layout.voxelCount());
            double worst = 0.0;
            for (int64_t v = 0; v < layout.voxelCount(); ++v)
                worst = std::max(
                    worst, std::abs(betas[static_cast<std::size_t>(v)] - expectedBeta(v, trial.imageId, trial.repeat)));
            EXPECT_LT(worst, 1e-6) << "trial " << t;
        }
        // Repeats in trial order, and the test-time mean over them.
        const auto repeats = layout.repeatsOf(0);
        ASSERT_FALSE(repeats.empty());
        for (std::size_t r = 0; r < repeats.size(); ++r)
            EXPECT_EQ(layout.trial(repeats[r]).repeat, static_cast<int>(r));
        EXPECT_NEAR(layout.meanBetas(0)[0], facts["test_mean_voxel0_image0"].get<double>(), 1e-6);
        EXPECT_TRUE(layout.repeatsOf(39).empty());
        EXPECT_THROW(layout.meanBetas(39), DataError);

        // A batch of rows in any order equals the single reads.
        const std::vector<int64_t> batch{5, 0, 5, 23};
        const auto rows = layout.betas(batch);
        for (std::size_t i = 0; i < batch.size(); ++i)
            EXPECT_EQ(layout.betas(batch[i])[3], rows[i * static_cast<std::size_t>(layout.voxelCount()) + 3]);

        const std::string message = errorText<DataError>([&] { layout.betas(24); });
        EXPECT_NE(message.find("subj0" + std::to_string(subject)), std::string::npos) << message;
        EXPECT_NE(message.find("[0, 24)"), std::string::npos) << message;
    }
}

TEST(MindEye2Layout, CaptionsImagesAndStimuli)
{
    const auto expected = testsupport::readJson(fixture("mini-nsd/expected.json"));
    const MindEye2Layout layout = MindEye2Layout::open(kRoot, 1);
    ASSERT_TRUE(layout.hasCaptions());
    for (int image = 0; image < expected["n_images"].get<int>(); ++image) {
        const auto captions = layout.captions(image);
        ASSERT_EQ(captions.size(), 5u);
        EXPECT_EQ(captions[0], expected["captions"][std::to_string(image)].get<std::string>());
    }
    EXPECT_THROW(layout.captions(40), DataError);

    ASSERT_TRUE(layout.hasImages());
    EXPECT_EQ(layout.imageCount(), 40);
    EXPECT_EQ(layout.imageShape(), (std::vector<int64_t>{3, 48, 64}));
    ASSERT_TRUE(layout.hasStimuli());
    for (int64_t id : {0, 17, 39}) {
        const io::HostTensor image = layout.image(id);
        EXPECT_EQ(image.shape(), (std::vector<int64_t>{3, 48, 64}));
        EXPECT_EQ(image.dtype(), io::DType::F32);
        EXPECT_EQ(layout.image(id, io::DType::F16).dtype(), io::DType::F16);
        const io::HostTensor stimulus = layout.stimulus(id);
        EXPECT_EQ(stimulus.shape(), (std::vector<int64_t>{48, 64, 3}));
        EXPECT_EQ(stimulus.dtype(), io::DType::U8);
        // Both bricks hold the same picture: float16 (C, H, W) in [0, 1] and uint8 (H, W, C).
        const auto pixels = image.toFloatVector();
        const auto bytes = stimulus.toFloatVector();
        double worst = 0.0;
        for (int c = 0; c < 3; ++c)
            for (int y = 0; y < 48; ++y)
                for (int x = 0; x < 64; ++x)
                    worst =
                        std::max(worst, std::abs(pixels[(c * 48 + y) * 64 + x] * 255.0 - bytes[(y * 64 + x) * 3 + c]));
        EXPECT_LE(worst, 1.0) << "image " << id;
    }
    EXPECT_THROW(layout.image(40), DataError);
    EXPECT_THROW(layout.stimulus(-1), DataError);
}

TEST(MindEye2Layout, SharedImagesGiveTheTestSplit)
{
    const auto expected = testsupport::readJson(fixture("mini-nsd/expected.json"));
    testsupport::TempDir dir;
    copyLayout(dir);
    EXPECT_FALSE(MindEye2Layout::open(dir.path().string(), 1).hasSharedInfo());
    io::HostTensor shared = io::HostTensor::allocate(io::DType::Bool, {40});
    for (int64_t id : expected["shared"].get<std::vector<int64_t>>())
        reinterpret_cast<uint8_t *>(shared.mutableData())[id] = 1;
    io::NpyFile::write(dir.file(MindEye2Layout::kSharedFile), shared);
    for (int subject : {1, 2}) {
        const MindEye2Layout layout = MindEye2Layout::open(dir.path().string(), subject);
        EXPECT_TRUE(layout.hasSharedInfo());
        EXPECT_EQ(layout.testImages(),
                  expected["subjects"][std::to_string(subject)]["splits"]["test"].get<std::vector<int64_t>>());
    }
}

TEST(MindEye2Layout, MissingOrDamagedFilesAreNamed)
{
    { // Without the images and captions the subject still opens; each missing file is one problem line.
        testsupport::TempDir dir;
        copyLayout(dir, {MindEye2Layout::kImagesFile, MindEye2Layout::kCaptionsFile});
        const MindEye2Layout layout = MindEye2Layout::open(dir.path().string(), 2);
        EXPECT_EQ(layout.voxelCount(), 136);
        ASSERT_EQ(layout.problems().size(), 2u);
        EXPECT_NE(layout.problems()[0].find(MindEye2Layout::kImagesFile), std::string::npos);
        EXPECT_NE(layout.problems()[1].find(MindEye2Layout::kCaptionsFile), std::string::npos);
        EXPECT_FALSE(layout.hasImages());
        EXPECT_THROW(layout.image(0), DataError);
        EXPECT_THROW(layout.captions(0), DataError);
        EXPECT_TRUE(layout.hasStimuli());
    }
    { // A truncated image file is a problem naming it; a truncated betas file fails the subject, naming it.
        testsupport::TempDir dir;
        copyLayout(dir, {MindEye2Layout::kImagesFile, "betas_all_subj01_fp32_renorm.hdf5"});
        const std::string images = testsupport::readBytes(fs::path(kRoot) / MindEye2Layout::kImagesFile);
        testsupport::writeBytes(dir.file(MindEye2Layout::kImagesFile), images.substr(0, images.size() / 3));
        const std::string betas = testsupport::readBytes(fs::path(kRoot) / "betas_all_subj01_fp32_renorm.hdf5");
        testsupport::writeBytes(dir.file("betas_all_subj01_fp32_renorm.hdf5"), betas.substr(0, betas.size() / 2));
        const MindEye2Layout layout = MindEye2Layout::open(dir.path().string(), 2);
        ASSERT_EQ(layout.problems().size(), 1u);
        EXPECT_NE(layout.problems()[0].find(MindEye2Layout::kImagesFile), std::string::npos) << layout.problems()[0];
        const std::string message = errorText<Error>([&] { MindEye2Layout::open(dir.path().string(), 1); });
        EXPECT_NE(message.find("betas_all_subj01_fp32_renorm.hdf5"), std::string::npos) << message;
    }
    { // The trial → image ids are required; a missing subject names its betas file.
        testsupport::TempDir dir;
        copyLayout(dir, {MindEye2Layout::kIndicesFile});
        std::string message = errorText<DataError>([&] { MindEye2Layout::open(dir.path().string(), 1); });
        EXPECT_NE(message.find(MindEye2Layout::kIndicesFile), std::string::npos) << message;
        message = errorText<DataError>([&] { MindEye2Layout::open(dir.path().string(), 5); });
        EXPECT_NE(message.find("betas_all_subj05_fp32_renorm.hdf5"), std::string::npos) << message;
    }
    { // Betas of one subject with the ids of another: the row counts agree here, so swap in a file whose
        // dataset has another name to check the dataset is named.
        testsupport::TempDir dir;
        copyLayout(dir, {"betas_all_subj01_fp32_renorm.hdf5"});
        fs::copy_file(fs::path(kRoot) / MindEye2Layout::kIndicesFile, dir.path() / "betas_all_subj01_fp32_renorm.hdf5");
        const std::string message = errorText<DataError>([&] { MindEye2Layout::open(dir.path().string(), 1); });
        EXPECT_NE(message.find("no dataset 'betas'"), std::string::npos) << message;
        EXPECT_NE(message.find("subj01, subj02"), std::string::npos) << message;
    }
}
