// SHA-256 against the FIPS 180-4 / NIST example vectors.
#include "vindex/io/Sha256.h"
#include "TestSupport.h"
#include "vindex/core/Error.h"

#include <gtest/gtest.h>

using vindex::io::Sha256;

TEST(Sha256, NistVectors)
{
    EXPECT_EQ(Sha256::of(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(Sha256::of("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(Sha256::of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    // One million 'a' fed in uneven pieces through a file.
    testsupport::TempDir dir;
    testsupport::writeBytes(dir.file("a"), std::string(1000000, 'a'));
    EXPECT_EQ(Sha256::ofFile(dir.file("a")), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    EXPECT_THROW(Sha256::ofFile(dir.file("missing")), vindex::FormatError);
}
