#include "vindex/models/Compute.h"

#include "vindex/core/Error.h"

namespace vindex::models {

Compute Compute::parse(const std::string &device, const std::string &dtype)
{
    Compute c;
    if (device == "cpu") {
        c.device = c10::Device(c10::kCPU);
    } else if (device == "cuda" || device.rfind("cuda:", 0) == 0) {
        try {
            c.device = c10::Device(device);
        } catch (const std::exception &) {
            throw Error("device '" + device + "': expected cpu, cuda or cuda:N");
        }
    } else {
        throw Error("device '" + device + "': expected cpu, cuda or cuda:N");
    }
    if (dtype == "f32")
        c.dtype = c10::kFloat;
    else if (dtype == "f16")
        c.dtype = c10::kHalf;
    else if (dtype == "bf16")
        c.dtype = c10::kBFloat16;
    else
        throw Error("dtype '" + dtype + "': expected f32, f16 or bf16");
    return c;
}

std::string Compute::describe() const
{
    const char *name = dtype == c10::kHalf ? "f16" : dtype == c10::kBFloat16 ? "bf16" : "f32";
    return device.str() + " " + name;
}

} // namespace vindex::models
