#pragma once
// One post-LayerNorm transformer encoder layer as BERT and MPNet have it (private to core/src/models):
//   a = LayerNorm(x + out(attention(x)));  y = LayerNorm(a + fc2(act(fc1(a)))),
// the attention eager as transformers computes it: softmax(q·kᵀ / √d + bias) · v, bias the additive padding mask
// (and MPNet's relative position bias).
#include "models/VisionOps.h"

#include <ATen/core/Tensor.h>

#include <string>

namespace vindex::models {

class WeightLoader;

struct PostNormEncoderLayer {
    at::Tensor qkvWeight, qkvBias, outWeight, outBias, attentionNormWeight, attentionNormBias;
    at::Tensor fc1Weight, fc1Bias, fc2Weight, fc2Bias, outputNormWeight, outputNormBias;

    // x [B, L, C]; bias broadcastable to [B, heads, L, L].
    at::Tensor forward(const at::Tensor &x, const at::Tensor &bias, int64_t heads, double eps,
                       visionops::Activation activation) const;

    // The tensors by their checkpoint names under `layer` (a WeightLoader scoped at the layer): q, k, v, out,
    // attentionNorm, fc1, fc2, outputNorm name the linear / LayerNorm modules (".weight" / ".bias" appended);
    // shapes checked against width and intermediate.
    struct Names {
        std::string q, k, v, out, attentionNorm, fc1, fc2, outputNorm;
    };
    static PostNormEncoderLayer load(const WeightLoader &layer, const Names &names, int64_t width,
                                     int64_t intermediate);
};

// The additive attention bias of a padding mask [B, L] (1 keep, 0 pad): [B, 1, 1, L], 0 or the dtype's lowest
// value (transformers' bidirectional mask), on the mask's device.
at::Tensor paddingBias(const at::Tensor &attentionMask, c10::ScalarType dtype);
// Checks ids and mask for an encoder: integer [B, L] of equal shapes, 1 <= L <= maxLength, ids in [0, vocabSize);
// ModelError naming source otherwise.
void checkEncoderInput(const at::Tensor &ids, const at::Tensor &attentionMask, int64_t maxLength, int64_t vocabSize,
                       const std::string &source);

} // namespace vindex::models
