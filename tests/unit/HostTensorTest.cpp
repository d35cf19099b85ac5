#include "vindex/io/HostTensor.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

using namespace vindex::io;

TEST(HostTensor, HalfConversionMatchesIeeeBinary16)
{
    // Bit patterns from the IEEE 754 binary16 definition.
    EXPECT_EQ(halfToFloat(0x3c00), 1.0f);
    EXPECT_EQ(halfToFloat(0xc000), -2.0f);
    EXPECT_EQ(halfToFloat(0x7bff), 65504.0f);
    EXPECT_EQ(halfToFloat(0x0001), std::ldexp(1.0f, -24)); // smallest subnormal
    EXPECT_EQ(halfToFloat(0x0400), std::ldexp(1.0f, -14)); // smallest normal
    EXPECT_TRUE(std::isinf(halfToFloat(0x7c00)));
    EXPECT_TRUE(std::isnan(halfToFloat(0x7e00)));
    EXPECT_EQ(floatToHalf(1.0f), 0x3c00);
    EXPECT_EQ(floatToHalf(65504.0f), 0x7bff);
    EXPECT_EQ(floatToHalf(70000.0f), 0x7c00);
    EXPECT_EQ(floatToHalf(std::ldexp(1.0f, -24)), 0x0001);
    EXPECT_EQ(floatToHalf(1.0f + std::ldexp(1.0f, -11)), 0x3c00); // tie rounds to even
    for (uint32_t bits = 0; bits < 0x7c00; ++bits)
        ASSERT_EQ(floatToHalf(halfToFloat(static_cast<uint16_t>(bits))), bits) << bits;
}

TEST(HostTensor, Bfloat16IsTheTopHalfOfFloat32)
{
    EXPECT_EQ(bfloat16ToFloat(0x3f80), 1.0f);
    EXPECT_EQ(bfloat16ToFloat(0xc040), -3.0f);
    EXPECT_EQ(floatToBfloat16(1.0f), 0x3f80);
    EXPECT_EQ(floatToBfloat16(1.0f + std::ldexp(1.0f, -8)), 0x3f80); // tie to even
    EXPECT_EQ(floatToBfloat16(1.0f + 3 * std::ldexp(1.0f, -8)), 0x3f82);
}

TEST(HostTensor, StridedViewReadsInLogicalOrder)
{
    // A 2x3 matrix stored transposed (column-major): logical [[0,1,2],[3,4,5]].
    const float storage[] = {0, 3, 1, 4, 2, 5};
    HostTensor t(DType::F32, {2, 3}, {1, 2}, 0, reinterpret_cast<const std::byte *>(storage), nullptr);
    EXPECT_FALSE(t.isContiguous());
    EXPECT_EQ(t.toFloatVector(), (std::vector<float>{0, 1, 2, 3, 4, 5}));
    EXPECT_TRUE(t.contiguous().isContiguous());
    EXPECT_EQ(t.contiguous().toFloatVector(), (std::vector<float>{0, 1, 2, 3, 4, 5}));
    EXPECT_EQ(t.shapeString(), "[2, 3]");
}
