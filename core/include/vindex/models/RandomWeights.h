#pragma once
// Weights of a real model's size without its file, for speed measurements (`vindex bench decode --random llama-7b`):
// every tensor a LlamaModel reads, with N(0, 0.02²) values (norm weights 1). A matrix is a Hankel view over one
// shared random buffer — element (i, j) is buffer[i + j] — so the host holds rows + columns numbers per matrix, not
// rows × columns; WeightLoader makes full, contiguous copies on the device it loads to. Speed does not depend on
// the values.
#include "vindex/io/HostTensor.h"
#include "vindex/models/LlamaConfig.h"

#include <map>
#include <string>
#include <vector>

namespace vindex::models {

class RandomWeights {
public:
    // "llama-7b" (LLaVA-1.5-7B / Vicuna-7B: 32 layers, 4096 wide, MLP 11008, vocabulary 32000) or "llama-13b" (40
    // layers, 5120, 13824). Throws Error listing the names for anything else.
    static LlamaConfig llamaConfig(const std::string &name);
    static std::vector<std::string> llamaNames();
    // The tensors under LlamaModel's default layout ("model.", "lm_head.weight"), float32.
    static std::map<std::string, io::HostTensor> llama(const LlamaConfig &config, unsigned seed = 1234);
};

} // namespace vindex::models
