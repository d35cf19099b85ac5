#pragma once
// Element types of tensors on disk, with the names the file formats use.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vindex::io {

enum class DType { Bool, U8, I8, I16, U16, I32, U32, I64, U64, F16, BF16, F32, F64, F8E4M3, F8E5M2 };

std::size_t dtypeSize(DType dtype);
// safetensors spelling: "F32", "BF16", "BOOL", ...
std::string_view dtypeName(DType dtype);
std::optional<DType> dtypeFromName(std::string_view safetensorsName);
bool isFloatingPoint(DType dtype);

} // namespace vindex::io
