#pragma once
// Runs a reference fixture folder (the layout of shared/fixtures/*: a model, config.json and expected.safetensors)
// through our implementation and reports the max error of every reference output.
#include <string>
#include <vector>

namespace vindex::models {

struct VerifyResult {
    std::string output;     // name in expected.safetensors / expected.json ("logits", "generated", ...)
    double maxError = 0.0;  // max abs error; for ids and text: the number of mismatching positions
    double tolerance = 0.0; // what passes (0 for ids and text)
    bool passed = false;
    std::string note; // "ids", "text", "fp32 vs reference", ...
};

class FixtureVerifier {
public:
    // Identifies the folder (ModelRegistry, or brain-tiny by its checkpoints) and checks every output it knows.
    // Throws ModelError when the folder is not a fixture of a supported model.
    // device: cpu | cuda[:N]; dtype: f32 | f16 | bf16 (strings, so that front ends need no LibTorch headers).
    static std::vector<VerifyResult> verify(const std::string &folder, const std::string &device,
                                            const std::string &dtype);
};

} // namespace vindex::models
