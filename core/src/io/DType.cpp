#include "vindex/io/DType.h"

#include <array>
#include <utility>

namespace vindex::io {
namespace {

struct DTypeInfo {
    DType dtype;
    std::string_view name;
    std::size_t size;
};

constexpr std::array<DTypeInfo, 15> kInfos{{
    {DType::Bool, "BOOL", 1},
    {DType::U8, "U8", 1},
    {DType::I8, "I8", 1},
    {DType::I16, "I16", 2},
    {DType::U16, "U16", 2},
    {DType::I32, "I32", 4},
    {DType::U32, "U32", 4},
    {DType::I64, "I64", 8},
    {DType::U64, "U64", 8},
    {DType::F16, "F16", 2},
    {DType::BF16, "BF16", 2},
    {DType::F32, "F32", 4},
    {DType::F64, "F64", 8},
    {DType::F8E4M3, "F8_E4M3", 1},
    {DType::F8E5M2, "F8_E5M2", 1},
}};

const DTypeInfo &info(DType dtype)
{
    return kInfos[static_cast<std::size_t>(dtype)];
}

} // namespace

std::size_t dtypeSize(DType dtype)
{
    return info(dtype).size;
}
std::string_view dtypeName(DType dtype)
{
    return info(dtype).name;
}

std::optional<DType> dtypeFromName(std::string_view name)
{
    for (const auto &i : kInfos)
        if (i.name == name)
            return i.dtype;
    return std::nullopt;
}

bool isFloatingPoint(DType dtype)
{
    switch (dtype) {
    case DType::F16:
    case DType::BF16:
    case DType::F32:
    case DType::F64:
    case DType::F8E4M3:
    case DType::F8E5M2: return true;
    default: return false;
    }
}

} // namespace vindex::io
