#pragma once
// Teaching a multimodal model to caption (the demo world's captioners): the loss of LLaVA's instruction tuning on
// one image–caption pair, computed through the production model code (load it with Compute::trainable to train).
#include <ATen/core/Tensor.h>

#include <string>

namespace vindex::models {
class MultimodalModel;
}

namespace vindex::train {

// Mean next-token cross-entropy of the caption's tokens and </s>, teacher-forced after the model's prompt for
// `userMessage` with the image's visual tokens in place (pixelValues [1, 3, H, W] as model.pixelValues makes them).
at::Tensor captionLoss(const models::MultimodalModel &model, const at::Tensor &pixelValues,
                       const std::string &userMessage, const std::string &caption);

} // namespace vindex::train
