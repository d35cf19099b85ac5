// Runs the GPU test cases when LibTorch sees a CUDA device; otherwise says why not and exits 77 (CTest: skipped).
#include "vindex/core/BuildInfo.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

int main(int argc, char **argv)
{
    if (!vindex::cudaAvailable()) {
        std::printf("GPU tests skipped: %s\n",
                    vindex::cudaCompiledIn()
                        ? "this build has CUDA, but LibTorch sees no CUDA device (no NVIDIA GPU or driver here)"
                        : "this build's LibTorch has no CUDA (a CPU-only LibTorch; build against PyTorch's CUDA "
                          "wheel to run them)");
        return 77;
    }
    // cuBLAS is deterministic for a fixed configuration only with a fixed workspace (the resume test compares bits).
    setenv("CUBLAS_WORKSPACE_CONFIG", ":4096:8", 0);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
