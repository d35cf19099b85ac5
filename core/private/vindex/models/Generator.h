#pragma once
// Batched autoregressive generation over a LlamaModel: prompts given as embedding sequences (images and brain
// features already spliced in) or as ids, left-padded to the longest, each with its own positions 0..T_i-1,
// one preallocated KV cache; greedy or temperature/top-p sampling with a seed; EOS ids, stop strings, a per-token
// callback, progress and cancellation. Finished sequences are dropped from the batch (and the cache).
#include "vindex/core/JobControl.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace vindex::models {

class LlamaModel;
class Tokenizer;

struct GeneratedToken {
    std::size_t sequence = 0; // index of the prompt
    int64_t id = 0;
    int64_t step = 0; // 0 for the first new token
    std::string text; // the sequence's new text so far (decoded, special tokens skipped); empty without tokenizer
};

struct GenerationOptions {
    int64_t maxNewTokens = 128;
    bool doSample = false;            // false: greedy (argmax)
    double temperature = 1.0;         // sampling only; <= 0 means greedy
    double topP = 1.0;                // nucleus sampling, HF TopPLogitsWarper semantics
    uint64_t seed = 0;                // sampling is reproducible for a given seed, batch and device
    std::vector<int64_t> eosTokenIds; // empty: the model config's eos_token_id(s)
    bool ignoreEos = false;           // benchmarks: always run maxNewTokens steps
    // Checked on the decoded new text after each token (needs a tokenizer); the sequence stops at the first match,
    // its text is cut before the stop string (its ids keep the tokens that completed it, as LLaVA's
    // KeywordsStoppingCriteria leaves them).
    std::vector<std::string> stopStrings;
    // Streaming: called for every new (non-EOS) token; return false to stop that sequence.
    std::function<bool(const GeneratedToken &)> onToken;
    // Cancelled between steps (vindex::Cancelled); progress is reported by whoever runs the generation.
    const JobControl *job = nullptr;
};

struct GenerationResult {
    enum class Finish { Length, Eos, StopString, Callback };
    std::vector<std::vector<int64_t>> tokens; // new ids per prompt (no prompt, no EOS)
    std::vector<std::string> texts;           // decoded new text per prompt; empty without tokenizer
    std::vector<Finish> finish;
    int64_t promptTokens = 0;    // real (unpadded) prompt tokens of all sequences
    int64_t generatedTokens = 0; // tokens chosen, EOS included
    int64_t decodeTokens = 0;    // tokens chosen after the first step (those the decode phase produced)
    double prefillSeconds = 0;   // prompt forward pass + the first token
    double decodeSeconds = 0;    // the remaining steps
    double prefillTokensPerSecond() const { return prefillSeconds > 0 ? promptTokens / prefillSeconds : 0; }
    double decodeTokensPerSecond() const { return decodeSeconds > 0 ? decodeTokens / decodeSeconds : 0; }
};

class Generator {
public:
    // The tokenizer is needed for stop strings, callback text and result texts; the model must outlive this.
    explicit Generator(const LlamaModel &model, const Tokenizer *tokenizer = nullptr);

    // Each prompt [T_i, hidden] (any dtype/device; converted to the model's).
    GenerationResult generate(const std::vector<at::Tensor> &promptEmbeds, const GenerationOptions &options) const;
    // Prompts as ids (no -200 placeholders: splice those as embeddings and call generate()).
    GenerationResult generateFromIds(const std::vector<std::vector<int64_t>> &promptIds,
                                     const GenerationOptions &options) const;

private:
    const LlamaModel &m_model;
    const Tokenizer *m_tokenizer;
};

} // namespace vindex::models
