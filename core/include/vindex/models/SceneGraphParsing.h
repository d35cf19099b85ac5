#pragma once
// The scene-graph parser behind CAPTURE (eval/SceneGraphParser.h): the FACTUAL parser
// (lizhuang144/flan-t5-base-VG-factual-sg or any T5 seq2seq folder: config.json with model_type "t5",
// model.safetensors or pytorch_model.bin, spiece.model), beam search 5, max output 128, as the FactualSceneGraph
// package 0.7.3 runs it. No LibTorch header here: front ends hand this loader to the caption evaluation.
#include "vindex/eval/SceneGraphParser.h"

#include <memory>
#include <string>

namespace vindex::models {

// ModelError naming the file when the folder is not a T5 seq2seq folder.
std::shared_ptr<const eval::SceneGraphParser> loadSceneGraphParser(const std::string &folder,
                                                                   const std::string &device = "cpu");

} // namespace vindex::models
