#pragma once
// The WordPiece tokenizer of BERT-family sentence encoders (transformers' BertTokenizer and MPNetTokenizer, both
// Hugging Face tokenizers' BertNormalizer + BertPreTokenizer + WordPiece), read from vocab.txt and
// tokenizer_config.json:
//   - special tokens (cls, sep, pad, unk, mask, bos, eos that the vocabulary holds) written in the text are matched
//     as they are, before any normalisation, and keep their ids;
//   - the rest: sentence-transformers' do_lower_case first (a lower-casing in front of the tokenizer's own), then
//     clean text (NUL, U+FFFD and control/format/unassigned characters removed, whitespace made a space), spaces
//     around CJK ideographs, accents stripped (NFD, Mn removed; by default when lower-casing), lower case;
//   - words split at whitespace and punctuation (every punctuation character a word of its own);
//   - greedy longest-match-first word pieces, continuations prefixed "##"; a word longer than 100 characters, or
//     one that cannot be covered, becomes the unknown token;
//   - cls + pieces + sep, the pieces truncated so that the whole fits maxLength (sentence-transformers'
//     max_seq_length).
// Lower-casing is per character as Rust's char::to_lowercase (no final sigma); tables are Unicode 14.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace vindex::models {

class WordPieceTokenizer {
public:
    struct Options {
        bool lowercase = true;                 // tokenizer_config do_lower_case
        std::optional<bool> stripAccents;      // tokenizer_config strip_accents; unset: as lowercase
        bool tokenizeChineseCharacters = true; // tokenize_chinese_chars
        bool lowercaseFirst = false;           // sentence-transformers' do_lower_case (sentence_bert_config.json)
        std::string clsToken = "[CLS]", sepToken = "[SEP]", padToken = "[PAD]", unkToken = "[UNK]";
        std::vector<std::string> specialTokens; // matched literally in the text (those outside the vocabulary ignored)
        std::size_t maxCharactersPerWord = 100;
    };

    // A batch of encoded texts, right-padded with the pad id to the longest: row-major [rows, length].
    struct Batch {
        std::vector<int64_t> ids;
        std::vector<int64_t> mask; // 1 for a token, 0 for padding
        int64_t rows = 0, length = 0;
    };

    // vocab.txt (one token a line, its id the line number) and tokenizer_config.json (optional) of a folder; the
    // defaults of its tokenizer_class (BertTokenizer: [CLS] [SEP] [PAD] [UNK] [MASK]; MPNetTokenizer: <s> </s>
    // <pad> [UNK] <mask>) for absent fields. FormatError naming the file when vocab.txt is missing or empty, or a
    // special token the tokenizer needs is not in it.
    static WordPieceTokenizer load(const std::string &folder, bool lowercaseFirst = false);
    WordPieceTokenizer(std::vector<std::string> vocabulary, Options options, std::string source);

    // The pieces of a text (no cls/sep, no truncation).
    std::vector<std::string> tokenize(const std::string &text) const;
    // The ids of tokenize(text), unknown pieces as the unknown id.
    std::vector<int64_t> pieceIds(const std::string &text) const;
    // cls + pieces + sep, pieces truncated to maxLength - 2 (maxLength >= 2, else Error).
    std::vector<int64_t> encode(const std::string &text, std::size_t maxLength) const;
    Batch encodeBatch(const std::vector<std::string> &texts, std::size_t maxLength) const;

    // The normalised text a run without special tokens becomes (before splitting into words).
    std::u32string normalize(const std::u32string &text) const;

    int64_t idOf(const std::string &token) const; // -1 when absent
    const std::string &tokenOf(int64_t id) const;
    int64_t clsId() const { return m_clsId; }
    int64_t sepId() const { return m_sepId; }
    int64_t padId() const { return m_padId; }
    int64_t unkId() const { return m_unkId; }
    int64_t vocabSize() const { return static_cast<int64_t>(m_tokens.size()); }
    const Options &options() const { return m_options; }
    const std::string &source() const { return m_source; }

private:
    void appendWordPieces(const std::u32string &word, std::vector<int64_t> &ids) const;
    void appendRunIds(const std::u32string &run, std::vector<int64_t> &ids) const;

    std::vector<std::string> m_tokens;
    std::unordered_map<std::string, int64_t> m_ids;
    std::vector<std::u32string> m_specials; // longest first
    Options m_options;
    std::string m_source;
    int64_t m_clsId = -1, m_sepId = -1, m_padId = -1, m_unkId = -1;
};

} // namespace vindex::models
