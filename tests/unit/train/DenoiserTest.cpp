// The VINDEX denoiser objective: its DDPM schedule and time embedding against their closed forms, gradients into the
// brain prediction, and a session training with it that resumes exactly and still exports train.py's checkpoint.
#include "BrainTinyTraining.h"
#include "TestSupport.h"
#include "models/ParitySupport.h"

#include "vindex/io/TorchCheckpoint.h"
#include "vindex/train/Denoiser.h"
#include "vindex/train/TrainingSession.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <gtest/gtest.h>

#include <cmath>

using namespace vindex;
using namespace testsupport;

TEST(Denoiser, ScheduleAndTimeEmbeddingFollowTheirClosedForms)
{
    train::DenoiserOptions o;
    o.featureWidth = 8;
    o.width = 16;
    o.timeEmbedding = 128;
    const auto d = train::Denoiser::create(o);
    const at::Tensor abar = d.alphasCumprod();
    ASSERT_EQ(abar.numel(), 1000);
    double product = 1.0;
    for (int i = 0; i < 1000; ++i) {
        product *= 1.0 - (1e-4 + (0.02 - 1e-4) * i / 999.0); // linear β_t from 1e-4 to 0.02
        if (i == 0 || i == 499 || i == 999)
            EXPECT_NEAR(abar[i].item<double>(), product, 1e-12 * std::max(product, 1e-3)) << i;
    }
    const at::Tensor e = d.timeEmbedding(at::tensor({0, 5}, at::kLong));
    ASSERT_EQ(e.sizes(), (std::vector<int64_t>{2, 128}));
    EXPECT_EQ(e[0].narrow(0, 0, 64).abs().sum().item<float>(), 0.0f); // sin 0
    EXPECT_EQ(e[0].narrow(0, 64, 64).sum().item<float>(), 64.0f);     // cos 0
    EXPECT_NEAR(e[1][1].item<float>(), std::sin(5.0 * std::pow(10000.0, -1.0 / 64)), 1e-6);
    EXPECT_NEAR(e[1][64 + 3].item<float>(), std::cos(5.0 * std::pow(10000.0, -3.0 / 64)), 1e-6);
}

TEST(Denoiser, LossReachesTheBrainPredictionAndItsOwnWeights)
{
    train::DenoiserOptions o;
    o.featureWidth = 8;
    o.width = 16;
    o.timeEmbedding = 4;
    at::manual_seed(0);
    auto d = train::Denoiser::create(o);
    d.makeTrainable();
    const at::Tensor target = at::randn({3, 5, 8});
    const at::Tensor brain = at::randn({3, 5, 8}).requires_grad_(true);
    d.loss(target, brain).backward();
    EXPECT_GT(brain.grad().abs().sum().item<double>(), 0);
    for (const auto &p : d.parameters())
        EXPECT_GT(p.tensor->grad().abs().sum().item<double>(), 0) << p.name;

    // A denoiser that predicts nothing scores E‖ε‖² = 1 (per element).
    std::map<std::string, at::Tensor> zero;
    for (const auto &p : d.parameters())
        zero[p.name] = at::zeros_like(*p.tensor).detach();
    const auto silent = train::Denoiser::fromTensors(o, zero);
    at::NoGradGuard noGrad;
    EXPECT_NEAR(silent.loss(at::zeros({64, 16, 8}), at::zeros({64, 16, 8})).item<double>(), 1.0, 0.05);
}

TEST(Denoiser, SessionWithTheVindexObjectiveResumesExactlyAndExportsTheEncoderOnly)
{
    TempDir dir;
    at::manual_seed(3);
    train::TrainingSession straight(brainTinyInitialEncoder(), brainTinyArchitecture(), brainTinyVindexRecipe(), 6);
    ASSERT_NE(straight.denoiser(), nullptr);
    for (int64_t i = 0; i < 6; ++i)
        straight.step(brainTinyBatch(i));
    ASSERT_TRUE(straight.lastDenoiserLoss().has_value());
    EXPECT_NEAR(straight.history().losses.back(), straight.lastRegressionLoss() + *straight.lastDenoiserLoss(), 1e-5);

    at::manual_seed(3);
    auto first = std::make_unique<train::TrainingSession>(brainTinyInitialEncoder(), brainTinyArchitecture(),
                                                          brainTinyVindexRecipe(), 6);
    for (int64_t i = 0; i < 3; ++i)
        first->step(brainTinyBatch(i));
    first->save(dir.file("last.safetensors"));
    at::manual_seed(99);
    auto resumed = train::TrainingSession::resume(dir.file("last.safetensors"), models::Compute{});
    ASSERT_NE(resumed->denoiser(), nullptr);
    for (int64_t i = 3; i < 6; ++i)
        resumed->step(brainTinyBatch(i));
    EXPECT_EQ(resumed->history().losses, straight.history().losses);
    for (std::size_t i = 0; i < straight.optimizer().parameterCount(); ++i)
        EXPECT_EQ(maxAbsError(resumed->optimizer().parameter(i), straight.optimizer().parameter(i)), 0.0)
            << straight.optimizer().name(i);

    // train.py's checkpoint holds the encoder alone: 34 parameters numbered 0..33, as brainxs_last.pth.
    straight.exportUmbrae(dir.file("vindex.pth"));
    const auto exported = io::TorchCheckpoint::load(dir.file("vindex.pth"));
    const auto &optimizer = exported.root().at("optimizer_state_dict");
    EXPECT_EQ(optimizer.at("state").size(), 34u);
    const auto reference = io::TorchCheckpoint::load(fixture("brain-tiny/brainxs_last.pth"));
    EXPECT_EQ(optimizer.at("param_groups").at(0).at("params").toString(1000),
              reference.root().at("optimizer_state_dict").at("param_groups").at(0).at("params").toString(1000));
    EXPECT_EQ(exported.stateDict("model_state_dict").size(), 34u);
    // ... and starts a VINDEX-objective run again (a new denoiser).
    auto again = train::TrainingSession::fromUmbrae(dir.file("vindex.pth"), models::Compute{}, brainTinyArchitecture(),
                                                    brainTinyVindexRecipe(), 6);
    EXPECT_EQ(again->optimizer().state(again->optimizer().indexOf("lin2.weight")).step, 6.0);
}
