#include "vindex/io/HostTensor.h"

#include "vindex/core/Error.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <numeric>
#include <sstream>

namespace vindex::io {

float halfToFloat(uint16_t h)
{
    const uint32_t sign = (h & 0x8000u) << 16;
    uint32_t exponent = (h >> 10) & 0x1f;
    uint32_t mantissa = h & 0x3ffu;
    uint32_t bits;
    if (exponent == 0) {
        if (mantissa == 0) {
            bits = sign;
        } else { // subnormal: normalise
            exponent = 127 - 15 + 1;
            while (!(mantissa & 0x400u)) {
                mantissa <<= 1;
                --exponent;
            }
            mantissa &= 0x3ffu;
            bits = sign | (exponent << 23) | (mantissa << 13);
        }
    } else if (exponent == 0x1f) {
        bits = sign | 0x7f800000u | (mantissa << 13);
    } else {
        bits = sign | ((exponent + 127 - 15) << 23) | (mantissa << 13);
    }
    return std::bit_cast<float>(bits);
}

float bfloat16ToFloat(uint16_t bits)
{
    return std::bit_cast<float>(static_cast<uint32_t>(bits) << 16);
}

uint16_t floatToBfloat16(float value)
{
    uint32_t bits = std::bit_cast<uint32_t>(value);
    if (std::isnan(value))
        return static_cast<uint16_t>((bits >> 16) | 0x40u);
    bits += 0x7fffu + ((bits >> 16) & 1u); // round to nearest even
    return static_cast<uint16_t>(bits >> 16);
}

uint16_t floatToHalf(float value)
{
    const uint32_t bits = std::bit_cast<uint32_t>(value);
    const uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000u);
    const uint32_t absBits = bits & 0x7fffffffu;
    if (absBits >= 0x7f800000u) // inf or nan
        return sign | 0x7c00u | (absBits > 0x7f800000u ? 0x200u : 0u);
    if (absBits >= 0x477ff000u) // rounds to >= 65520: overflow to inf
        return sign | 0x7c00u;
    if (absBits < 0x38800000u) { // subnormal or zero in half
        const float magnitude = std::bit_cast<float>(absBits);
        // 2^-24 is the half subnormal step; nearbyint rounds half to even.
        return sign | static_cast<uint16_t>(std::nearbyint(magnitude * 16777216.0f));
    }
    uint32_t rounded = absBits + 0xfffu + ((absBits >> 13) & 1u);
    return sign | static_cast<uint16_t>((rounded - (112u << 23)) >> 13);
}

HostTensor::HostTensor(DType dtype, std::vector<int64_t> shape, const std::byte *data,
                       std::shared_ptr<const void> owner)
    : m_dtype(dtype), m_shape(std::move(shape)), m_strides(contiguousStrides(m_shape)), m_data(data),
      m_owner(std::move(owner))
{
}

HostTensor::HostTensor(DType dtype, std::vector<int64_t> shape, std::vector<int64_t> strides, int64_t offset,
                       const std::byte *storage, std::shared_ptr<const void> owner)
    : m_dtype(dtype), m_shape(std::move(shape)), m_strides(std::move(strides)),
      m_data(storage + offset * static_cast<int64_t>(dtypeSize(dtype))), m_owner(std::move(owner))
{
    if (m_strides.size() != m_shape.size())
        throw Error("HostTensor: " + std::to_string(m_strides.size()) + " strides for " +
                    std::to_string(m_shape.size()) + " dimensions");
}

HostTensor HostTensor::allocate(DType dtype, std::vector<int64_t> shape)
{
    int64_t n = 1;
    for (auto d : shape)
        n *= d;
    auto buffer = std::shared_ptr<std::byte[]>(new std::byte[std::max<int64_t>(1, n) * dtypeSize(dtype)]());
    const std::byte *data = buffer.get();
    return HostTensor(dtype, std::move(shape), data, std::shared_ptr<const void>(buffer, buffer.get()));
}

std::vector<int64_t> HostTensor::contiguousStrides(const std::vector<int64_t> &shape)
{
    std::vector<int64_t> strides(shape.size(), 1);
    for (int i = static_cast<int>(shape.size()) - 2; i >= 0; --i)
        strides[i] = strides[i + 1] * shape[i + 1];
    return strides;
}

int64_t HostTensor::numel() const
{
    return std::accumulate(m_shape.begin(), m_shape.end(), int64_t{1}, std::multiplies<>());
}

bool HostTensor::isContiguous() const
{
    int64_t expected = 1;
    for (int i = static_cast<int>(m_shape.size()) - 1; i >= 0; --i) {
        if (m_shape[i] != 1 && m_strides[i] != expected)
            return false;
        expected *= m_shape[i];
    }
    return true;
}

double HostTensor::valueAt(int64_t index) const
{
    int64_t offset = 0;
    for (int d = static_cast<int>(m_shape.size()) - 1; d >= 0; --d) {
        const int64_t i = index % m_shape[d];
        index /= m_shape[d];
        offset += i * m_strides[d];
    }
    const std::byte *p = m_data + offset * static_cast<int64_t>(dtypeSize(m_dtype));
    auto load = [p]<typename T>(T) {
        T v;
        std::memcpy(&v, p, sizeof(T));
        return v;
    };
    switch (m_dtype) {
    case DType::Bool: return load(uint8_t{}) != 0 ? 1.0 : 0.0;
    case DType::U8: return load(uint8_t{});
    case DType::I8: return load(int8_t{});
    case DType::I16: return load(int16_t{});
    case DType::U16: return load(uint16_t{});
    case DType::I32: return load(int32_t{});
    case DType::U32: return load(uint32_t{});
    case DType::I64: return static_cast<double>(load(int64_t{}));
    case DType::U64: return static_cast<double>(load(uint64_t{}));
    case DType::F16: return halfToFloat(load(uint16_t{}));
    case DType::BF16: return bfloat16ToFloat(load(uint16_t{}));
    case DType::F32: return load(float{});
    case DType::F64: return load(double{});
    case DType::F8E4M3:
    case DType::F8E5M2: break;
    }
    throw Error("HostTensor: conversion of " + std::string(dtypeName(m_dtype)) + " to a number is not supported");
}

std::vector<double> HostTensor::toDoubleVector() const
{
    const int64_t n = numel();
    std::vector<double> out(static_cast<std::size_t>(n));
    for (int64_t i = 0; i < n; ++i)
        out[i] = valueAt(i);
    return out;
}

std::vector<float> HostTensor::toFloatVector() const
{
    const int64_t n = numel();
    std::vector<float> out(static_cast<std::size_t>(n));
    if (m_dtype == DType::F32 && isContiguous()) {
        std::memcpy(out.data(), m_data, out.size() * sizeof(float));
        return out;
    }
    for (int64_t i = 0; i < n; ++i)
        out[i] = static_cast<float>(valueAt(i));
    return out;
}

std::vector<int64_t> HostTensor::toInt64Vector() const
{
    const int64_t n = numel();
    std::vector<int64_t> out(static_cast<std::size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
        if (m_dtype == DType::I64 && isContiguous()) {
            std::memcpy(&out[i], m_data + i * 8, 8);
        } else {
            out[i] = static_cast<int64_t>(valueAt(i));
        }
    }
    return out;
}

HostTensor HostTensor::rowBlock(int part, int parts) const
{
    const HostTensor whole = contiguous();
    std::vector<int64_t> shape = whole.shape();
    shape[0] /= parts;
    int64_t rowElements = 1;
    for (std::size_t i = 1; i < shape.size(); ++i)
        rowElements *= shape[i];
    const auto owner = std::make_shared<HostTensor>(whole);
    return HostTensor(whole.dtype(), shape, contiguousStrides(shape), part * shape[0] * rowElements, owner->data(),
                      owner);
}

HostTensor HostTensor::contiguous() const
{
    if (isContiguous())
        return *this;
    HostTensor copy = allocate(m_dtype, m_shape);
    const std::size_t elementSize = dtypeSize(m_dtype);
    const int64_t n = numel();
    std::vector<int64_t> index(m_shape.size(), 0);
    for (int64_t i = 0; i < n; ++i) {
        int64_t offset = 0;
        for (std::size_t d = 0; d < index.size(); ++d)
            offset += index[d] * m_strides[d];
        std::memcpy(copy.mutableData() + i * elementSize, m_data + offset * static_cast<int64_t>(elementSize),
                    elementSize);
        for (int d = static_cast<int>(index.size()) - 1; d >= 0; --d) {
            if (++index[d] < m_shape[d])
                break;
            index[d] = 0;
        }
    }
    return copy;
}

std::string HostTensor::shapeString() const
{
    std::ostringstream s;
    s << '[';
    for (std::size_t i = 0; i < m_shape.size(); ++i)
        s << (i ? ", " : "") << m_shape[i];
    s << ']';
    return s.str();
}

} // namespace vindex::io
