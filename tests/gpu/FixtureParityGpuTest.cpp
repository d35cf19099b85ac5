// Every reference fixture on CUDA: float32 to the fixtures' tolerance (1e-4, identical greedy ids) and float16 /
// bfloat16 within the half-precision bounds FixtureVerifier states (64 unit roundoffs relative to each output's
// magnitude; greedy ids there are reported only).
#include "TestSupport.h"

#include "vindex/models/FixtureVerifier.h"

#include <gtest/gtest.h>

#include <string>
#include <tuple>

namespace {

class FixtureOnCuda : public ::testing::TestWithParam<std::tuple<std::string, std::string>> {};

TEST_P(FixtureOnCuda, MatchesTheReference)
{
    const auto &[folder, dtype] = GetParam();
    const auto results = vindex::models::FixtureVerifier::verify(testsupport::fixture(folder), "cuda", dtype);
    ASSERT_FALSE(results.empty());
    for (const auto &r : results)
        EXPECT_TRUE(r.passed) << folder << " " << dtype << ": " << r.output << " error " << r.maxError
                              << " > tolerance " << r.tolerance << " (" << r.note << ")";
}

INSTANTIATE_TEST_SUITE_P(Fixtures, FixtureOnCuda,
                         ::testing::Combine(::testing::Values("clip-vit-tiny", "clip-full-tiny", "dinov2-tiny",
                                                              "siglip-tiny", "llava-tiny", "llava-hf-tiny",
                                                              "shikra-tiny", "brain-tiny"),
                                            ::testing::Values("f32", "f16", "bf16")),
                         [](const auto &info) {
                             std::string name = std::get<0>(info.param) + "_" + std::get<1>(info.param);
                             for (char &c : name)
                                 if (c == '-')
                                     c = '_';
                             return name;
                         });

} // namespace
