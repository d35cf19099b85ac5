#pragma once
// CLIP-S and RefCLIP-S as BrainHub computes them (metrics/clip_score.py and eval_caption.py, after Hessel et al.,
// "CLIPScore", EMNLP 2021), with a user-supplied CLIP in the Hugging Face layout (BrainHub: ViT-B/32):
//   - every text, candidate and reference alike, is embedded as "A photo depicts " + text (BrainHub's
//     extract_all_captions adds the prefix to both), tokenized to 77 ids with truncation;
//   - features are L2-normalised (v / sqrt(sum v²), numpy >= 1.21's path);
//   - CLIP-S(trial) = w · max(cos(image, candidate), 0), w = 2.5;
//   - RefCLIP-S(trial) = 2·a·b / (a + b), a = CLIP-S(trial), b = max over the trial's references of
//     cos(candidate, reference) — the raw cosine, neither ×w nor clipped;
//   - corpus value = mean of the per-trial values (×100 on the leaderboard).
// Where a + b = 0 BrainHub's numpy gives NaN (and a NaN corpus mean); here that trial scores 0 and is counted in
// undefinedRefClipS so the change is never silent.
// The arithmetic is here; the embeddings come from a ClipEmbedder (ClipEmbedder.h), so no model is known here.
#include "vindex/core/JobControl.h"
#include "vindex/eval/ClipEmbedder.h"
#include "vindex/io/RgbImage.h"

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace vindex::eval {

struct ClipScoreOptions {
    std::string device = "cpu"; // cpu | cuda[:N]: where the embedder is loaded
    std::string dtype = "f32";  // f32 | f16 | bf16 (BrainHub ran fp16 on a GPU, fp32 on a CPU)
    std::string prefix = "A photo depicts ";
    double weight = 2.5;
    std::size_t batchSize = 64; // images or texts per forward pass
};

struct ClipScoreResult {
    std::vector<double> imageCosine;     // cos(image, candidate) per trial
    std::vector<double> clipS;           // w · max(imageCosine, 0)
    std::vector<double> referenceCosine; // max_r cos(candidate, reference r); empty when scored without references
    std::vector<double> refClipS;        // harmonic mean of clipS and referenceCosine; empty without references
    double clipSMean = 0.0;
    double refClipSMean = 0.0;         // 0 without references
    std::size_t undefinedRefClipS = 0; // trials with clipS + referenceCosine == 0, scored 0 (BrainHub: NaN)
};

class ClipScore {
public:
    using Features = ClipEmbedder::Features; // one unnormalised row per image or text
    // The stimulus of trial i (called once per trial, in order, a batch at a time).
    using ImageSource = std::function<io::RgbImage(std::size_t trial)>;

    // Error for an empty embedder or a batch size of 0.
    explicit ClipScore(std::shared_ptr<const ClipEmbedder> embedder, ClipScoreOptions options = {});

    // Scores candidates[i] against images(i) (and references[i] when references is not empty: then it must have
    // one non-empty list per candidate). Error for mismatched sizes.
    ClipScoreResult score(const ImageSource &images, const std::vector<std::string> &candidates,
                          const std::vector<std::vector<std::string>> &references = {},
                          const JobControl &job = JobControl::none()) const;

    // Unnormalised text_embeds of texts, with the prefix in front when addPrefix.
    Features textFeatures(const std::vector<std::string> &texts, bool addPrefix = true) const;
    // Unnormalised image_embeds of 8-bit images through the model's preprocessing.
    Features imageFeatures(const std::vector<io::RgbImage> &images) const;

    // The arithmetic above on features: images[i] with candidates[i]; references empty, or one non-empty list of
    // rows per candidate. Error for mismatched counts or widths.
    static ClipScoreResult fromFeatures(const Features &images, const Features &candidates,
                                        const std::vector<Features> &references, double weight = 2.5);
    // cos of two unnormalised rows, in double (0 when either is all zeros).
    static double cosine(const std::vector<float> &a, const std::vector<float> &b);

    const ClipScoreOptions &options() const { return m_options; }
    int64_t featureSize() const { return m_embedder->featureSize(); }

private:
    std::shared_ptr<const ClipEmbedder> m_embedder;
    ClipScoreOptions m_options;
};

} // namespace vindex::eval
