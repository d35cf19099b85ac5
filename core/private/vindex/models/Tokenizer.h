#pragma once
// The LLaMA tokenizer: a SentencePiece BPE model (byte fallback, dummy prefix; read by SentencePieceModel, our own
// reader of tokenizer.model) plus the added tokens of a checkpoint
// folder (LLaVA's <image>/<pad>, Shikra's <im_patch>/<im_start>/<im_end>), split out of the text before
// SentencePiece sees it, the way the Hugging Face tokenizer does.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vindex::models {

class Tokenizer {
public:
    // How text next to an added token is encoded.
    enum class Spacing {
        // transformers 5 (tokenizer-hf fixture): whitespace is kept; only a segment at the very start of the text
        // gets SentencePiece's dummy prefix "▁".
        Hf,
        // The older slow-tokenizer way the Shikra/UMBRAE ids were made (shikra-tiny fixture): whitespace before an
        // added token is dropped and every segment is a fresh SentencePiece sequence (dummy prefix each).
        Legacy,
    };

    struct AddedToken {
        std::string content;
        int64_t id = 0;
        bool special = true; // skipped by decode(ids, skipSpecial = true)
        bool lstrip = false; // eats the whitespace on its left (HF AddedToken.lstrip)
        bool rstrip = false; // eats the whitespace on its right
    };

    // folder/tokenizer.model, plus added tokens from added_tokens.json and tokenizer_config.json
    // ("added_tokens_decoder"). Throws FormatError naming the file when one is missing or malformed.
    static Tokenizer load(const std::string &folder);
    // Only a SentencePiece model file, no added tokens.
    static Tokenizer fromModelFile(const std::string &modelPath);

    Tokenizer(Tokenizer &&) noexcept;
    Tokenizer &operator=(Tokenizer &&) noexcept;
    ~Tokenizer();

    // Adds tokens that are matched as a whole in the text (appended ids unless the content already has one).
    // Returns their ids. Like HF add_tokens(..., special_tokens=special).
    std::vector<int64_t> addTokens(const std::vector<std::string> &contents, bool special = true);
    void addToken(const AddedToken &token); // with an explicit id (from a checkpoint's files)

    void setSpacing(Spacing spacing) { m_spacing = spacing; }
    Spacing spacing() const { return m_spacing; }

    // Ids with LLaMA conventions: optional BOS, dummy prefix, byte fallback; added tokens (and <s>, </s>, <unk>
    // written literally) become their ids.
    std::vector<int64_t> encode(const std::string &text, bool addBos = true) const;
    // LLaVA's tokenizer_image_token: the prompt split on `marker`, each chunk encoded on its own, one BOS at the
    // front and `placeholderId` (IMAGE_TOKEN_INDEX = -200) between chunks.
    std::vector<int64_t> encodeWithPlaceholder(const std::string &prompt, const std::string &marker = "<image>",
                                               int64_t placeholderId = -200) const;
    // The pieces encode() produces (added tokens as their content), without BOS.
    std::vector<std::string> pieces(const std::string &text) const;

    // Text of ids: byte pieces merged into UTF-8 (invalid bytes become U+FFFD), the leading dummy space removed.
    // skipSpecial drops BOS/EOS/UNK and special added tokens (HF skip_special_tokens). Ids outside the vocabulary
    // (e.g. -200) are skipped.
    std::string decode(const std::vector<int64_t> &ids, bool skipSpecial = true) const;

    std::string pieceOf(int64_t id) const; // "" when out of range
    std::optional<int64_t> findId(const std::string &token) const;
    int64_t idOf(const std::string &token) const; // throws ModelError when the token is not in the vocabulary
    bool isSpecial(int64_t id) const;

    int64_t bosId() const;
    int64_t eosId() const;
    int64_t unkId() const;
    int64_t baseVocabSize() const; // SentencePiece pieces
    int64_t vocabSize() const;     // including added tokens (max id + 1)
    const std::vector<AddedToken> &addedTokens() const { return m_added; }
    const std::string &source() const { return m_source; }

private:
    struct Impl;
    Tokenizer();
    struct Segment {
        std::string text;
        int64_t addedId = -1; // >= 0: an added token
        bool atStart = false; // text at the very start of the input
    };
    std::vector<Segment> split(const std::string &text) const;
    std::vector<int> encodeSegment(const Segment &segment) const;

    std::unique_ptr<Impl> m_impl;
    std::vector<AddedToken> m_added; // includes <s>, </s>, <unk> so that they are matched in text like HF does
    std::string m_source;
    Spacing m_spacing = Spacing::Hf;
};

} // namespace vindex::models
