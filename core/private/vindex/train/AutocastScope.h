#pragma once
// Mixed precision for one forward pass: while alive, ATen's autocast runs matmuls and linear layers in bf16 / f16
// on the given device (weights stay fp32), as torch.autocast does. "f32" does nothing. Autocast state is
// per-thread; the previous state comes back on destruction.
#include <c10/core/Device.h>
#include <c10/core/ScalarType.h>

#include <string>

namespace vindex::train {

class AutocastScope {
public:
    // Throws Error for f16 on the CPU (LibTorch's CPU autocast is bf16 only) and for an unknown precision.
    AutocastScope(const std::string &precision, c10::DeviceType device);
    ~AutocastScope();
    AutocastScope(const AutocastScope &) = delete;
    AutocastScope &operator=(const AutocastScope &) = delete;

private:
    bool m_active = false;
    bool m_cuda = false;
    bool m_wasEnabled = false;
    c10::ScalarType m_wasType = c10::ScalarType::Undefined;
};

} // namespace vindex::train
