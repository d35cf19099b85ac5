// Device placement and generator state of training, checked without a GPU: LibTorch's "meta" device holds shapes
// but no data, so a session built there shows every tensor that was left behind on the CPU (the GPU tests run the
// same check on CUDA); the data-parallel exchange buffer goes to the group's device.
#include "BrainTinyTraining.h"
#include "models/ParitySupport.h"

#include "vindex/core/Error.h"
#include "vindex/train/DataParallelGroup.h"
#include "vindex/train/TrainingCheckpoint.h"
#include "vindex/train/TrainingSession.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <gtest/gtest.h>

using namespace vindex;
using namespace testsupport;

TEST(DevicePlacement, EveryTensorOfAFreshVindexSessionIsWhereTheEncoderIs)
{
    const c10::Device meta(c10::kMeta);
    const auto session = brainTinyDenoiserSession(meta);
    ASSERT_NE(const_cast<train::TrainingSession &>(*session).denoiser(), nullptr);
    const auto off = tensorsOffDevice(*session, meta);
    EXPECT_TRUE(off.empty()) << "not on meta: " << ::testing::PrintToString(off);
    // The check sees the denoiser: its four tensors are among the session's.
    int denoiserTensors = 0;
    for (const auto &[name, tensor] : session->tensors())
        denoiserTensors += name.rfind("denoiser.", 0) == 0 ? 1 : 0;
    EXPECT_EQ(denoiserTensors, 4);
}

TEST(DevicePlacement, ExchangeBufferIsOnTheGroupsDevice)
{
    // Loss parts (double) and a flag (long) as the trainer hands them over, on the CPU; NCCL needs them on its GPU.
    const std::vector<at::Tensor> parts{at::tensor({1.5, 2.5}, at::kDouble), at::tensor({3.0}, at::kDouble)};
    const at::Tensor staged = train::DataParallelGroup::pack(parts, c10::Device(c10::kMeta));
    EXPECT_EQ(staged.device(), c10::Device(c10::kMeta));
    EXPECT_EQ(staged.numel(), 3);
    // On the CPU, unpack puts every value back where it came from.
    const at::Tensor buffer = train::DataParallelGroup::pack(parts, c10::kCPU);
    buffer.mul_(2);
    train::DataParallelGroup::unpack(buffer, parts);
    EXPECT_EQ(parts[0][1].item<double>(), 5.0);
    EXPECT_EQ(parts[1][0].item<double>(), 6.0);
    EXPECT_THROW(train::DataParallelGroup::pack({at::zeros({2}), at::zeros({2}, at::kLong)}, c10::kCPU), Error);
}

TEST(DevicePlacement, CheckpointKeepsTheGeneratorStateItWasSavedWith)
{
    TempDir dir;
    auto session = brainTinySession(2);
    at::manual_seed(99);
    at::randn({7}); // somewhere in the stream, not at a seed
    const at::Tensor atSave = at::detail::getDefaultCPUGenerator().get_state();
    session->save(dir.file("last.safetensors"));
    const at::Tensor next = at::randn({5});

    const train::TrainingCheckpoint checkpoint(dir.file("last.safetensors"));
    ASSERT_TRUE(checkpoint.has("rng.cpu"));
    EXPECT_TRUE(at::equal(checkpoint.tensor("rng.cpu"), atSave));
    EXPECT_FALSE(checkpoint.has("rng.cuda")); // a CPU run draws from no GPU generator

    at::manual_seed(1);
    const auto resumed = train::TrainingSession::resume(dir.file("last.safetensors"), models::Compute{});
    EXPECT_TRUE(at::equal(at::detail::getDefaultCPUGenerator().get_state(), atSave));
    EXPECT_TRUE(at::equal(at::randn({5}), next));
}
