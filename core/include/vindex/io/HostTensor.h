#pragma once
// A tensor in host memory as a file stores it: dtype, shape, element strides and a pointer into a buffer that the
// tensor keeps alive (a memory-mapped file, a decompressed zip member, ...). No LibTorch here, so that the readers
// stay cheap to compile; models convert to torch tensors themselves.
#include "vindex/io/DType.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace vindex::io {

class HostTensor {
public:
    HostTensor() = default;
    // Contiguous (C order) tensor over data, which owner keeps alive.
    HostTensor(DType dtype, std::vector<int64_t> shape, const std::byte *data, std::shared_ptr<const void> owner);
    // Strided view: strides and offset in elements.
    HostTensor(DType dtype, std::vector<int64_t> shape, std::vector<int64_t> strides, int64_t offset,
               const std::byte *storage, std::shared_ptr<const void> owner);
    // A new tensor owning zero-initialised memory.
    static HostTensor allocate(DType dtype, std::vector<int64_t> shape);

    DType dtype() const { return m_dtype; }
    const std::vector<int64_t> &shape() const { return m_shape; }
    const std::vector<int64_t> &strides() const { return m_strides; }
    int64_t numel() const;
    std::size_t nbytes() const { return static_cast<std::size_t>(numel()) * dtypeSize(m_dtype); }
    bool isContiguous() const;
    // First element (the storage pointer already advanced by the offset).
    const std::byte *data() const { return m_data; }
    std::byte *mutableData() { return const_cast<std::byte *>(m_data); }

    // Element i in C order (honours strides) converted to double / float.
    double valueAt(int64_t index) const;
    std::vector<float> toFloatVector() const;
    std::vector<double> toDoubleVector() const;
    std::vector<int64_t> toInt64Vector() const;
    // A contiguous copy (or this tensor when it is contiguous already).
    HostTensor contiguous() const;
    // Rows [part·n, (part + 1)·n) of a [parts·n, …] tensor (e.g. q, k or v of a fused qkv weight), as a view that
    // keeps this tensor's data alive.
    HostTensor rowBlock(int part, int parts) const;

    std::string shapeString() const; // "[3, 200]"

    static std::vector<int64_t> contiguousStrides(const std::vector<int64_t> &shape);

private:
    DType m_dtype = DType::F32;
    std::vector<int64_t> m_shape;
    std::vector<int64_t> m_strides;
    const std::byte *m_data = nullptr;
    std::shared_ptr<const void> m_owner;
};

float halfToFloat(uint16_t bits);
float bfloat16ToFloat(uint16_t bits);
uint16_t floatToHalf(float value);
uint16_t floatToBfloat16(float value);

} // namespace vindex::io
