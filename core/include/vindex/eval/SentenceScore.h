#pragma once
// SentenceS: the cosine similarity of sentence-transformers/all-MiniLM-L6-v2 embeddings between a candidate and its
// references, averaged over trials. BrainHub's own code (weihaox/BrainHub eval_caption.py, metrics.py) does not
// compute it; its definition is MindEye2's (MedARC-AI/MindEyeV2 src/final_evaluations.ipynb, after Ferrante et
// al.'s brain captioning): SentenceTransformer.encode of candidates and captions, util.pytorch_cos_sim, the mean of
// the diagonal — one reference caption per trial, no prefix, no lower-casing. With several references per trial
// (COCO's five) the per-trial value reduces the cosines over the references: the mean (the default), the maximum
// (as RefCLIP-S does), or the first reference only (MindEye2's one caption).
// The embeddings come from a SentenceEmbedder (SentenceEmbedder.h), so no model is known here.
#include "vindex/core/JobControl.h"
#include "vindex/eval/SentenceEmbedder.h"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace vindex::eval {

enum class SentenceReferenceReduction { Mean, Max, First };

struct SentenceScoreOptions {
    SentenceReferenceReduction reduction = SentenceReferenceReduction::Mean;
    std::size_t batchSize = 256; // texts handed to the embedder at once
};

struct SentenceScoreResult {
    std::vector<double> perTrial; // the reduced cosine per trial
    double corpus = 0.0;          // mean of perTrial (×100 in tables)
};

class SentenceScore {
public:
    static constexpr const char *kScoreName = "SentenceS";

    // Error for an empty embedder or a batch size of 0.
    explicit SentenceScore(std::shared_ptr<const SentenceEmbedder> embedder, SentenceScoreOptions options = {});

    // candidates[i] against references[i] (one non-empty list per candidate); Error for mismatched sizes.
    SentenceScoreResult score(const std::vector<std::string> &candidates,
                              const std::vector<std::vector<std::string>> &references,
                              const JobControl &job = JobControl::none()) const;

    // The arithmetic on embeddings: cosines (each row L2-normalised with norm floor 1e-12, as
    // util.pytorch_cos_sim) reduced over each trial's references, then the mean over trials.
    static SentenceScoreResult fromEmbeddings(const SentenceEmbedder::Embeddings &candidates,
                                              const std::vector<SentenceEmbedder::Embeddings> &references,
                                              SentenceReferenceReduction reduction);
    static double cosine(const std::vector<float> &a, const std::vector<float> &b);

    // "mean" | "max" | "first"; Error naming the accepted spellings otherwise.
    static SentenceReferenceReduction reductionFromName(const std::string &name);
    static std::string reductionName(SentenceReferenceReduction reduction);

    const SentenceScoreOptions &options() const { return m_options; }
    const SentenceEmbedder &embedder() const { return *m_embedder; }

private:
    SentenceEmbedder::Embeddings embedAll(const std::vector<std::string> &texts, const JobControl &job,
                                          const std::string &stage) const;

    std::shared_ptr<const SentenceEmbedder> m_embedder;
    SentenceScoreOptions m_options;
};

} // namespace vindex::eval
