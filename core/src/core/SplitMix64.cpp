#include "vindex/core/SplitMix64.h"

#include "vindex/core/Error.h"

namespace vindex {

uint64_t SplitMix64::next()
{
    uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

uint64_t SplitMix64::below(uint64_t bound)
{
    if (bound == 0)
        throw Error("SplitMix64::below: the bound must be positive");
    // 2^64 mod bound, computed in 64 bits: values below it would make the low residues more likely.
    const uint64_t threshold = (0 - bound) % bound;
    for (;;) {
        const uint64_t value = next();
        if (value >= threshold)
            return value % bound;
    }
}

} // namespace vindex
