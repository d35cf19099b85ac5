// The training job API the GUI drives: progress with epoch / step / loss / lr / samples per second / ETA (also as the
// JobControl's reports), pause at the next step, cancel (the step reached is saved and the run continues from there to
// the same end).
#include "TestSupport.h"

#include "vindex/core/Error.h"
#include "vindex/core/JobControl.h"
#include "vindex/data/NsdDatasetWriter.h"
#include "vindex/data/SyntheticNsd.h"
#include "vindex/io/Hdf5File.h"
#include "vindex/train/Trainer.h"
#include "vindex/train/TrainingCheckpoint.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <thread>

using namespace vindex;

namespace {

std::string writeDemo(const testsupport::TempDir &dir)
{
    data::SyntheticNsdOptions options;
    options.subjects = {1};
    options.voxels = 200; // brain-tiny's BrainXS takes 200 voxels
    options.trials = 60;
    data::NsdDatasetWriter::Options layouts;
    layouts.mindEye2 = layouts.native = false;
    data::NsdDatasetWriter::write(dir.file("nsd"), data::SyntheticNsd::describe(options), layouts);
    return dir.file("nsd");
}

train::TrainRequest request(const std::string &nsd, const std::string &out)
{
    train::TrainRequest r;
    r.root = nsd;
    r.subjects = {1};
    r.mllm = testsupport::fixture("llava-tiny");
    r.outDir = out;
    r.epochs = 3;
    r.batchSize = 4;
    r.hidden = 64;
    r.depth = 2;
    r.heads = 4;
    r.dimHead = 16;
    return r;
}

} // namespace

TEST(Trainer, ReportsProgressPausesAndCancelsIntoAResumableRun)
{
    testsupport::TempDir dir;
    const std::string nsd = writeDemo(dir);

    train::Trainer straight(request(nsd, dir.file("straight")));
    std::vector<train::TrainProgress> seen;
    straight.setProgressCallback([&](const train::TrainProgress &p) { seen.push_back(p); });
    std::vector<JobProgress> reported;
    const JobControl watched([&](const JobProgress &p) { reported.push_back(p); });
    const auto result = straight.run(watched);
    EXPECT_EQ(result.stepsPerEpoch, 4); // floor(17 training trials / 4)
    EXPECT_EQ(result.globalStep, 12);
    std::vector<train::TrainProgress> steps;
    for (const auto &p : seen)
        if (p.phase == "train")
            steps.push_back(p);
    ASSERT_EQ(steps.size(), 12u);
    EXPECT_EQ(steps[5].epoch, 1);
    EXPECT_EQ(steps[5].step, 2);
    EXPECT_EQ(steps[5].globalStep, 6);
    EXPECT_EQ(steps[5].totalSteps, 12);
    EXPECT_GT(steps[5].loss, 0);
    EXPECT_NEAR(steps[0].lr, 3e-4 / 25, 1e-18); // OneCycleLR's first step: max_lr / div_factor
    EXPECT_GT(steps[5].samplesPerSecond, 0);
    EXPECT_GE(steps[5].etaSeconds, 0);
    EXPECT_EQ(seen.back().phase, "done");
    // Every report also went to the job: stage = phase, done / total = global step / total steps.
    ASSERT_EQ(reported.size(), seen.size());
    EXPECT_EQ(reported[5].stage, seen[5].phase);
    std::vector<JobProgress> jobSteps;
    for (const auto &p : reported)
        if (p.stage == "train")
            jobSteps.push_back(p);
    ASSERT_EQ(jobSteps.size(), 12u);
    EXPECT_EQ(jobSteps[5].done, 6);
    EXPECT_EQ(jobSteps[5].total, 12);
    EXPECT_DOUBLE_EQ(jobSteps[5].fraction, 0.5);
    EXPECT_EQ(jobSteps[5].message.rfind("epoch 2/3, step 2/4", 0), 0u) << jobSteps[5].message;
    EXPECT_EQ(reported.back().stage, "done");
    EXPECT_DOUBLE_EQ(reported.back().fraction, 1.0);

    // Pause at step 3 (another thread resumes), cancel at step 7: the run stops with step 7 saved.
    train::Trainer trainer(request(nsd, dir.file("job")));
    JobControl job;
    bool paused = false;
    std::thread resumer;
    trainer.setProgressCallback([&](const train::TrainProgress &p) {
        if (p.phase == "train" && p.globalStep == 3) {
            job.pause();
            resumer = std::thread([&] {
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
                job.resume();
            });
        }
        if (p.phase == "paused")
            paused = true;
        if (p.phase == "train" && p.globalStep == 7)
            job.cancel();
    });
    EXPECT_THROW(trainer.run(job), Cancelled);
    resumer.join();
    EXPECT_TRUE(paused);
    const train::TrainingCheckpoint saved(dir.file("job/last.safetensors"));
    EXPECT_EQ(saved.state()["history"]["global_step"], 7);

    auto again = request(nsd, dir.file("job"));
    again.resume = dir.file("job");
    const auto finished = train::Trainer(again).run();
    EXPECT_TRUE(finished.resumed);
    EXPECT_EQ(finished.globalStep, 12);
    const train::TrainingCheckpoint a(dir.file("straight/last.safetensors")), b(dir.file("job/last.safetensors"));
    EXPECT_EQ(a.state()["history"], b.state()["history"]);
    EXPECT_TRUE(a.tensor("lin2.weight").equal(b.tensor("lin2.weight")));
}

TEST(Trainer, AugmentedTargetsAreComputedPerBatchAndReplayExactly)
{
    testsupport::TempDir dir;
    const std::string nsd = writeDemo(dir);
    auto augmented = request(nsd, dir.file("a"));
    augmented.augment = true;
    augmented.epochs = 2;
    const auto a = train::Trainer(augmented).run();
    augmented.outDir = dir.file("b");
    const auto b = train::Trainer(augmented).run();
    auto plain = request(nsd, dir.file("plain"));
    plain.epochs = 2;
    const auto c = train::Trainer(plain).run();

    const train::TrainingCheckpoint ca(a.lastCheckpoint), cb(b.lastCheckpoint), cc(c.lastCheckpoint);
    EXPECT_TRUE(ca.state()["run"]["augment"].get<bool>());
    // The same seed: the same augmentations; other targets than the unaugmented run's.
    EXPECT_TRUE(ca.tensor("lin2.weight").equal(cb.tensor("lin2.weight")));
    EXPECT_FALSE(ca.tensor("lin2.weight").equal(cc.tensor("lin2.weight")));
    // Validation is never augmented: both runs start from the same weights and the same validation targets.
    EXPECT_DOUBLE_EQ(a.initialValLoss, c.initialValLoss);
    // The cache of an augmented run holds the validation images only.
    EXPECT_EQ(io::Hdf5File::open(a.targetsCache)->dataset("image_ids").shape.at(0), a.valTrials);
    EXPECT_GT(io::Hdf5File::open(c.targetsCache)->dataset("image_ids").shape.at(0), c.valTrials);
}
