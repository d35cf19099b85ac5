// Data-parallel pieces that need no second process: the launch variables, the shard rule, and the denoiser's
// shard of a batch drawing the numbers the whole batch draws. (Two real processes: e2e TrainCommandTest.)
#include "models/ParitySupport.h"
#include "vindex/core/Error.h"
#include "vindex/train/DataParallelGroup.h"
#include "vindex/train/Denoiser.h"
#include "vindex/train/DistributedLaunch.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <gtest/gtest.h>

#include <cstdlib>

using namespace vindex::train;

namespace {

// Sets the launch variables for one test and clears them afterwards.
struct LaunchVariables {
    LaunchVariables(std::initializer_list<std::pair<const char *, const char *>> values)
    {
        clear();
        for (const auto &[name, value] : values)
            ::setenv(name, value, 1);
    }
    ~LaunchVariables() { clear(); }
    static void clear()
    {
        for (const char *name : {"RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT"})
            ::unsetenv(name);
    }
};

std::string launchError()
{
    try {
        DistributedLaunch::fromEnvironment();
    } catch (const vindex::Error &e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST(DistributedLaunch, ReadsTorchrunVariables)
{
    {
        LaunchVariables none({});
        EXPECT_FALSE(DistributedLaunch::fromEnvironment().distributed());
    }
    {
        LaunchVariables one({{"WORLD_SIZE", "1"}, {"RANK", "0"}});
        EXPECT_FALSE(DistributedLaunch::fromEnvironment().distributed());
    }
    LaunchVariables four(
        {{"WORLD_SIZE", "4"}, {"RANK", "3"}, {"LOCAL_RANK", "1"}, {"MASTER_ADDR", "node7"}, {"MASTER_PORT", "29501"}});
    const DistributedLaunch launch = DistributedLaunch::fromEnvironment();
    EXPECT_TRUE(launch.distributed());
    EXPECT_EQ(launch.worldSize, 4);
    EXPECT_EQ(launch.rank, 3);
    EXPECT_EQ(launch.localRank, 1);
    EXPECT_EQ(launch.masterAddr, "node7");
    EXPECT_EQ(launch.masterPort, 29501);
}

TEST(DistributedLaunch, BadOrMissingVariablesAreNamed)
{
    {
        LaunchVariables v({{"WORLD_SIZE", "two"}});
        EXPECT_NE(launchError().find("WORLD_SIZE='two'"), std::string::npos) << launchError();
    }
    {
        LaunchVariables v({{"WORLD_SIZE", "2"}, {"MASTER_ADDR", "a"}, {"MASTER_PORT", "1"}});
        EXPECT_NE(launchError().find("RANK is not set"), std::string::npos) << launchError();
    }
    {
        LaunchVariables v({{"WORLD_SIZE", "2"}, {"RANK", "-1"}, {"MASTER_ADDR", "a"}, {"MASTER_PORT", "1"}});
        EXPECT_NE(launchError().find("RANK='-1'"), std::string::npos) << launchError();
    }
    {
        LaunchVariables v({{"WORLD_SIZE", "2"}, {"RANK", "1"}, {"MASTER_PORT", "29500"}});
        EXPECT_NE(launchError().find("MASTER_ADDR is not set"), std::string::npos) << launchError();
    }
    {
        LaunchVariables v({{"WORLD_SIZE", "2"}, {"RANK", "1"}, {"MASTER_ADDR", "a"}, {"MASTER_PORT", "70000"}});
        EXPECT_NE(launchError().find("MASTER_PORT='70000'"), std::string::npos) << launchError();
    }
    {
        LaunchVariables v({{"RANK", "1"}});
        EXPECT_NE(launchError().find("WORLD_SIZE is not"), std::string::npos) << launchError();
    }
}

TEST(DataParallelGroup, ShardsAreContiguousAndDifferByOneAtMost)
{
    // 7 over 2: 4 + 3; 10 over 3: 4 + 3 + 3; 8 over 4: 2 each.
    const auto s = [](int64_t whole, int rank, int world) {
        const auto shard = DataParallelGroup::shardOf(whole, rank, world);
        return std::pair<int64_t, int64_t>(shard.offset, shard.count);
    };
    EXPECT_EQ(s(7, 0, 2), (std::pair<int64_t, int64_t>(0, 4)));
    EXPECT_EQ(s(7, 1, 2), (std::pair<int64_t, int64_t>(4, 3)));
    EXPECT_EQ(s(10, 0, 3), (std::pair<int64_t, int64_t>(0, 4)));
    EXPECT_EQ(s(10, 1, 3), (std::pair<int64_t, int64_t>(4, 3)));
    EXPECT_EQ(s(10, 2, 3), (std::pair<int64_t, int64_t>(7, 3)));
    EXPECT_EQ(s(8, 3, 4), (std::pair<int64_t, int64_t>(6, 2)));
}

TEST(DataParallelGroup, DenoiserShardsWeightedBySizeGiveTheWholeBatchLoss)
{
    DenoiserOptions o;
    o.featureWidth = 8;
    o.width = 16;
    o.timeEmbedding = 4;
    at::manual_seed(3);
    const Denoiser denoiser = Denoiser::create(o);
    const at::Tensor target = at::randn({5, 3, 8}), brain = at::randn({5, 3, 8});
    at::manual_seed(11);
    const double whole = denoiser.loss(target, brain).item<double>();
    // Rows 0..2 and 3..4, each drawing from the same generator state as the whole batch did.
    at::manual_seed(11);
    const double first = denoiser.loss(target.narrow(0, 0, 3), brain.narrow(0, 0, 3), 5, 0).item<double>();
    const at::Tensor afterFirst = at::detail::getDefaultCPUGenerator().get_state();
    at::manual_seed(11);
    const double second = denoiser.loss(target.narrow(0, 3, 2), brain.narrow(0, 3, 2), 5, 3).item<double>();
    // The shards' MLP runs on 3 and 2 rows instead of 5 (other GEMM blockings): reductions over 2·8 + 4 inputs and
    // 16 hidden units, then the mean over 5·3·8 elements.
    EXPECT_NEAR(first * 3.0 / 5.0 + second * 2.0 / 5.0, whole, testsupport::float32Tolerance({20, 16, 120}, whole));
    // Both shards leave the generator where the whole batch leaves it.
    EXPECT_TRUE(at::equal(afterFirst, at::detail::getDefaultCPUGenerator().get_state()));
    EXPECT_THROW(denoiser.loss(target.narrow(0, 3, 2), brain.narrow(0, 3, 2), 4, 3), vindex::Error);
}
