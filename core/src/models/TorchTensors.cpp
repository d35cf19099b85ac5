#include "vindex/models/TorchTensors.h"

#include "vindex/core/Error.h"

#include <ATen/ATen.h>

#include <cstring>

namespace vindex::models {
namespace {

c10::ScalarType scalarType(io::DType dtype)
{
    switch (dtype) {
    case io::DType::Bool: return c10::kBool;
    case io::DType::U8: return c10::kByte;
    case io::DType::I8: return c10::kChar;
    case io::DType::I16: return c10::kShort;
    case io::DType::I32: return c10::kInt;
    case io::DType::I64: return c10::kLong;
    case io::DType::F16: return c10::kHalf;
    case io::DType::BF16: return c10::kBFloat16;
    case io::DType::F32: return c10::kFloat;
    case io::DType::F64: return c10::kDouble;
    default: break;
    }
    throw Error("tensors of dtype " + std::string(io::dtypeName(dtype)) + " cannot be used for computation");
}

io::DType hostType(c10::ScalarType type)
{
    switch (type) {
    case c10::kBool: return io::DType::Bool;
    case c10::kByte: return io::DType::U8;
    case c10::kChar: return io::DType::I8;
    case c10::kShort: return io::DType::I16;
    case c10::kInt: return io::DType::I32;
    case c10::kLong: return io::DType::I64;
    case c10::kHalf: return io::DType::F16;
    case c10::kBFloat16: return io::DType::BF16;
    case c10::kFloat: return io::DType::F32;
    case c10::kDouble: return io::DType::F64;
    default: break;
    }
    throw Error(std::string("tensors of type ") + c10::toString(type) + " cannot be stored");
}

} // namespace

at::Tensor toTorch(const io::HostTensor &tensor)
{
    // Keep the HostTensor (and with it the mapped file) alive as long as ATen uses the memory.
    auto *keeper = new io::HostTensor(tensor);
    auto options = at::TensorOptions().dtype(scalarType(tensor.dtype())).device(c10::kCPU);
    return at::from_blob(
        const_cast<std::byte *>(tensor.data()), tensor.shape(), tensor.strides(), [keeper](void *) { delete keeper; },
        options);
}

io::HostTensor fromTorch(const at::Tensor &tensor)
{
    const at::Tensor cpu = tensor.detach().to(c10::kCPU).contiguous();
    std::vector<int64_t> shape(cpu.sizes().begin(), cpu.sizes().end());
    io::HostTensor out = io::HostTensor::allocate(hostType(cpu.scalar_type()), shape);
    if (out.nbytes() > 0)
        std::memcpy(out.mutableData(), cpu.data_ptr(), out.nbytes());
    return out;
}

} // namespace vindex::models
