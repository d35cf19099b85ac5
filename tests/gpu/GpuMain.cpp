// Runs the GPU test cases when LibTorch sees a CUDA device; exits 77 (CTest: skipped) otherwise.
#include "vindex/core/BuildInfo.h"

#include <gtest/gtest.h>

#include <cstdio>

TEST(Gpu, CudaDeviceVisible) { EXPECT_TRUE(vindex::cudaAvailable()); }

int main(int argc, char **argv)
{
    if (!vindex::cudaAvailable()) {
        std::puts("no CUDA device: GPU tests skipped");
        return 77;
    }
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
