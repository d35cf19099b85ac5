#include "vindex/train/DataParallelGroup.h"

#include "vindex/core/Error.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <c10/util/Exception.h>
#include <torch/csrc/api/include/torch/version.h>

#ifdef VINDEX_WITH_C10D
// What this file uses of c10d whatever backends are there: the store, the collectives' base class, their options.
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/csrc/distributed/c10d/Types.hpp>
#if TORCH_VERSION_MAJOR >= 2
#include <torch/csrc/distributed/c10d/Backend.hpp>
#else
#include <torch/csrc/distributed/c10d/ProcessGroup.hpp>
#endif
#endif
// The backend headers only where CMake found what they need (gloo's headers, nccl.h); the USE_C10D_* guards inside
// them are defined here, for those backends only.
#ifdef VINDEX_WITH_GLOO
#ifndef USE_C10D_GLOO
#define USE_C10D_GLOO
#endif
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif
#ifdef VINDEX_WITH_NCCL
#ifndef USE_C10D_NCCL
#define USE_C10D_NCCL
#endif
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <algorithm>
#include <cstdlib>
#include <thread>

namespace vindex::train {
namespace {

// c10::Error's what() carries a C++ backtrace; users need the sentence.
std::string reason(const std::exception &e)
{
    if (const auto *c10 = dynamic_cast<const c10::Error *>(&e))
        return c10->what_without_backtrace();
    return e.what();
}

[[maybe_unused]] bool isLoopback(const std::string &address)
{
    return address == "localhost" || address.rfind("127.", 0) == 0 || address == "::1";
}

} // namespace

#ifdef VINDEX_WITH_C10D
// LibTorch 2.x moved the collectives from ProcessGroup to Backend (ProcessGroupGloo/NCCL derive from it).
#if TORCH_VERSION_MAJOR >= 2
using Collectives = c10d::Backend;
#else
using Collectives = c10d::ProcessGroup;
#endif

struct DataParallelGroup::Backend {
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<Collectives> group;
};
#else
struct DataParallelGroup::Backend {};
#endif

DataParallelGroup::DataParallelGroup(DistributedLaunch launch, std::unique_ptr<Backend> backend, std::string name,
                                     at::Device device)
    : m_launch(std::move(launch)), m_impl(std::move(backend)), m_backend(std::move(name)), m_device(device)
{
}

DataParallelGroup::~DataParallelGroup() = default;

DataParallelGroup::Shard DataParallelGroup::shardOf(int64_t wholeSize, int rank, int worldSize)
{
    const int64_t base = wholeSize / worldSize, extra = wholeSize % worldSize;
    Shard shard;
    shard.count = base + (rank < extra ? 1 : 0);
    shard.offset = base * rank + std::min<int64_t>(rank, extra);
    return shard;
}

std::unique_ptr<DataParallelGroup> DataParallelGroup::join(const DistributedLaunch &launch,
                                                           [[maybe_unused]] at::Device device,
                                                           [[maybe_unused]] const std::atomic<bool> *cancel)
{
    if (launch.worldSize < 1 || launch.rank < 0 || launch.rank >= launch.worldSize)
        throw Error("distributed launch: rank " + std::to_string(launch.rank) + " is outside a world of " +
                    std::to_string(launch.worldSize));
#ifndef VINDEX_WITH_C10D
    throw Error("distributed training: this build of vindex has no LibTorch process groups (c10d)");
#else
    const std::string where = launch.describe();
    auto backend = std::make_unique<Backend>();
    const auto joinTimeout = std::chrono::milliseconds(1000LL * launch.joinTimeoutSeconds);
    try {
        c10d::TCPStoreOptions o;
        o.port = static_cast<std::uint16_t>(launch.masterPort);
        o.isServer = launch.rank == 0;
        o.numWorkers = static_cast<std::size_t>(launch.worldSize);
        o.waitWorkers = false; // LibTorch 1.13's server waits for its workers without a deadline: counted below
        o.timeout = joinTimeout;
        backend->store = c10::make_intrusive<c10d::TCPStore>(launch.masterAddr, o);
    } catch (const std::exception &e) {
        throw Error("distributed training, " + where + ": " +
                    (launch.rank == 0
                         ? "cannot listen on port " + std::to_string(launch.masterPort)
                         : "could not reach rank 0 at " + launch.masterAddr + ":" + std::to_string(launch.masterPort) +
                               " within " + std::to_string(launch.joinTimeoutSeconds) + " s") +
                    ": " + reason(e));
    }
    // Every rank counts itself in and waits for the whole world, so that a missing process stops all of them
    // after the join timeout (not after the collectives' half hour).
    int64_t present = 0;
    try {
        const auto deadline = std::chrono::steady_clock::now() + joinTimeout;
        present = backend->store->add("vindex/joined", 1);
        while (present < launch.worldSize && std::chrono::steady_clock::now() < deadline) {
            if (cancel && cancel->load())
                throw Cancelled();
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            present = backend->store->add("vindex/joined", 0);
        }
    } catch (const Cancelled &) {
        throw;
    } catch (const std::exception &e) {
        throw Error("distributed training, " + where + ": lost rank 0 at " + launch.masterAddr + ":" +
                    std::to_string(launch.masterPort) + " while waiting for the others: " + reason(e));
    }
    if (present < launch.worldSize)
        throw Error("distributed training, " + where + ": waiting for the other " +
                    std::to_string(launch.worldSize - 1) + " processes: only " + std::to_string(present) + " of " +
                    std::to_string(launch.worldSize) + " joined at " + launch.masterAddr + ":" +
                    std::to_string(launch.masterPort) + " within " + std::to_string(launch.joinTimeoutSeconds) +
                    " s (start every rank with the same MASTER_ADDR, MASTER_PORT and WORLD_SIZE)");
    // Collectives may wait long for a slow rank (rank 0 writing a checkpoint): half an hour, torch's default.
    const auto collectiveTimeout = std::chrono::minutes(30);
    std::string name;
    at::Device groupDevice = at::kCPU; // where the collectives' tensors must be: NCCL's on the GPU, Gloo's here
    try {
#ifdef VINDEX_WITH_NCCL
        if (device.is_cuda()) {
            auto options = c10d::ProcessGroupNCCL::Options::create();
            options->timeout = collectiveTimeout;
            backend->group =
                c10::make_intrusive<c10d::ProcessGroupNCCL>(backend->store, launch.rank, launch.worldSize, options);
            name = "nccl";
            groupDevice = device;
        }
#endif
#ifdef VINDEX_WITH_GLOO
        if (!backend->group) {
            auto options = c10d::ProcessGroupGloo::Options::create(collectiveTimeout);
            // As torch.distributed: GLOO_SOCKET_IFNAME picks the network interface; a loopback master means one
            // machine; otherwise the address this host's name resolves to.
            if (const char *interface = std::getenv("GLOO_SOCKET_IFNAME"); interface && *interface)
                options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(interface));
            else if (isLoopback(launch.masterAddr))
                options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
            else
                options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
            backend->group =
                c10::make_intrusive<c10d::ProcessGroupGloo>(backend->store, launch.rank, launch.worldSize, options);
            name = "gloo";
        }
#endif
    } catch (const std::exception &e) {
        throw Error("distributed training, " + where + ": the process group did not form: " + reason(e));
    }
    if (!backend->group)
        throw Error("distributed training: this build of vindex has no process-group backend (LibTorch's Gloo needs "
                    "gloo's headers at build time: install libgloo-dev and rebuild)");
    return std::unique_ptr<DataParallelGroup>(new DataParallelGroup(launch, std::move(backend), name, groupDevice));
#endif
}

at::Tensor DataParallelGroup::pack(const std::vector<at::Tensor> &tensors, at::Device device)
{
    std::vector<at::Tensor> flat;
    flat.reserve(tensors.size());
    for (const at::Tensor &t : tensors) {
        if (t.scalar_type() != tensors.front().scalar_type() || t.device() != tensors.front().device())
            throw Error("data-parallel exchange: the tensors must share one dtype and one device");
        flat.push_back(t.detach().reshape({-1}));
    }
    return at::cat(flat).to(device).contiguous();
}

void DataParallelGroup::unpack(const at::Tensor &buffer, const std::vector<at::Tensor> &tensors)
{
    at::NoGradGuard noGrad;
    int64_t offset = 0;
    for (const at::Tensor &t : tensors) {
        const int64_t n = t.numel();
        const_cast<at::Tensor &>(t).copy_(buffer.narrow(0, offset, n).view(t.sizes()));
        offset += n;
    }
}

#ifdef VINDEX_WITH_C10D

void DataParallelGroup::allReduceSum(const std::vector<at::Tensor> &tensors)
{
    if (tensors.empty())
        return;
    std::vector<at::Tensor> buffer{pack(tensors, m_device)};
    try {
        m_impl->group->allreduce(buffer)->wait();
    } catch (const std::exception &e) {
        throw Error("distributed training, " + m_launch.describe() + ": exchanging gradients failed: " + reason(e));
    }
    unpack(buffer.front(), tensors);
}

void DataParallelGroup::broadcast(const std::vector<at::Tensor> &tensors, int root)
{
    if (tensors.empty())
        return;
    std::vector<at::Tensor> buffer{pack(tensors, m_device)};
    c10d::BroadcastOptions options;
    options.rootRank = root;
    try {
        m_impl->group->broadcast(buffer, options)->wait();
    } catch (const std::exception &e) {
        throw Error("distributed training, " + m_launch.describe() + ": broadcast from rank " + std::to_string(root) +
                    " failed: " + reason(e));
    }
    unpack(buffer.front(), tensors);
}

void DataParallelGroup::barrier()
{
    try {
        m_impl->group->barrier()->wait();
    } catch (const std::exception &e) {
        throw Error("distributed training, " + m_launch.describe() +
                    ": waiting for the other ranks failed: " + reason(e));
    }
}

void DataParallelGroup::post(const std::string &key, const std::string &value)
{
    m_impl->store->set("vindex/" + key, std::vector<uint8_t>(value.begin(), value.end()));
}

std::string DataParallelGroup::await(const std::string &key, const std::atomic<bool> *cancel)
{
    const std::string name = "vindex/" + key;
    try {
        while (!m_impl->store->check({name})) {
            if (cancel && cancel->load())
                throw Cancelled();
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        const std::vector<uint8_t> value = m_impl->store->get(name);
        return std::string(value.begin(), value.end());
    } catch (const Cancelled &) {
        throw;
    } catch (const std::exception &e) {
        throw Error("distributed training, " + m_launch.describe() + ": rank 0 went away while this rank waited for '" +
                    key + "': " + reason(e));
    }
}
#else
void DataParallelGroup::allReduceSum(const std::vector<at::Tensor> &) {}
void DataParallelGroup::broadcast(const std::vector<at::Tensor> &, int) {}
void DataParallelGroup::barrier() {}
void DataParallelGroup::post(const std::string &, const std::string &) {}
std::string DataParallelGroup::await(const std::string &, const std::atomic<bool> *)
{
    return {};
}
#endif

} // namespace vindex::train
