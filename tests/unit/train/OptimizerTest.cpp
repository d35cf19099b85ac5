// AdamW, OneCycleLR, the objectives and gradient clipping against closed forms of PyTorch's definitions.
#include "vindex/core/Error.h"
#include "vindex/train/AdamW.h"
#include "vindex/train/GradientClipping.h"
#include "vindex/train/Objective.h"
#include "vindex/train/OneCycleLR.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using namespace vindex::train;

namespace {

AdamWGroup oneParameterGroup(const at::Tensor &param, double lr, double weightDecay)
{
    AdamWGroup group;
    group.names = {"w"};
    group.params = {param};
    group.lr = lr;
    group.weightDecay = weightDecay;
    return group;
}

} // namespace

TEST(AdamW, ConstantGradientStepsFollowTheClosedForm)
{
    // With a constant gradient g the bias-corrected moments are exactly g and g², so every step is
    // p ← p·(1 − lr·wd) − lr·g / (|g| + ε).
    at::Tensor p = at::full({2}, 1.0, at::kDouble).requires_grad_(true);
    AdamW adam({oneParameterGroup(p, 0.1, 0.01)});
    double expected = 1.0;
    for (int step = 1; step <= 3; ++step) {
        adam.zeroGrad();
        (p * 2.0).sum().backward(); // g = 2
        adam.step();
        expected = expected * (1 - 0.1 * 0.01) - 0.1 * 2.0 / (2.0 + 1e-8);
        EXPECT_NEAR(p[0].item<double>(), expected, 1e-12) << "step " << step;
        EXPECT_EQ(adam.state(0).step, step);
    }
}

TEST(AdamW, ParametersWithoutGradientsAreSkipped)
{
    at::Tensor used = at::ones({1}).requires_grad_(true);
    at::Tensor unused = at::ones({1}).requires_grad_(true);
    AdamWGroup group;
    group.names = {"used", "unused"};
    group.params = {used, unused};
    AdamW adam({group});
    (used * 3).sum().backward();
    adam.step();
    EXPECT_FALSE(adam.state(1).initialized);
    EXPECT_EQ(unused.item<float>(), 1.0f); // not even weight decay touches it
    EXPECT_LT(used.item<float>(), 1.0f);
}

TEST(AdamW, UmbraeGroupsDecayEverythingButBiases)
{
    at::Tensor w = at::ones({2}), b = at::ones({2}), n = at::ones({2});
    const vindex::models::ParameterList parameters{{"lin.weight", &w}, {"lin.bias", &b}, {"norm_media.bias", &n}};
    const auto groups = AdamW::umbraeGroups(parameters, 3e-4);
    ASSERT_EQ(groups.size(), 2u);
    EXPECT_EQ(groups[0].names, (std::vector<std::string>{"lin.weight"}));
    EXPECT_EQ(groups[0].weightDecay, 1e-2);
    EXPECT_EQ(groups[1].names, (std::vector<std::string>{"lin.bias", "norm_media.bias"}));
    EXPECT_EQ(groups[1].weightDecay, 0.0);
    AdamW adam(groups);
    EXPECT_EQ(adam.indexOf("norm_media.bias"), 2);
    EXPECT_EQ(adam.name(1), "lin.bias");
}

TEST(OneCycleLR, CosineScheduleAndMomentumFollowTheClosedForm)
{
    at::Tensor p = at::ones({1}).requires_grad_(true);
    AdamW adam({oneParameterGroup(p, 1.0, 0.0)});
    OneCycleOptions o;
    o.maxLr = 1.0;
    o.totalSteps = 10;
    o.pctStart = 0.3; // warm-up phase ends at step 2
    OneCycleLR schedule(adam, o);
    const double initial = 1.0 / 25, minimum = initial / 1e4;
    const auto cosine = [](double start, double end, double pct) {
        return end + (start - end) * (1 + std::cos(std::numbers::pi * pct)) / 2;
    };
    for (int step = 0; step < 10; ++step) {
        const bool warmUp = step <= 2;
        const double pct = warmUp ? step / 2.0 : (step - 2) / 7.0;
        const double lr = warmUp ? cosine(initial, 1.0, pct) : cosine(1.0, minimum, pct);
        const double beta1 = warmUp ? cosine(0.95, 0.85, pct) : cosine(0.85, 0.95, pct);
        EXPECT_NEAR(adam.groups()[0].lr, lr, 1e-15) << "step " << step;
        EXPECT_NEAR(adam.groups()[0].beta1, beta1, 1e-15) << "step " << step;
        schedule.step();
    }
    EXPECT_EQ(schedule.lastEpoch(), 10);
    EXPECT_EQ(schedule.stepCount(), 11);
    EXPECT_THROW(schedule.step(), vindex::Error); // step 11 > total_steps: torch raises
}

TEST(OneCycleLR, LinearThreePhaseWithoutMomentumCycling)
{
    at::Tensor p = at::ones({1}).requires_grad_(true);
    AdamW adam({oneParameterGroup(p, 1.0, 0.0)});
    OneCycleOptions o;
    o.maxLr = 2.0;
    o.totalSteps = 11;
    o.pctStart = 0.25; // phases end at 1.75, 3.5 and 10
    o.annealStrategy = "linear";
    o.cycleMomentum = false;
    o.threePhase = true;
    o.divFactor = 4;
    o.finalDivFactor = 5;
    OneCycleLR schedule(adam, o);
    const double initial = 0.5, minimum = 0.1;
    const std::vector<double> expected = {initial, initial + (2 - initial) / 1.75,
                                          2 + (initial - 2) * (2 - 1.75) / 1.75, 2 + (initial - 2) * (3 - 1.75) / 1.75,
                                          initial + (minimum - initial) * (4 - 3.5) / 6.5};
    for (std::size_t step = 0; step < expected.size(); ++step) {
        EXPECT_NEAR(adam.groups()[0].lr, expected[step], 1e-15) << "step " << step;
        EXPECT_EQ(adam.groups()[0].beta1, 0.9);
        schedule.step();
    }
}

TEST(OneCycleLR, RestoreContinuesTheSchedule)
{
    at::Tensor p = at::ones({1}).requires_grad_(true);
    OneCycleOptions o;
    o.totalSteps = 20;
    AdamW straight({oneParameterGroup(p, 1.0, 0.0)});
    OneCycleLR a(straight, o);
    for (int i = 0; i < 7; ++i)
        a.step();
    AdamW restored({oneParameterGroup(p, 1.0, 0.0)});
    restored.groups()[0].initialLr = straight.groups()[0].initialLr;
    restored.groups()[0].maxLr = straight.groups()[0].maxLr;
    restored.groups()[0].minLr = straight.groups()[0].minLr;
    restored.groups()[0].maxMomentum = 0.95;
    restored.groups()[0].baseMomentum = 0.85;
    OneCycleLR b(restored, o, false);
    b.restore(a.lastEpoch(), a.stepCount());
    EXPECT_EQ(restored.groups()[0].lr, straight.groups()[0].lr);
    EXPECT_EQ(restored.groups()[0].beta1, straight.groups()[0].beta1);
}

TEST(Objective, LossesMatchTheirDefinitions)
{
    const at::Tensor x = at::tensor({0.0, 0.5, 3.0, -2.0}, at::kDouble);
    const at::Tensor y = at::zeros({4}, at::kDouble);
    EXPECT_NEAR(Objective(LossKind::Mse)(x, y).item<double>(), (0.25 + 9 + 4) / 4, 1e-15);
    EXPECT_NEAR(Objective(LossKind::L1)(x, y).item<double>(), (0.5 + 3 + 2) / 4, 1e-15);
    // smooth L1 with β = 1: 0.5·d² below 1, |d| − 0.5 above.
    EXPECT_NEAR(Objective(LossKind::SmoothL1)(x, y).item<double>(), (0.125 + 2.5 + 1.5) / 4, 1e-15);
    EXPECT_EQ(Objective::parse("huber"), LossKind::SmoothL1);
    EXPECT_THROW(Objective::parse("l2"), vindex::Error);
}

TEST(Objective, QuantileInterpolatesLinearlyAndHasTorchsGradient)
{
    // |x − y| = 0..9 shuffled: rank 0.9·9 = 8.1 → 8 + 0.1·(9 − 8).
    at::Tensor x = at::tensor({3.0, 9.0, 0.0, 7.0, 1.0, 8.0, 2.0, 6.0, 4.0, 5.0}, at::kDouble).requires_grad_(true);
    const at::Tensor loss = Objective(LossKind::Quantile)(x, at::zeros({10}, at::kDouble));
    EXPECT_NEAR(loss.item<double>(), 8.1, 1e-12);
    loss.backward();
    EXPECT_NEAR(x.grad()[5].item<double>(), 0.9, 1e-12); // the element 8
    EXPECT_NEAR(x.grad()[1].item<double>(), 0.1, 1e-12); // the element 9
    EXPECT_NEAR(x.grad().abs().sum().item<double>(), 1.0, 1e-12);
}

TEST(GradientClipping, ScalesByMaxNormOverTotalNorm)
{
    at::Tensor a = at::zeros({1}, at::kDouble).requires_grad_(true);
    at::Tensor b = at::zeros({1}, at::kDouble).requires_grad_(true);
    (a * 3.0 + b * 4.0).sum().backward(); // gradients 3 and 4: total norm 5
    EXPECT_NEAR(clipGradNorm({a, b}, 1.0), 5.0, 1e-12);
    EXPECT_NEAR(a.grad().item<double>(), 3.0 / (5.0 + 1e-6), 1e-12);
    EXPECT_NEAR(b.grad().item<double>(), 4.0 / (5.0 + 1e-6), 1e-12);
    EXPECT_NEAR(clipGradNorm({a, b}, 10.0), 5.0 / (5.0 + 1e-6), 1e-12); // below the limit: unchanged
    EXPECT_NEAR(a.grad().item<double>(), 3.0 / (5.0 + 1e-6), 1e-12);
}
