// Mixed precision: torch.cuda.amp.GradScaler's rules for the fp16 loss scale, and bf16 autocast training on the
// CPU (fp32 master weights; the loss close to the fp32 one).
#include "BrainTinyTraining.h"

#include "vindex/core/Error.h"
#include "vindex/train/AutocastScope.h"
#include "vindex/train/LossScaler.h"
#include "vindex/train/TrainingSession.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <limits>

using namespace vindex;

TEST(MixedPrecision, LossScalerFollowsGradScalersRules)
{
    train::LossScalerOptions o;
    o.growthInterval = 3;
    train::LossScaler scaler(o);
    EXPECT_EQ(scaler.scale(), 65536.0);
    at::Tensor p = at::zeros({2}).requires_grad_(true);
    p.mutable_grad() = at::full({2}, 65536.0 * 3.0);
    EXPECT_TRUE(scaler.unscale({p}));
    EXPECT_TRUE(p.grad().equal(at::full({2}, 3.0))); // divided by the scale
    scaler.update(false);
    scaler.update(false);
    EXPECT_EQ(scaler.scale(), 65536.0);
    scaler.update(false); // the third clean step in a row: ×2
    EXPECT_EQ(scaler.scale(), 131072.0);
    p.mutable_grad() = at::tensor({1.0f, std::numeric_limits<float>::infinity()});
    EXPECT_FALSE(scaler.unscale({p}));
    scaler.update(true); // overflow: ×0.5, the growth count restarts
    EXPECT_EQ(scaler.scale(), 65536.0);
    EXPECT_EQ(scaler.skippedSteps(), 1);
    train::LossScaler restored(o);
    restored.restore(scaler.toJson());
    EXPECT_EQ(restored.scale(), 65536.0);
    EXPECT_EQ(restored.skippedSteps(), 1);
}

TEST(MixedPrecision, AutocastRunsMatmulsInBf16OnTheCpuAndRestoresTheState)
{
    const at::Tensor a = at::randn({4, 8}), b = at::randn({8, 3});
    {
        const train::AutocastScope scope("bf16", c10::DeviceType::CPU);
        EXPECT_EQ(at::matmul(a, b).scalar_type(), at::kBFloat16);
    }
    EXPECT_EQ(at::matmul(a, b).scalar_type(), at::kFloat);
    EXPECT_THROW(train::AutocastScope("f16", c10::DeviceType::CPU), Error);
}

TEST(MixedPrecision, Bf16StepKeepsFp32WeightsAndALossNearFp32)
{
    auto f32 = testsupport::brainTinySession();
    train::TrainingRecipe recipe = testsupport::brainTinyRecipe();
    recipe.precision = "bf16";
    train::TrainingSession bf16(testsupport::brainTinyInitialEncoder(), testsupport::brainTinyArchitecture(), recipe,
                                testsupport::brainTinySteps());
    const train::TrainingBatch batch = testsupport::brainTinyBatch(0);
    const double reference = f32->step(batch);
    const double mixed = bf16.step(batch);
    EXPECT_NEAR(mixed, reference, 0.02 * reference); // bf16 keeps 8 bits of mantissa
    EXPECT_NE(mixed, reference);                     // and autocast did run in bf16
    for (const auto &[name, tensor] : bf16.encoder().stateDict())
        EXPECT_EQ(tensor.scalar_type(), at::kFloat) << name;
}
