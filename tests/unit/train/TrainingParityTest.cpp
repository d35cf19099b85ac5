// Acceptance 1 of issue 7: replaying brain-tiny's six training batches from brainxs_init.safetensors with the recipe
// of its config.json (AdamW + OneCycleLR, MSE) reproduces the reference's losses, learning rates, optimizer state,
// weights and the encoder's output after training (fp32, CPU).
#include "models/ParitySupport.h"

#include "vindex/io/TorchCheckpoint.h"
#include "vindex/models/BrainEncoder.h"
#include "vindex/models/TorchTensors.h"
#include "vindex/train/AdamW.h"
#include "vindex/train/Objective.h"
#include "vindex/train/OneCycleLR.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <gtest/gtest.h>

#include <iomanip>
#include <iostream>

using namespace vindex;
using testsupport::expectedTensor;
using testsupport::fixture;
using testsupport::maxAbsError;

namespace {

const std::string kFolder = "brain-tiny";

struct Replay {
    std::unique_ptr<models::BrainEncoder> encoder;
    std::unique_ptr<train::AdamW> optimizer;
    std::unique_ptr<train::OneCycleLR> scheduler;
    std::vector<double> losses, lrs;
};

// train.py's loop over the fixture's batches: zero_grad, forward, loss, backward, optimizer.step, record loss and
// param_groups[0]['lr'], lr_scheduler.step.
Replay replay()
{
    const auto config = testsupport::readJson(fixture(kFolder + "/config.json"));
    models::BrainEncoderOptions options;
    options.heads = config["brainxs"]["heads"];
    options.dimHead = config["brainxs"]["dim_head"];
    Replay r;
    r.encoder = models::BrainEncoder::load(fixture(kFolder + "/brainxs_init.safetensors"), models::Compute{}, options);
    r.encoder->makeTrainable();
    r.encoder->setTraining(true);

    const auto &recipe = config["train"];
    const double maxLr = recipe["max_lr"];
    const int64_t steps = recipe["steps"];
    r.optimizer = std::make_unique<train::AdamW>(train::AdamW::umbraeGroups(r.encoder->parameters(), maxLr));
    train::OneCycleOptions schedule;
    schedule.maxLr = maxLr;
    schedule.totalSteps = steps;
    schedule.pctStart = 2.0 / recipe["epochs_for_pct_start"].get<double>(); // pct_start = 2 / epochs
    schedule.finalDivFactor = 1000;
    r.scheduler = std::make_unique<train::OneCycleLR>(*r.optimizer, schedule);

    const train::Objective mse(train::LossKind::Mse);
    const at::Tensor voxels = expectedTensor(kFolder, "train_voxels");
    const at::Tensor targets = expectedTensor(kFolder, "train_targets");
    for (int64_t step = 0; step < steps; ++step) {
        r.optimizer->zeroGrad();
        const at::Tensor loss = mse(r.encoder->encode(voxels[step], 0), targets[step]);
        loss.backward();
        r.optimizer->step();
        r.losses.push_back(loss.item<double>());
        r.lrs.push_back(r.optimizer->groups()[0].lr);
        r.scheduler->step();
    }
    r.encoder->setTraining(false);
    return r;
}

double maxRelativeError(const std::vector<double> &actual, const at::Tensor &expected)
{
    const auto reference = expected.to(at::kDouble).contiguous();
    EXPECT_EQ(static_cast<int64_t>(actual.size()), reference.numel());
    double worst = 0;
    for (std::size_t i = 0; i < actual.size() && static_cast<int64_t>(i) < reference.numel(); ++i) {
        const double r = reference[static_cast<int64_t>(i)].item<double>();
        worst = std::max(worst, std::abs(actual[i] - r) / std::abs(r));
    }
    return worst;
}

} // namespace

TEST(TrainingParity, ReplayReproducesLossesLearningRatesAndOutput)
{
    const Replay r = replay();
    const double lossError = maxRelativeError(r.losses, expectedTensor(kFolder, "train_losses"));
    const double lrError = maxRelativeError(r.lrs, expectedTensor(kFolder, "train_lrs"));
    at::NoGradGuard noGrad;
    const double outputError = maxAbsError(r.encoder->encode(expectedTensor(kFolder, "eval_input"), 0),
                                           expectedTensor(kFolder, "eval_output"));
    std::cout << std::setprecision(3) << "[ brain-tiny replay: train_losses max rel error " << lossError
              << ", train_lrs max rel error " << lrError << ", eval_output max abs error " << outputError << " ]\n";
    EXPECT_LE(lossError, 1e-5);
    EXPECT_LE(lrError, 1e-5);
    EXPECT_LE(outputError, 1e-4);
}

TEST(TrainingParity, ReplayEndsInTheReferenceCheckpointState)
{
    // brainxs_last.pth is what train.py saved after the same six steps: weights, AdamW state and param groups, and
    // the scheduler's position.
    const Replay r = replay();
    const auto checkpoint = io::TorchCheckpoint::load(fixture(kFolder + "/brainxs_last.pth"));

    double weightError = 0;
    for (const auto &[name, tensor] : checkpoint.stateDict("model_state_dict")) {
        const int64_t index = r.optimizer->indexOf(name);
        ASSERT_GE(index, 0) << name;
        weightError = std::max(weightError, maxAbsError(r.optimizer->parameter(index), models::toTorch(tensor)));
    }

    const io::PickleValue &optimizer = checkpoint.root().at("optimizer_state_dict");
    const io::PickleValue &groups = optimizer.at("param_groups");
    ASSERT_EQ(groups.size(), r.optimizer->groups().size());
    double momentError = 0;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const io::PickleValue &group = groups.at(g);
        const train::AdamWGroup &ours = r.optimizer->groups()[g];
        EXPECT_EQ(group.at("params").size(), ours.params.size());
        EXPECT_DOUBLE_EQ(group.at("lr").toDouble(), ours.lr) << "group " << g;
        EXPECT_DOUBLE_EQ(group.at("betas").at(0).toDouble(), ours.beta1) << "group " << g;
        EXPECT_DOUBLE_EQ(group.at("weight_decay").toDouble(), ours.weightDecay) << "group " << g;
        EXPECT_DOUBLE_EQ(group.at("initial_lr").toDouble(), ours.initialLr);
        EXPECT_DOUBLE_EQ(group.at("min_lr").toDouble(), ours.minLr);
        for (const auto &index : group.at("params").items()) {
            const io::PickleValue *state = optimizer.at("state").find(index->toInt());
            ASSERT_NE(state, nullptr);
            const train::AdamWParamState &s = r.optimizer->state(static_cast<std::size_t>(index->toInt()));
            EXPECT_EQ(s.step, models::toTorch(state->at("step").tensor()).item<double>());
            momentError = std::max(momentError, maxAbsError(s.expAvg, models::toTorch(state->at("exp_avg").tensor())));
            // exp_avg_sq is ~g², far below the weights' scale: compare relative to its own size.
            const at::Tensor sq = models::toTorch(state->at("exp_avg_sq").tensor());
            momentError = std::max(momentError, maxAbsError(s.expAvgSq, sq) / sq.abs().max().item<double>());
        }
    }
    const io::PickleValue &scheduler = checkpoint.root().at("lr_scheduler");
    EXPECT_EQ(scheduler.at("last_epoch").toInt(), r.scheduler->lastEpoch());
    EXPECT_EQ(scheduler.at("_step_count").toInt(), r.scheduler->stepCount());
    EXPECT_DOUBLE_EQ(scheduler.at("_last_lr").at(0).toDouble(), r.scheduler->lastLr()[0]);
    std::cout << std::setprecision(3) << "[ brain-tiny replay vs brainxs_last.pth: weights max abs error "
              << weightError << ", AdamW moments max error " << momentError << " ]\n";
    EXPECT_LE(weightError, 1e-5);
    EXPECT_LE(momentError, 1e-4);
}
