#include "vindex/train/DistributedLaunch.h"

#include "vindex/core/Error.h"

#include <cstdlib>
#include <optional>

namespace vindex::train {
namespace {

std::optional<std::string> variable(const char *name)
{
    const char *value = std::getenv(name);
    if (!value || !*value)
        return std::nullopt;
    return std::string(value);
}

int integer(const char *name, const std::string &text, long low, long high)
{
    std::size_t used = 0;
    long value = 0;
    try {
        value = std::stol(text, &used);
    } catch (const std::exception &) {
        used = 0;
    }
    if (used != text.size() || used == 0 || value < low || value > high)
        throw Error(std::string("distributed launch: ") + name + "='" + text + "': expected an integer from " +
                    std::to_string(low) + " to " + std::to_string(high));
    return static_cast<int>(value);
}

} // namespace

std::string DistributedLaunch::describe() const
{
    return "rank " + std::to_string(rank) + " of " + std::to_string(worldSize) + " (" + masterAddr + ":" +
           std::to_string(masterPort) + ")";
}

DistributedLaunch DistributedLaunch::fromEnvironment()
{
    DistributedLaunch launch;
    const auto worldSize = variable("WORLD_SIZE"), rank = variable("RANK");
    if (!worldSize) {
        if (rank && *rank != "0")
            throw Error("distributed launch: RANK=" + *rank + " is set but WORLD_SIZE is not");
        return launch;
    }
    launch.worldSize = integer("WORLD_SIZE", *worldSize, 1, 1 << 20);
    if (!launch.distributed())
        return launch;
    if (!rank)
        throw Error("distributed launch: WORLD_SIZE=" + *worldSize +
                    " but RANK is not set (each process needs its rank, 0 to " + std::to_string(launch.worldSize - 1) +
                    ")");
    launch.rank = integer("RANK", *rank, 0, launch.worldSize - 1);
    if (const auto local = variable("LOCAL_RANK"))
        launch.localRank = integer("LOCAL_RANK", *local, 0, launch.worldSize - 1);
    const auto addr = variable("MASTER_ADDR"), port = variable("MASTER_PORT");
    if (!addr)
        throw Error("distributed launch: WORLD_SIZE=" + *worldSize +
                    " but MASTER_ADDR is not set (the host name or address of rank 0's machine)");
    if (!port)
        throw Error("distributed launch: WORLD_SIZE=" + *worldSize +
                    " but MASTER_PORT is not set (a free TCP port on rank 0's machine)");
    launch.masterAddr = *addr;
    launch.masterPort = integer("MASTER_PORT", *port, 1, 65535);
    return launch;
}

} // namespace vindex::train
