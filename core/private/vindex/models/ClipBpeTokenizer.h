#pragma once
// CLIP's byte-level BPE tokenizer (vocab.json + merges.txt in the Hugging Face layout), as OpenAI's
// clip.tokenize(text, truncate=True) feeds the text tower in CLIPScore / BrainHub:
//   clean-up (HTML entities, curly quotes, ligatures, full-width forms; a subset of ftfy.fix_text), runs of
//   whitespace → one space, trimmed, lower-cased → CLIP's pre-tokenizer regex
//   <|startoftext|>|<|endoftext|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+
//   → each piece's UTF-8 bytes as GPT-2 byte characters, "</w>" on the last one, merged by rank
//   → <|startoftext|> ids <|endoftext|>, cut to the context length with <|endoftext|> kept last.
// Symbols missing from the vocabulary become <|endoftext|>'s id (the unk token of HF's CLIPTokenizer; OpenAI's
// tokenizer has every byte and cannot miss). Torch-free.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace vindex::models {

class ClipBpeTokenizer {
public:
    // folder/vocab.json and folder/merges.txt. FormatError naming the file when one is missing or malformed
    // (not a JSON object of ids, a merge line without two symbols, no <|startoftext|>/<|endoftext|>).
    static ClipBpeTokenizer load(const std::string &folder);
    static ClipBpeTokenizer fromFiles(const std::string &vocabPath, const std::string &mergesPath);
    // OpenAI's own vocabulary file, bpe_simple_vocab_16e6.txt.gz (gzip or plain text), read as SimpleTokenizer
    // reads it: lines [1, 48895) are the merges (fewer when the file is shorter, an empty last line included); the
    // ids are the 256 byte characters, the same with "</w>", each merge's symbols joined, then <|startoftext|> and
    // <|endoftext|> (49408 for the real file); a repeated string or merge takes the later id or rank, as Python's
    // dict(zip(...)) does. FormatError naming the file when it cannot be read or inflated.
    static ClipBpeTokenizer fromOpenAiVocab(const std::string &bpePath);

    ClipBpeTokenizer(ClipBpeTokenizer &&) noexcept;
    ClipBpeTokenizer &operator=(ClipBpeTokenizer &&) noexcept;
    ~ClipBpeTokenizer();

    // <|startoftext|> + BPE ids + <|endoftext|>, at most maxLength ids (longer: cut, the last id set to
    // <|endoftext|>, as clip.tokenize(truncate=True) and HF's truncation to 77 both give). maxLength >= 2.
    std::vector<int64_t> encode(const std::string &text, std::size_t maxLength = kContextLength) const;
    // The BPE ids of the text alone (no start/end tokens, no truncation).
    std::vector<int64_t> encodeWithoutSpecial(const std::string &text) const;
    // Vocabulary strings of ids ("a</w>", "<|startoftext|>"); "" for ids outside the vocabulary.
    std::vector<std::string> tokens(const std::vector<int64_t> &ids) const;
    // Text of ids: byte characters back to UTF-8, "</w>" → space, start/end tokens dropped, trimmed.
    std::string decode(const std::vector<int64_t> &ids) const;

    // The clean-up and lower-casing step alone, and the regex split of its result (for tests and tools).
    static std::string normalize(const std::string &text);
    static std::vector<std::string> preTokenize(const std::string &normalized);

    int64_t startId() const;
    int64_t endId() const; // also unk and pad
    int64_t vocabSize() const;
    const std::string &source() const; // the vocab.json path, for messages

    static constexpr std::size_t kContextLength = 77;

private:
    struct Impl;
    explicit ClipBpeTokenizer(std::unique_ptr<Impl> impl);
    std::vector<std::string> bpe(const std::string &piece) const;

    std::unique_ptr<Impl> m_impl;
};

} // namespace vindex::models
