#pragma once
// The processes of a data-parallel training run, joined through LibTorch's c10d: a TCPStore rendezvous that rank 0
// hosts on MASTER_ADDR:MASTER_PORT, then a process group — Gloo on the CPU, NCCL for CUDA tensors where LibTorch was
// built with it. Collectives are blocking and must be called by every rank in the same order. The c10d headers stay
// in the .cpp (they need gloo's headers and USE_C10D_* definitions).
#include "vindex/train/DistributedLaunch.h"

#include <ATen/core/Tensor.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace vindex::train {

class DataParallelGroup {
public:
    // Joins the group of launch.worldSize processes. Rank 0 waits up to launch.joinTimeoutSeconds for all the others
    // to connect, the others as long for rank 0 to listen. Throws Error naming the address, the rank and the cause
    // (port in use, peer not reachable in time, no backend in this build); Cancelled when cancel is set while
    // waiting. device: where the training's tensors live; a CUDA device gets NCCL where this build has it.
    static std::unique_ptr<DataParallelGroup> join(const DistributedLaunch &launch, at::Device device = at::kCPU,
                                                   const std::atomic<bool> *cancel = nullptr);
    ~DataParallelGroup();
    DataParallelGroup(const DataParallelGroup &) = delete;
    DataParallelGroup &operator=(const DataParallelGroup &) = delete;

    // Rank r's part of a batch of wholeSize samples: contiguous, in rank order, sizes differing by at most one
    // (the first wholeSize % worldSize ranks take one sample more).
    struct Shard {
        int64_t offset = 0, count = 0;
    };
    static Shard shardOf(int64_t wholeSize, int rank, int worldSize);

    int rank() const { return m_launch.rank; }
    int worldSize() const { return m_launch.worldSize; }
    const DistributedLaunch &launch() const { return m_launch; }
    const std::string &backendName() const { return m_backend; }
    // Where the backend takes its tensors (NCCL: the GPU; Gloo: the CPU). The collectives below accept tensors on
    // any one device and stage them there.
    at::Device device() const { return m_device; }

    // Element-wise sum over the ranks, in place, in one exchange (the tensors are packed into one buffer on the
    // group's device; they must share a dtype and a device). Every rank ends with the same bits.
    void allReduceSum(const std::vector<at::Tensor> &tensors);
    // Rank root's values into every rank's tensors, in place, in one exchange (autograd is not involved).
    void broadcast(const std::vector<at::Tensor> &tensors, int root = 0);
    void barrier();

    // A message through the rendezvous store, for waits that may be long (rank 0 building the feature cache):
    // post() sets key; await() polls for it every 100 ms, gives up with Cancelled when cancel is set and with
    // Error when rank 0 goes away, and returns the value.
    void post(const std::string &key, const std::string &value);
    std::string await(const std::string &key, const std::atomic<bool> *cancel = nullptr);

    // The exchange buffer: the tensors flattened into one, on device (the backend's); unpack copies a buffer back
    // into tensors wherever they live. Throws Error when the tensors differ in dtype or device.
    static at::Tensor pack(const std::vector<at::Tensor> &tensors, at::Device device);
    static void unpack(const at::Tensor &buffer, const std::vector<at::Tensor> &tensors);

private:
    struct Backend;
    DataParallelGroup(DistributedLaunch launch, std::unique_ptr<Backend> backend, std::string name, at::Device device);

    DistributedLaunch m_launch;
    std::unique_ptr<Backend> m_impl;
    std::string m_backend;
    at::Device m_device = at::kCPU;
};

} // namespace vindex::train
