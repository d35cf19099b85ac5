#pragma once
// Where and in which precision a model computes: parsed from the CLI's --device / --dtype spellings.
#include <c10/core/Device.h>
#include <c10/core/ScalarType.h>

#include <memory>
#include <string>

namespace vindex::models {

class TrainableWeights;

struct Compute {
    c10::Device device{c10::kCPU};
    c10::ScalarType dtype = c10::kFloat;
    // Set when a model is loaded to be trained: its loaders hand out trainable copies recorded here.
    std::shared_ptr<TrainableWeights> trainable;

    // device: "cpu", "cuda", "cuda:N"; dtype: "f32", "f16", "bf16". Throws Error with the accepted spellings.
    static Compute parse(const std::string &device, const std::string &dtype);
    std::string describe() const; // "cpu f32"
};

} // namespace vindex::models
