#pragma once
// The multimodal projector that maps vision features into the LLM's embedding space: LLaVA's mlp2x_gelu
// (Linear → exact GELU → Linear) or a single Linear (Shikra, LLaVA 'linear').
#include <ATen/core/Tensor.h>

#include <string>

namespace vindex::models {

class WeightLoader;

class Projector {
public:
    enum class Type { Linear, Mlp2xGelu };

    // weights scoped at the projector ("model.mm_projector." or "multi_modal_projector."); the layer names differ:
    // original layout ".0"/".2" (or none for Linear), llava-hf "linear_1"/"linear_2". Shapes are checked against
    // inputWidth → outputWidth.
    static Projector load(const WeightLoader &weights, Type type, int64_t inputWidth, int64_t outputWidth);
    // "mlp2x_gelu" / "linear"; throws ModelError for other projector types (naming the field value).
    static Type typeFromName(const std::string &name);

    // [..., inputWidth] → [..., outputWidth]
    at::Tensor forward(const at::Tensor &features) const;

private:
    Type m_type = Type::Linear;
    at::Tensor m_weight1, m_bias1, m_weight2, m_bias2;
};

} // namespace vindex::models
