#include "vindex/train/AutocastScope.h"

#include "vindex/core/Error.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

namespace vindex::train {
namespace {

// LibTorch 2.4 replaced the per-device functions by ones taking the device type.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
bool enabled(bool cuda)
{
    return at::autocast::is_autocast_enabled(cuda ? at::kCUDA : at::kCPU);
}
void setEnabled(bool cuda, bool on)
{
    at::autocast::set_autocast_enabled(cuda ? at::kCUDA : at::kCPU, on);
}
c10::ScalarType dtype(bool cuda)
{
    return at::autocast::get_autocast_dtype(cuda ? at::kCUDA : at::kCPU);
}
void setDtype(bool cuda, c10::ScalarType t)
{
    at::autocast::set_autocast_dtype(cuda ? at::kCUDA : at::kCPU, t);
}
#else
bool enabled(bool cuda)
{
    return cuda ? at::autocast::is_enabled() : at::autocast::is_cpu_enabled();
}
void setEnabled(bool cuda, bool on)
{
    if (cuda)
        at::autocast::set_enabled(on);
    else
        at::autocast::set_cpu_enabled(on);
}
c10::ScalarType dtype(bool cuda)
{
    return cuda ? at::autocast::get_autocast_gpu_dtype() : at::autocast::get_autocast_cpu_dtype();
}
void setDtype(bool cuda, c10::ScalarType t)
{
    if (cuda)
        at::autocast::set_autocast_gpu_dtype(t);
    else
        at::autocast::set_autocast_cpu_dtype(t);
}
#endif

} // namespace

AutocastScope::AutocastScope(const std::string &precision, c10::DeviceType device)
{
    if (precision == "f32")
        return;
    if (precision != "bf16" && precision != "f16")
        throw Error("mixed precision: unknown precision '" + precision + "' (f32, bf16 or f16)");
    m_cuda = device == c10::DeviceType::CUDA;
    if (!m_cuda && precision == "f16")
        throw Error("mixed precision: f16 needs a CUDA device; use bf16 on the CPU");
    m_wasEnabled = enabled(m_cuda);
    m_wasType = dtype(m_cuda);
    setDtype(m_cuda, precision == "bf16" ? c10::ScalarType::BFloat16 : c10::ScalarType::Half);
    setEnabled(m_cuda, true);
    at::autocast::increment_nesting();
    m_active = true;
}

AutocastScope::~AutocastScope()
{
    if (!m_active)
        return;
    // Leaving the outermost scope frees the casted weight copies, as torch.autocast's __exit__ does.
    if (at::autocast::decrement_nesting() == 0)
        at::autocast::clear_cache();
    setEnabled(m_cuda, m_wasEnabled);
    setDtype(m_cuda, m_wasType);
}

} // namespace vindex::train
