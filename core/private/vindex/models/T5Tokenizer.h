#pragma once
// T5's tokenizer as transformers' T5Tokenizer applies it: a SentencePiece unigram model (spiece.model, read by our
// own SentencePieceModel: its precompiled nmt_nfkc character map, "▁" word prefixes, Viterbi segmentation), </s>
// appended, pad 0 / eos 1 / unk 2, and the sentinels <extra_id_0> ... <extra_id_{N-1}> after the pieces in reverse
// order (<extra_id_0> is the last id). Special tokens written literally in the text ("</s>", "<extra_id_3>") become
// their ids, as the Hugging Face tokenizer matches added tokens before SentencePiece sees the text.
// Not reproduced: transformers applies the character map per grapheme cluster, SentencePiece (and we) by longest
// match from each byte; the two differ only on clusters whose characters the map rewrites jointly.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vindex::models {

class T5Tokenizer {
public:
    // folder/spiece.model; the number of sentinels from tokenizer_config.json ("extra_ids", else the count of
    // <extra_id_N> in additional_special_tokens, else 100). FormatError/ModelError naming the file.
    static T5Tokenizer load(const std::string &folder);
    static T5Tokenizer fromModelFile(const std::string &spiecePath, int extraIds = 100);

    T5Tokenizer(T5Tokenizer &&) noexcept;
    T5Tokenizer &operator=(T5Tokenizer &&) noexcept;
    ~T5Tokenizer();

    // Ids of `text`, with </s> appended when addEos (tokenizer(text)["input_ids"]).
    std::vector<int64_t> encode(const std::string &text, bool addEos = true) const;
    // tokenizer.decode(ids, skip_special_tokens, clean_up_tokenization_spaces): pieces joined with "▁" as spaces
    // and the first one's leading space dropped; skipSpecial drops pad/eos/unk/sentinels (and ids outside the
    // vocabulary); cleanUpSpaces applies transformers' clean_up_tokenization (" ." -> ".", " 's" -> "'s", ...).
    std::string decode(const std::vector<int64_t> &ids, bool skipSpecial = true, bool cleanUpSpaces = true) const;

    std::optional<int64_t> findId(const std::string &token) const;
    std::string pieceOf(int64_t id) const; // "" outside the vocabulary
    bool isSpecial(int64_t id) const;

    int64_t padId() const { return 0; }
    int64_t eosId() const { return 1; }
    int64_t unkId() const { return 2; }
    int64_t pieceCount() const; // SentencePiece pieces
    int64_t vocabSize() const;  // pieces + sentinels (len(tokenizer))
    int extraIds() const { return m_extraIds; }
    const std::string &source() const { return m_source; }

private:
    struct Impl;
    T5Tokenizer();
    std::unique_ptr<Impl> m_impl;
    int m_extraIds = 100;
    std::string m_source;
};

} // namespace vindex::models
