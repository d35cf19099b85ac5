#pragma once
// SHA-256 (FIPS 180-4) for run manifests: which exact weight files produced a result.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace vindex::io {

class Sha256 {
public:
    Sha256();
    void update(const void *data, std::size_t size);
    // Finishes the hash; the object must not be updated afterwards.
    std::string hexDigest();

    static std::string of(const std::string &bytes);
    // Reads the file in blocks; FormatError naming it when it cannot be read.
    static std::string ofFile(const std::string &path);

private:
    void compress(const uint8_t *block);

    std::array<uint32_t, 8> m_state;
    std::array<uint8_t, 64> m_buffer{};
    std::size_t m_buffered = 0;
    uint64_t m_length = 0;
};

} // namespace vindex::io
