#pragma once
// The CLIP model behind CLIP-S (eval/ClipEmbedder.h): a Hugging Face CLIP folder (config.json with text_config and
// vision_config, model.safetensors or pytorch_model.bin, vocab.json, merges.txt, preprocessor_config.json optional).
// No LibTorch header here: front ends hand this loader to the caption evaluation.
#include "vindex/eval/ClipEmbedder.h"

#include <memory>
#include <string>

namespace vindex::models {

std::shared_ptr<const eval::ClipEmbedder> loadClipEmbedder(const std::string &folder, const std::string &device = "cpu",
                                                           const std::string &dtype = "f32");

} // namespace vindex::models
