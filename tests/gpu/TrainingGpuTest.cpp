// Training on CUDA: every tensor of a session on the GPU (the VINDEX denoiser included), one float16 and one
// bfloat16 autocast step against the float32 CPU step, and a resumed run that continues bit for bit — dropout and the
// denoiser's noise draw from the GPU's generator, which checkpoints keep.
#include "models/ParitySupport.h"
#include "train/BrainTinyTraining.h"

#include "vindex/train/TrainingCheckpoint.h"
#include "vindex/train/TrainingSession.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <string>

using namespace vindex;
using namespace testsupport;

namespace {

const c10::Device kCuda(c10::kCUDA, 0);

train::TrainingBatch onCuda(train::TrainingBatch batch)
{
    batch.voxels = batch.voxels.to(kCuda);
    batch.targets = batch.targets.to(kCuda);
    return batch;
}

std::vector<train::TrainingBatch> brainXBatchesOnCuda()
{
    return {
        onCuda({expectedTensor("brain-tiny", "brainx_in_fmri1"), expectedTensor("brain-tiny", "brainx_out_fmri2"), 1}),
        onCuda({expectedTensor("brain-tiny", "brainx_in_fmri2"), expectedTensor("brain-tiny", "brainx_out_fmri1"), 2})};
}

} // namespace

TEST(TrainingOnCuda, EveryTensorStaysOnTheGpu)
{
    auto session = brainTinyDenoiserSession(kCuda);
    EXPECT_TRUE(tensorsOffDevice(*session, kCuda).empty())
        << ::testing::PrintToString(tensorsOffDevice(*session, kCuda));
    session->step(onCuda(brainTinyBatch(0))); // AdamW's moments are made at the first step
    const auto off = tensorsOffDevice(*session, kCuda);
    EXPECT_TRUE(off.empty()) << ::testing::PrintToString(off);
}

class HalfStep : public ::testing::TestWithParam<std::string> {};

TEST_P(HalfStep, FollowsTheFloat32CpuStep)
{
    const std::string precision = GetParam();
    auto reference = brainTinySession(0);
    const double expectedLoss = reference->step(brainTinyBatch(0));

    auto recipe = brainTinyRecipe();
    recipe.precision = precision;
    auto encoder = models::BrainEncoder::load(fixture("brain-tiny/brainxs_init.safetensors"),
                                              models::Compute{kCuda, c10::kFloat}, brainTinyArchitecture());
    train::TrainingSession session(std::move(encoder), brainTinyArchitecture(), recipe, brainTinySteps());
    const double loss = session.step(onCuda(brainTinyBatch(0)));
    // The loss: 64 unit roundoffs of the format, relative (FixtureVerifier's half-precision rule).
    const double u = precision == "f16" ? 1.0 / 2048 : 1.0 / 256;
    EXPECT_NEAR(loss, expectedLoss, 64 * u * std::abs(expectedLoss));
    // The weights: AdamW's first step moves each by lr · g / (|g| + eps), at most lr either way, whatever precision
    // computed g (or not at all when f16's loss scaler skips an overflowing step) — so they stay within 2·lr.
    const double lr = reference->history().lrs.front();
    const auto a = reference->encoder().stateDict(), b = session.encoder().stateDict();
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        EXPECT_LE(maxAbsError(b[i].second, a[i].second), 2 * lr * (1 + 1e-3)) << a[i].first;
}

INSTANTIATE_TEST_SUITE_P(Precisions, HalfStep, ::testing::Values("f16", "bf16"));

TEST(TrainingOnCuda, ResumedRunContinuesBitForBit)
{
    at::globalContext().setDeterministicAlgorithms(true, /*warn_only=*/true);
    TempDir dir;
    const auto recipe = brainTinyVindexRecipe();
    at::manual_seed(7);
    train::TrainingSession straight(useNormBrainX(kCuda), brainTinyArchitecture("brainx"), recipe, 4);
    for (int i = 0; i < 4; ++i)
        straight.step(brainXBatchesOnCuda());

    at::manual_seed(7);
    auto first =
        std::make_unique<train::TrainingSession>(useNormBrainX(kCuda), brainTinyArchitecture("brainx"), recipe, 4);
    for (int i = 0; i < 2; ++i)
        first->step(brainXBatchesOnCuda());
    first->save(dir.file("last.safetensors"));
    EXPECT_TRUE(train::TrainingCheckpoint(dir.file("last.safetensors")).has("rng.cuda"));
    at::manual_seed(12345); // whatever ran in between (CPU and GPU generators) must not matter
    at::randn({1000}, at::TensorOptions().device(kCuda));
    auto resumed = train::TrainingSession::resume(dir.file("last.safetensors"), models::Compute{kCuda, c10::kFloat});
    for (int i = 0; i < 2; ++i)
        resumed->step(brainXBatchesOnCuda());
    EXPECT_EQ(resumed->history().losses, straight.history().losses);
    const auto a = straight.encoder().stateDict(), b = resumed->encoder().stateDict();
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        EXPECT_TRUE(at::equal(a[i].second, b[i].second)) << a[i].first;
}
