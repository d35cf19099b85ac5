#pragma once
// The CLIP model behind CLIP-S (eval/ClipEmbedder.h): a Hugging Face CLIP folder (config.json with text_config and
// vision_config, model.safetensors or pytorch_model.bin, vocab.json, merges.txt, preprocessor_config.json optional).
// No LibTorch header here: front ends hand these loaders to the caption evaluation.
#include "vindex/eval/ClipEmbedder.h"

#include <memory>
#include <string>

namespace vindex::models {

std::shared_ptr<const eval::ClipEmbedder> loadClipEmbedder(const std::string &folder, const std::string &device = "cpu",
                                                           const std::string &dtype = "f32");

// PAC-S's model: a CLIP ViT in OpenAI's checkpoint layout (pacscore's clip_ViT-B-32.pth, torch.save({'state_dict':
// CLIP.state_dict()}), or a bare OpenAI-layout state dict) with OpenAI's tokenizer vocabulary
// bpe_simple_vocab_16e6.txt.gz (vocabFile empty: looked for in the checkpoint's folder) and OpenAI's image transform.
std::shared_ptr<const eval::ClipEmbedder> loadOpenAiClipEmbedder(const std::string &checkpointFile,
                                                                 const std::string &vocabFile = {},
                                                                 const std::string &device = "cpu",
                                                                 const std::string &dtype = "f32");
// Where loadOpenAiClipEmbedder looks for the vocabulary when none is given (whether or not it is there).
std::string defaultOpenAiClipVocab(const std::string &checkpointFile);

} // namespace vindex::models
