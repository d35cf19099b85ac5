// Cross-subject training (UMBRAE's train_brainx.py) and adaptation (train_adaptation.py): BrainX built with
// UMBRAE's layout (checked against brain-tiny's brainx_last.pth), a step optimizing the sum of two subjects'
// losses, whole runs through the Trainer on a synthetic two-subject dataset, and BrainXC's frozen perceiver.
#include "BrainTinyTraining.h"
#include "TestSupport.h"
#include "models/ParitySupport.h"

#include "vindex/core/Error.h"
#include "vindex/data/NsdDatasetWriter.h"
#include "vindex/data/SyntheticNsd.h"
#include "vindex/models/BrainEncoder.h"
#include "vindex/train/EncoderFactory.h"
#include "vindex/train/Objective.h"
#include "vindex/train/Trainer.h"
#include "vindex/train/TrainingCheckpoint.h"
#include "vindex/train/TrainingSession.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>

using namespace vindex;

namespace {

std::map<std::string, std::vector<int64_t>> shapes(const models::BrainEncoder &encoder)
{
    std::map<std::string, std::vector<int64_t>> out;
    for (const auto &[name, tensor] : encoder.stateDict())
        out[name] = tensor.sizes().vec();
    return out;
}

train::EncoderArchitecture tinyArchitecture()
{
    train::EncoderArchitecture a; // brain-tiny's config.json "brainx"
    a.hidden = 64;
    a.latents = 16;
    a.outWidth = 64;
    a.depth = 2;
    a.heads = 4;
    a.dimHead = 16;
    return a;
}

std::string writeTwoSubjects(const testsupport::TempDir &dir, int64_t trials)
{
    data::SyntheticNsdOptions options;
    options.subjects = {1, 2};
    options.voxels = 200;
    options.trials = trials;
    data::NsdDatasetWriter::Options layouts;
    layouts.mindEye2 = layouts.native = false;
    data::NsdDatasetWriter::write(dir.file("nsd"), data::SyntheticNsd::describe(options), layouts);
    return dir.file("nsd");
}

train::TrainRequest request(const std::string &nsd, const std::string &out, std::vector<int> subjects)
{
    train::TrainRequest r;
    r.root = nsd;
    r.subjects = std::move(subjects);
    r.mllm = testsupport::fixture("llava-tiny"); // SE targets: 16 tokens × 64, brain-tiny's sizes
    r.outDir = out;
    r.epochs = 4;
    r.batchSize = 4;
    r.maxLr = 3e-3;
    r.hidden = 64;
    r.depth = 2;
    r.heads = 4;
    r.dimHead = 16;
    return r;
}

} // namespace

TEST(CrossSubjectTraining, NewBrainXHasUmbraesLayout)
{
    at::manual_seed(0);
    const auto built = train::EncoderFactory::brainX(tinyArchitecture(), {{1, 200}, {2, 150}});
    const auto reference = models::BrainEncoder::load(testsupport::fixture("brain-tiny/brainx_last.pth"), {},
                                                      testsupport::brainTinyArchitecture("brainx"));
    EXPECT_EQ(built->kind(), models::BrainEncoder::Kind::BrainX);
    EXPECT_EQ(built->subjects(), (std::vector<int>{1, 2}));
    EXPECT_EQ(shapes(*built), shapes(*reference));
    // nn.Linear's default initialisation: |w| ≤ 1/√fan_in.
    for (const auto &[name, tensor] : built->stateDict())
        if (name == "lin2.fmri2.weight")
            EXPECT_LE(tensor.abs().max().item<double>(), 1.0 / std::sqrt(150.0));
}

TEST(CrossSubjectTraining, AStepOptimizesTheSumOfBothSubjectsLosses)
{
    auto encoder = models::BrainEncoder::load(testsupport::fixture("brain-tiny/brainx_last.pth"), {},
                                              testsupport::brainTinyArchitecture("brainx"));
    at::manual_seed(3);
    const train::TrainingBatch one{at::randn({4, 200}), at::randn({4, 16, 64}), 1};
    const train::TrainingBatch two{at::randn({4, 150}), at::randn({4, 16, 64}), 2};
    // The loss before the step, each subject through its own tokenizer (no dropout in this BrainX).
    const train::Objective mse; // UMBRAE's default: MSE, mean
    double expected = 0;
    {
        at::NoGradGuard noGrad;
        expected = mse(encoder->encode(one.voxels, 1), one.targets).item<double>() +
                   mse(encoder->encode(two.voxels, 2), two.targets).item<double>();
    }
    train::TrainingSession session(std::move(encoder), testsupport::brainTinyArchitecture("brainx"),
                                   testsupport::brainTinyRecipe(), 6);
    const auto before = session.encoder().stateDict();
    // The same arithmetic in both, but the step autocasts and batches differently: allow float32's bound over the
    // encoder's reductions (voxels, two perceiver blocks as in BrainEncoderTest) and the MSE over 4·16·64 elements.
    const int64_t block = 2 * 2 * 64 + 64 + 16 + 2 * (16 + 200) + 64 + 64 + 4 * 64;
    EXPECT_NEAR(session.step({one, two}), expected,
                testsupport::float32Tolerance({200, block, block, 4 * 16 * 64}, expected));
    // Both tokenizers and the shared perceiver moved.
    const auto after = session.encoder().stateDict();
    for (std::size_t i = 0; i < before.size(); ++i)
        if (before[i].first == "lin2.fmri1.weight" || before[i].first == "lin2.fmri2.weight" ||
            before[i].first == "perceiver.llm_proj.weight")
            EXPECT_FALSE(before[i].second.equal(after[i].second)) << before[i].first;
}

TEST(CrossSubjectTraining, TrainerRunsBrainXOnTwoSubjectsAndLowersTheValidationLoss)
{
    testsupport::TempDir dir;
    const std::string nsd = writeTwoSubjects(dir, 90);
    train::Trainer trainer(request(nsd, dir.file("run"), {1, 2}));
    const train::TrainResult result = trainer.run();
    ASSERT_EQ(result.epochValLosses.size(), 4u);
    EXPECT_LT(result.bestValLoss, 0.9 * result.initialValLoss);
    const train::TrainingCheckpoint last(result.lastCheckpoint);
    EXPECT_EQ(last.state()["encoder"]["kind"], "BrainX");
    EXPECT_EQ(last.state()["run"]["subjects"], (std::vector<int>{1, 2}));
    EXPECT_TRUE(last.has("lin2.fmri1.weight"));
    EXPECT_TRUE(last.has("lin2.fmri2.weight"));
    EXPECT_EQ(result.globalStep, 4 * result.stepsPerEpoch);

    // A subject listed twice is refused.
    auto wrong = request(nsd, dir.file("wrong"), {1, 2});
    wrong.subjects = {1, 1};
    EXPECT_THROW(train::Trainer(wrong).run(), Error);
}

TEST(CrossSubjectTraining, AdaptationKeepsAFrozenPerceiverAndTrainsTheNewTokenizer)
{
    testsupport::TempDir dir;
    const std::string nsd = writeTwoSubjects(dir, 90);
    const std::string source = testsupport::fixture("brain-tiny/brainx_last.pth");
    const auto reference = models::BrainEncoder::load(source, {}, testsupport::brainTinyArchitecture("brainx"));
    std::map<std::string, at::Tensor> perceiver;
    for (const auto &[name, tensor] : reference->stateDict())
        if (name.rfind("perceiver.", 0) == 0)
            perceiver[name] = tensor;

    auto frozen = request(nsd, dir.file("frozen"), {2});
    frozen.adaptFrom = source;
    frozen.freezePerceiver = true;
    frozen.dataRatio = 0.5;
    frozen.epochs = 2;
    const train::TrainResult result = train::Trainer(frozen).run();
    const train::TrainingCheckpoint last(result.lastCheckpoint);
    EXPECT_EQ(last.state()["encoder"]["kind"], "BrainXS");
    EXPECT_TRUE(last.state()["recipe"]["freeze_perceiver"].get<bool>());
    for (const auto &[name, tensor] : perceiver)
        EXPECT_TRUE(last.tensor(name).equal(tensor)) << name << " changed although frozen";
    EXPECT_EQ(last.tensor("lin2.weight").size(1), 200);

    // The data ratio: half of subject 2's training trials (a BrainXS run on all of them counts them).
    auto all = request(nsd, dir.file("all"), {2});
    all.epochs = 1;
    const train::TrainResult full = train::Trainer(all).run();
    EXPECT_EQ(result.trainTrials, full.trainTrials / 2);

    // Not frozen: the perceiver learns too.
    auto open = request(nsd, dir.file("open"), {2});
    open.adaptFrom = source;
    open.epochs = 1;
    const train::TrainingCheckpoint moved(train::Trainer(open).run().lastCheckpoint);
    EXPECT_FALSE(moved.tensor("perceiver.llm_proj.weight").equal(perceiver["perceiver.llm_proj.weight"]));
}
