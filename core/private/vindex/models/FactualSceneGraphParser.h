#pragma once
// The FACTUAL scene-graph parser (zhuang-li/FactualSceneGraph's SceneGraphParser with its defaults, as CAPTURE
// calls it: parse(sentences, beam_size=5, max_output_len=128, return_text=True)) over a T5 folder such as
// lizhuang144/flan-t5-base-VG-factual-sg: each sentence becomes "Generate Scene Graph: " + sentence.strip(),
// batches of 32 are tokenized with padding to the longest, generate(num_beams=5, max_length=128,
// early_stopping=True, decoder_start_token_id=pad), decoded skipping special tokens with cleaned-up spaces, then
// "Generate Scene Graph:" removed, symbols spaced out and the facts deduplicated and sorted (clean_graph_string).
// The folder's generation settings may set length_penalty; any setting that would add a logits processor
// (no_repeat_ngram_size, repetition_penalty, min_length, forced/suppressed tokens, ...) is refused with ModelError.
#include "vindex/eval/SceneGraphParser.h"
#include "vindex/models/Compute.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace vindex::models {

class T5Model;
class T5Tokenizer;

class FactualSceneGraphParser final : public eval::SceneGraphParser {
public:
    // How a batch's prompts are truncated, which differs between releases of the package:
    enum class InputRule {
        // 0.7.x (PyPI's current 0.7.3): to min(max_input_len, longest prompt without </s>) tokens *with* </s>, so
        // the longest prompt(s) of each batch lose their last token.
        Release07,
        // 0.5.x (what CAPTURE's 2024 release installed): to max_input_len tokens with </s>.
        Release05,
    };
    struct Options {
        int64_t maxInputLength = 64;
        int64_t maxOutputLength = 128;
        int64_t beamSize = 5;
        int64_t batchSize = 32;
        InputRule inputRule = InputRule::Release07;
    };

    // folder: a T5 folder (config.json, weights, spiece.model); ModelError naming the file when it is not one.
    FactualSceneGraphParser(const std::string &folder, const Compute &compute, Options options);
    FactualSceneGraphParser(const std::string &folder, const Compute &compute);
    ~FactualSceneGraphParser() override;

    std::vector<std::string> parse(const std::vector<std::string> &sentences) const override;
    // Each description's prompts are made as parse() makes them (the truncation rule looks at the description's own
    // batch), then generated in batches that mix descriptions, shortest prompts together: the same graphs, fewer
    // and fuller batches.
    std::vector<std::vector<std::string>>
    parseDescriptions(const std::vector<std::vector<std::string>> &descriptions) const override;
    // The same, showing each batch's prompts and generated ids to `observe` (benchmarks count tokens with it).
    using BatchObserver = std::function<void(const std::vector<std::vector<int64_t>> &prompts,
                                             const std::vector<std::vector<int64_t>> &generated)>;
    std::vector<std::vector<std::string>> parseDescriptions(const std::vector<std::vector<std::string>> &descriptions,
                                                            const BatchObserver &observe) const;
    std::string source() const override { return m_folder; }

    // The token ids [B, L] and attention mask the package feeds generate() for one batch of sentences.
    std::pair<std::vector<std::vector<int64_t>>, std::vector<std::vector<int64_t>>>
    batchInputs(const std::vector<std::string> &sentences) const;
    // The generated ids of one batch (generate's sequences, decoder start token first).
    std::vector<std::vector<int64_t>> generate(const std::vector<std::string> &sentences) const;
    // The same for prompts already made (each ending in </s>, unpadded), padded here to the longest.
    std::vector<std::vector<int64_t>> generatePrompts(const std::vector<std::vector<int64_t>> &prompts) const;
    // FACTUAL's output formatting of one decoded text: remove "Generate Scene Graph:", strip,
    // space_out_symbols_in_graph, clean_graph_string.
    static std::string formatGraph(const std::string &decoded);

    const T5Model &model() const { return *m_model; }
    const T5Tokenizer &tokenizer() const { return *m_tokenizer; }

private:
    // One batch's prompts, truncated by the package's rule and ending in </s>, unpadded.
    std::vector<std::vector<int64_t>> prompts(const std::vector<std::string> &sentences) const;
    std::string decodeGraph(const std::vector<int64_t> &ids) const;

    std::string m_folder;
    std::unique_ptr<T5Model> m_model;
    std::unique_ptr<T5Tokenizer> m_tokenizer;
    Options m_options;
    double m_lengthPenalty = 1.0; // the folder's generation settings (transformers' default 1.0)
};

} // namespace vindex::models
