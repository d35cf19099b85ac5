#pragma once
// A run of bytes plus the owner that keeps them alive (a file mapping, or a buffer): what archive readers hand out.
#include <cstddef>
#include <memory>
#include <span>
#include <string_view>

namespace vindex::io {

struct OwnedBytes {
    const std::byte *data = nullptr;
    std::size_t size = 0;
    std::shared_ptr<const void> owner;

    std::span<const std::byte> bytes() const { return {data, size}; }
    std::string_view view() const { return {reinterpret_cast<const char *>(data), size}; }
};

} // namespace vindex::io
