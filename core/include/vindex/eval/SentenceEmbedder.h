#pragma once
// What SentenceS and CAPTURE's soft matching need of a sentence encoder: one embedding per text, as
// sentence-transformers' encode() gives it (the model's pooling, then its Normalize module when it has one). The
// evaluation layer knows no model; models::loadSentenceEmbedder (models/SentenceEmbedding.h) gives one backed by a
// sentence-transformers folder (BERT/MiniLM or MPNet), tests may give any other.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace vindex::eval {

class SentenceEmbedder {
public:
    using Embeddings = std::vector<std::vector<float>>; // one row per text

    virtual ~SentenceEmbedder() = default;
    // The embeddings of the texts as given, in order (the implementation batches as it likes).
    virtual Embeddings embed(const std::vector<std::string> &texts) const = 0;
    virtual int64_t embeddingSize() const = 0;
    // The folder (or a name) it was loaded from, for manifests and reports.
    virtual std::string source() const = 0;
};

// Loads a sentence-transformers folder on a device ("cpu", "cuda[:N]"); errors name the file.
using SentenceEmbedderLoader =
    std::function<std::shared_ptr<const SentenceEmbedder>(const std::string &folder, const std::string &device)>;

} // namespace vindex::eval
