// `vindex train --recipe`: umbrae does what UMBRAE's train.py does — fits train + val (its train_url: the train tars
// then the val tar), scores the test split after every epoch on the mean of each image's repeats in whole batches of
// val_batch_size (its loader batches with partial=False), keeps the strictly best epoch, with augmentation on
// (--use_image_aug defaults to True), each training step taking repeat step % 3; with several subjects only the last
// one's test split is scored (train_brainx.py). clean, the default, fits train and selects on val. The splits'
// members come from mini-nsd's expected.json; MindEye2 and native copies of mini-nsd get a best checkpoint through
// the validation split they hold out.
#include "TestSupport.h"

#include "vindex/core/Error.h"
#include "vindex/data/NsdDatasetWriter.h"
#include "vindex/data/Session.h"
#include "vindex/data/SyntheticNsd.h"
#include "vindex/io/Hdf5File.h"
#include "vindex/io/NpyFile.h"
#include "vindex/models/BrainEncoder.h"
#include "vindex/models/Compute.h"
#include "vindex/train/BrainDataset.h"
#include "vindex/train/DataRecipe.h"
#include "vindex/train/Trainer.h"
#include "vindex/train/TrainingCheckpoint.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

using namespace vindex;
namespace fs = std::filesystem;

namespace {

const std::string kMini = testsupport::fixture("mini-nsd");

const nlohmann::json &facts()
{
    static const nlohmann::json json = testsupport::readJson(kMini + "/expected.json");
    return json;
}

std::vector<int64_t> expectedSplit(int subject, const char *split)
{
    return facts()["subjects"][std::to_string(subject)]["splits"][split].get<std::vector<int64_t>>();
}

train::TrainRequest request(const std::string &root, const std::string &out)
{
    train::TrainRequest r;
    r.root = root;
    r.subjects = {1};
    r.mllm = testsupport::fixture("llava-tiny"); // SE targets: 16 tokens × 64
    r.outDir = out;
    r.epochs = 3;
    r.batchSize = 2;
    r.hidden = 64;
    r.depth = 2;
    r.heads = 4;
    r.dimHead = 16;
    r.threads = 1;
    return r;
}

std::vector<int64_t> cachedIds(const std::string &cache)
{
    const io::HostTensor ids = io::Hdf5File::open(cache)->read("image_ids", io::DType::I64);
    const auto *p = reinterpret_cast<const int64_t *>(ids.data());
    return {p, p + ids.numel()};
}

at::Tensor cachedFeatures(const std::string &cache, const std::vector<int64_t> &imageIds)
{
    const std::vector<int64_t> all = cachedIds(cache);
    const auto file = io::Hdf5File::open(cache);
    std::vector<at::Tensor> rows;
    for (const int64_t id : imageIds) {
        const auto at = std::find(all.begin(), all.end(), id);
        EXPECT_NE(at, all.end()) << "image " << id << " not cached";
        const io::HostTensor row = file->readRow("features", at - all.begin(), io::DType::F32);
        std::vector<int64_t> shape(row.shape().begin(), row.shape().end());
        rows.push_back(
            at::from_blob(const_cast<std::byte *>(row.data()), shape, at::TensorOptions().dtype(at::kFloat)).clone());
    }
    return at::stack(rows);
}

std::vector<int64_t> sorted(std::vector<int64_t> ids)
{
    std::sort(ids.begin(), ids.end());
    return ids;
}

// mini-nsd without its tars: the MindEye2 files (with a shared1000.npy marking expected.json's shared images) or the
// native tree with the stimuli file.
std::string copyWithoutTars(const testsupport::TempDir &dir, bool mindeye2)
{
    const fs::path root = dir.path() / (mindeye2 ? "mindeye2" : "native");
    fs::create_directories(root);
    if (mindeye2) {
        for (const char *name :
             {"betas_all_subj01_fp32_renorm.hdf5", "betas_all_subj02_fp32_renorm.hdf5", "COCO_73k_subj_indices.hdf5",
              "coco_images_224_float16.hdf5", "COCO_73k_annots_curated.npy"})
            fs::copy_file(fs::path(kMini) / name, root / name);
        io::HostTensor shared = io::HostTensor::allocate(io::DType::Bool, {facts()["n_images"].get<int64_t>()});
        for (const int64_t image : facts()["shared"].get<std::vector<int64_t>>())
            reinterpret_cast<uint8_t *>(shared.mutableData())[image] = 1;
        io::NpyFile::write((root / "shared1000.npy").string(), shared);
    } else {
        fs::copy(fs::path(kMini) / "nsddata", root / "nsddata", fs::copy_options::recursive);
        for (const char *name : {"nsd_stim_info_merged.csv", "nsd_stimuli.hdf5"})
            fs::copy_file(fs::path(kMini) / name, root / name);
    }
    return root.string();
}

} // namespace

TEST(DataRecipe, NamesTheSplitsEachRecipeFitsAndSelectsOn)
{
    EXPECT_EQ(train::DataRecipe::names(), (std::vector<std::string>{"clean", "umbrae"}));
    const auto clean = train::DataRecipe::named("clean");
    EXPECT_EQ(clean.fit, std::vector<data::Split>{data::Split::Train});
    EXPECT_EQ(clean.select, data::Split::Val);
    EXPECT_FALSE(clean.augment);
    const auto umbrae = train::DataRecipe::named("umbrae");
    EXPECT_EQ(umbrae.fit, (std::vector<data::Split>{data::Split::Train, data::Split::Val}));
    EXPECT_EQ(umbrae.select, data::Split::Test);
    EXPECT_TRUE(umbrae.augment);
    EXPECT_TRUE(umbrae.wholeSelectionBatches);
    EXPECT_EQ(umbrae.toJson()["fit_splits"], (nlohmann::json{"train", "val"}));
    EXPECT_THROW(train::DataRecipe::named("mindeye"), Error);
}

// The data each recipe gives BrainDataset, by expected.json's split members: umbrae fits the train tar's images then
// the val tar's, and selects on the test tar's in order; whole batches of 4 of the 6 test trials: one batch.
TEST(DataRecipe, UmbraeFitsTrainThenValAndSelectsOnWholeTestBatches)
{
    const data::Session session = data::Session::open(kMini);
    for (const int subject : {1, 2}) {
        const train::BrainDataset umbrae(session.subject(subject), nullptr, train::DataRecipe::named("umbrae"));
        std::vector<int64_t> fit = expectedSplit(subject, "train");
        for (const int64_t id : expectedSplit(subject, "val"))
            fit.push_back(id);
        const std::vector<int64_t> test = expectedSplit(subject, "test");
        ASSERT_EQ(umbrae.trainCount(), static_cast<int64_t>(fit.size()));
        ASSERT_EQ(umbrae.valCount(), static_cast<int64_t>(test.size()));
        std::vector<int64_t> ids = umbrae.imageIds(); // the fitted trials', then the selection trials'
        EXPECT_EQ(std::vector<int64_t>(ids.begin(), ids.begin() + umbrae.trainCount()), fit);
        EXPECT_EQ(umbrae.imageIds(false), test);
        EXPECT_EQ(umbrae.valBatchCount(4), 1);   // floor(6 / 4): the partial batch is dropped
        EXPECT_EQ(umbrae.valBatchCount(300), 0); // fewer than a whole batch
        EXPECT_EQ(umbrae.valBatchCount(3), 2);

        const train::BrainDataset clean(session.subject(subject), nullptr);
        ids = clean.imageIds();
        EXPECT_EQ(std::vector<int64_t>(ids.begin(), ids.begin() + clean.trainCount()), expectedSplit(subject, "train"));
        EXPECT_EQ(clean.imageIds(false), expectedSplit(subject, "val"));
        EXPECT_EQ(clean.valBatchCount(4), 1); // every trial: one partial batch of 3
    }
}

// Training step s takes repeat s % 3 of every trial (train.py: voxel[:, train_i % 3]); selection the mean of the
// repeats (torch.mean(voxel, axis=1)). A synthetic subject shows each image three times with betas
// sin(0.05·voxel + 0.7·image) + 0.01·repeat (MindEye2 layout: float32).
TEST(DataRecipe, TrainingStepsTakeRepeatStepMod3AndSelectionTheMean)
{
    testsupport::TempDir dir;
    data::SyntheticNsdOptions options;
    options.subjects = {1};
    options.voxels = 20;
    options.trials = 90;
    data::NsdDatasetWriter::Options layouts;
    layouts.native = layouts.brainHub = false;
    data::NsdDatasetWriter::write(dir.file("nsd"), data::SyntheticNsd::describe(options), layouts);
    train::BrainDataset dataset(data::Session::open(dir.file("nsd")).subject(1, {data::NsdLayout::MindEye2}), nullptr,
                                train::DataRecipe::named("umbrae"));
    dataset.setTargets([](const std::vector<int64_t> &ids, bool) {
        return at::zeros({static_cast<int64_t>(ids.size()), 1, 1});
    });
    const std::vector<int64_t> order = dataset.epochOrder(42, 0);
    const std::vector<int64_t> ids = dataset.imageIds();
    const auto beta = [](int64_t voxel, int64_t image, double repeat) {
        return std::sin(0.05 * static_cast<double>(voxel) + 0.7 * static_cast<double>(image)) + 0.01 * repeat;
    };
    for (const int64_t step : {0, 1, 2, 3, 4}) {
        const train::TrainingBatch batch = dataset.trainBatch(order, step, 4);
        for (int64_t row = 0; row < 4; ++row) {
            const int64_t image = ids[static_cast<std::size_t>(order[static_cast<std::size_t>(step * 4 + row)])];
            for (int64_t v = 0; v < 20; v += 3)
                EXPECT_NEAR(batch.voxels[row][v].item<double>(), beta(v, image, static_cast<double>(step % 3)), 1e-5)
                    << "step " << step << " image " << image << " voxel " << v;
        }
    }
    const std::vector<int64_t> test = dataset.imageIds(false);
    const train::TrainingBatch selection = dataset.valBatch(0, 2);
    for (int64_t row = 0; row < 2; ++row)
        for (int64_t v = 0; v < 20; v += 3)
            EXPECT_NEAR(selection.voxels[row][v].item<double>(), beta(v, test[static_cast<std::size_t>(row)], 1.0),
                        1e-5); // the mean of repeats 0, 1, 2
}

// A whole umbrae run on mini-nsd subject 1: 6 fitted trials (expected.json's train + val), the best checkpoint by the
// loss on the first whole batch of test trials, augmented targets (the cache holds the test images only), and the
// checkpoints say so. The clean run beside it fits 3 and selects on 3.
TEST(DataRecipe, UmbraeRunFitsTrainAndValAndKeepsTheBestOnTest)
{
    testsupport::TempDir dir;
    auto r = request(kMini, dir.file("umbrae"));
    r.recipe = "umbrae";
    r.valBatchSize = 4;
    const train::TrainResult umbrae = train::Trainer(r).run();
    const std::vector<int64_t> test = expectedSplit(1, "test");
    EXPECT_EQ(umbrae.trainTrials, 6);
    EXPECT_EQ(umbrae.valTrials, static_cast<int64_t>(test.size()));
    EXPECT_EQ(umbrae.stepsPerEpoch, 3); // floor(6 / 2)
    EXPECT_EQ(umbrae.recipe, "umbrae");
    EXPECT_EQ(umbrae.fitSplits, (std::vector<std::string>{"train", "val"}));
    EXPECT_EQ(umbrae.selectSplit, "test");
    EXPECT_TRUE(umbrae.augmented);
    EXPECT_EQ(cachedIds(umbrae.targetsCache), sorted(test));

    // The selection loss of the last epoch: MSE of the last weights on the mean betas of test trials 0..3 only.
    const data::Subject subject = data::Session::open(kMini).subject(1);
    const auto encoder = models::BrainEncoder::load(umbrae.lastCheckpoint, models::Compute::parse("cpu", "f32"),
                                                    *models::BrainEncoder::recordedOptions(umbrae.lastCheckpoint));
    const auto scored = [&](int64_t count) {
        std::vector<at::Tensor> rows;
        std::vector<int64_t> images;
        for (int64_t i = 0; i < count; ++i) {
            const data::Trial trial = subject.trial(data::Split::Test, i);
            EXPECT_EQ(trial.imageId, test[static_cast<std::size_t>(i)]);
            std::vector<float> mean = subject.meanBetas(trial);
            rows.push_back(at::from_blob(mean.data(), {static_cast<int64_t>(mean.size())}, at::kFloat).clone());
            images.push_back(trial.imageId);
        }
        at::NoGradGuard noGrad;
        encoder->setTraining(false);
        const at::Tensor prediction = encoder->encode(at::stack(rows), 1);
        return at::mse_loss(prediction, cachedFeatures(umbrae.targetsCache, images)).item<double>();
    };
    ASSERT_EQ(umbrae.epochValLosses.size(), 3u);
    const double last = umbrae.epochValLosses.back();
    EXPECT_NEAR(last, scored(4), 1e-5 * last);
    EXPECT_GT(std::fabs(last - scored(6)), 1e-5 * last); // the partial batch is not scored

    // best: the first epoch with the lowest selection loss (strictly lower than every earlier one).
    const auto lowest = std::min_element(umbrae.epochValLosses.begin(), umbrae.epochValLosses.end());
    const train::TrainingCheckpoint best(umbrae.bestCheckpoint);
    EXPECT_EQ(best.state()["history"]["best_epoch"], lowest - umbrae.epochValLosses.begin());
    const nlohmann::json &run = best.state()["run"];
    EXPECT_EQ(run["recipe"]["name"], "umbrae");
    EXPECT_EQ(run["recipe"]["fit_splits"], (nlohmann::json{"train", "val"}));
    EXPECT_EQ(run["recipe"]["select_split"], "test");
    EXPECT_EQ(run["augment"], true);
    EXPECT_EQ(run["train_trials"], 6);
    const auto written = testsupport::readJson(train::TrainingCheckpoint::jsonPathFor(umbrae.bestCheckpoint));
    EXPECT_EQ(written["run"]["recipe"]["name"], "umbrae");

    // The default recipe: train and val of the tars, no augmentation (the cache holds both splits' targets).
    const train::TrainResult clean = train::Trainer(request(kMini, dir.file("clean"))).run();
    EXPECT_EQ(clean.trainTrials, static_cast<int64_t>(expectedSplit(1, "train").size()));
    EXPECT_EQ(clean.valTrials, static_cast<int64_t>(expectedSplit(1, "val").size()));
    EXPECT_EQ(clean.fitSplits, std::vector<std::string>{"train"});
    EXPECT_EQ(clean.selectSplit, "val");
    EXPECT_FALSE(clean.augmented);
    std::vector<int64_t> trainAndVal = expectedSplit(1, "train");
    for (const int64_t id : expectedSplit(1, "val"))
        trainAndVal.push_back(id);
    EXPECT_EQ(cachedIds(clean.targetsCache), sorted(trainAndVal));
    EXPECT_EQ(train::TrainingCheckpoint(clean.lastCheckpoint).state()["run"]["recipe"]["name"], "clean");
    EXPECT_FALSE(clean.bestCheckpoint.empty());

    // Resuming with the other recipe is refused; fewer test trials than a whole batch too.
    auto other = request(kMini, dir.file("clean"));
    other.resume = dir.file("clean");
    other.recipe = "umbrae";
    EXPECT_THROW(train::Trainer(other).run(), Error);
    auto tooFew = request(kMini, dir.file("few"));
    tooFew.recipe = "umbrae";
    tooFew.augment = false;
    EXPECT_THROW(train::Trainer(tooFew).run(), Error); // 6 test trials, batches of 300
}

// train_brainx.py scores the last subject's test split only (its val_dl is the last subject's).
TEST(DataRecipe, UmbraeCrossSubjectSelectsOnTheLastSubject)
{
    testsupport::TempDir dir;
    auto r = request(kMini, dir.file("brainx"));
    r.subjects = {1, 2};
    r.recipe = "umbrae";
    r.augment = false;
    r.valBatchSize = 3;
    r.epochs = 2;
    const train::TrainResult result = train::Trainer(r).run();
    EXPECT_EQ(result.trainTrials, 12);
    EXPECT_EQ(result.valTrials, static_cast<int64_t>(expectedSplit(2, "test").size()));
    EXPECT_FALSE(result.bestCheckpoint.empty());
}

// MindEye2 and native data define no validation split; the one Subject holds out (1 of mini-nsd's 6 non-test images
// without the tars) gives them a validation loss and a best checkpoint.
TEST(DataRecipe, MindEye2AndNativeLayoutsGetABestCheckpoint)
{
    for (const bool mindeye2 : {true, false}) {
        testsupport::TempDir dir;
        const std::string root = copyWithoutTars(dir, mindeye2);
        const train::TrainResult result = train::Trainer(request(root, dir.file("run"))).run();
        SCOPED_TRACE(mindeye2 ? "mindeye2" : "native");
        EXPECT_EQ(result.trainTrials, 5);
        EXPECT_EQ(result.valTrials, 1);
        EXPECT_EQ(result.epochValLosses.size(), 3u);
        ASSERT_FALSE(result.bestCheckpoint.empty());
        EXPECT_EQ(train::TrainingCheckpoint(result.bestCheckpoint).state()["run"]["layout"],
                  mindeye2 ? "mindeye2" : "native");
    }
}
