#pragma once
// Beam search as transformers' generate() runs it (GenerationMixin._beam_search, transformers 5; the same choices as
// the older BeamSearchScorer): per row, the top 2·K continuations of all K beams by summed log-probability; those
// ending in EOS (or reaching max_length) among the first K become finished hypotheses scored sum_logprobs /
// generated_length^length_penalty (generated_length counts the new token, not the prompt); the best K unfinished
// continue. early_stopping true stops a row once K hypotheses are finished; false/"never" use transformers'
// heuristics. No logits processors (none apply to T5's generation config as FACTUAL's parser calls generate).
// The model is reached through two callbacks, so any decoder with a reorderable cache fits.
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace vindex::models {

class BeamSearch {
public:
    enum class EarlyStopping { Heuristic, WhenKFinished, Never }; // early_stopping = False, True, "never"

    struct Settings {
        int64_t numBeams = 5;
        int64_t maxLength = 128; // prompt (T5: the decoder start token) included, as generate's max_length
        EarlyStopping earlyStopping = EarlyStopping::WhenKFinished;
        double lengthPenalty = 1.0;
        int64_t eosTokenId = 1;
        int64_t padTokenId = 0;
        int64_t numReturnSequences = 1;
    };

    struct Result {
        at::Tensor sequences; // [B * numReturnSequences, P + longest generated], the prompt first; after EOS the
                              // fill transformers uses (pad_token_id, or eos when pad is 0 or absent)
        at::Tensor scores;    // [B * numReturnSequences] float32: sequences_scores
    };

    // Next-token logits [B*K, V] for the last tokens [B*K, 1] of the running beams (the model appends them to its
    // cache); curLength: the beams' length before this token.
    using NextLogits = std::function<at::Tensor(const at::Tensor &lastTokens, int64_t curLength)>;
    // After each step: the cache rows to keep [B*K] (row b*K + k takes old row beamIndex[b*K + k], always one of
    // the same input row's beams).
    using ReorderCache = std::function<void(const at::Tensor &beamIndex)>;
    // Input rows whose result can no longer change leave the batch: the cache keeps only rows [B'*K] (all beams of
    // the input rows still running, in order). Optional; without it every row runs until the last one is done.
    using DropFinishedRows = std::function<void(const at::Tensor &keptRows)>;

    explicit BeamSearch(Settings settings);
    // prompt [B, P] (each row is expanded to K beams); throws Error for max_length <= P or K < 1.
    Result run(const at::Tensor &prompt, const NextLogits &nextLogits, const ReorderCache &reorder,
               const DropFinishedRows &dropFinished = {}) const;

    const Settings &settings() const { return m_settings; }

private:
    Settings m_settings;
};

} // namespace vindex::models
