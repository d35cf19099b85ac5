#pragma once
// Where this process stands in a data-parallel run, as the usual launchers say it: torchrun's environment variables
// RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and MASTER_PORT (a Slurm script exports them from SLURM_PROCID,
// SLURM_NTASKS, SLURM_LOCALID and the first node's name). No LibTorch here: the CLI fills it in.
#include <string>

namespace vindex::train {

struct DistributedLaunch {
    int rank = 0;
    int worldSize = 1; // 1: one process, nothing is exchanged
    int localRank = 0; // the process's index on its machine (selects cuda:LOCAL_RANK)
    std::string masterAddr;
    int masterPort = 0;
    int joinTimeoutSeconds = 300; // how long the processes wait for each other at the start

    bool distributed() const { return worldSize > 1; }
    // "rank 1 of 2 (127.0.0.1:29500)" for messages and logs.
    std::string describe() const;

    // Reads the variables. WORLD_SIZE unset (or 1) is a single process. Throws Error naming the variable and its
    // value when one is malformed, out of range, or missing while WORLD_SIZE > 1.
    static DistributedLaunch fromEnvironment();
};

} // namespace vindex::train
