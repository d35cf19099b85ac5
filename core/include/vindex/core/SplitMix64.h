#pragma once
// SplitMix64 (Steele, Lea, Flood 2014; the generator behind Java's SplittableRandom): a tiny PRNG whose every
// output is defined by 64-bit integer arithmetic, so a seed gives the same numbers on every platform and standard
// library (std::uniform_int_distribution does not). next() is the published sequence: seed 0 gives
// 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F, ...
#include <cstdint>

namespace vindex {

class SplitMix64 {
public:
    explicit SplitMix64(uint64_t seed) : m_state(seed) {}
    uint64_t next();
    // Uniform in [0, bound): outputs in the top (2^64 mod bound) values are rejected, then reduced modulo bound.
    // Error for bound 0.
    uint64_t below(uint64_t bound);
    // Uniform in [0, 1): the top 53 bits of next().
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

private:
    uint64_t m_state;
};

} // namespace vindex
