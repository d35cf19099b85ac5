#pragma once
// A SentencePiece model read straight from tokenizer.model / spiece.model (protobuf), with SentencePiece's own
// encoding rules: the normalizer (identity, or the precompiled character map such as T5's nmt_nfkc, looked up in its
// Darts double-array trie), "▁" for spaces, optional dummy prefix; then BPE (greedy best-score pair merges, byte
// fallback: LLaMA) or unigram (Viterbi over the piece lattice, unknown characters scored min score - 10: T5).
// Our own reader because Debian's libsentencepiece exports a private protobuf-lite copy that clashes with the
// libprotobuf LibTorch loads (the process crashes during static initialisation when both are linked).
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vindex::models {

class SentencePieceModel {
public:
    enum class Type { Normal = 1, Unknown = 2, Control = 3, UserDefined = 4, Unused = 5, Byte = 6 };
    enum class Algorithm { Unigram = 1, Bpe = 2 };

    // Throws FormatError naming the file when it is not a SentencePiece model (or its character map is malformed),
    // ModelError for unsupported kinds (word and char models).
    static SentencePieceModel load(const std::string &path);
    static SentencePieceModel fromBytes(const std::string &bytes, const std::string &sourceName);

    // Ids of `text`; addDummyPrefix = false encodes it as a continuation (no "▁" in front) even when the model
    // adds one.
    std::vector<int> encode(std::string_view text, bool addDummyPrefix = true) const;

    int size() const { return static_cast<int>(m_pieces.size()); }
    const std::string &piece(int id) const { return m_pieces[id].text; }
    Type type(int id) const { return m_pieces[id].type; }
    int byteValue(int id) const;            // 0..255 for a byte piece, else -1
    int find(std::string_view piece) const; // -1 when absent
    int unkId() const { return m_unkId; }
    int bosId() const { return m_bosId; }
    int eosId() const { return m_eosId; }
    int padId() const { return m_padId; }
    bool addsDummyPrefix() const { return m_addDummyPrefix; }
    Algorithm algorithm() const { return m_algorithm; }
    float score(int id) const { return m_pieces[id].score; }

private:
    struct Piece {
        std::string text;
        float score = 0;
        Type type = Type::Normal;
    };
    std::string normalize(std::string_view text, bool addDummyPrefix) const;
    // The normalized text of the longest rule matching the start of `text`, and the bytes it consumes.
    std::pair<std::string_view, std::size_t> normalizePrefix(std::string_view text) const;
    void loadCharsMap(const std::string &blob);
    std::vector<int> encodeBpe(const std::string &normalized) const;
    std::vector<int> encodeUnigram(const std::string &normalized) const;

    std::vector<Piece> m_pieces;
    std::unordered_map<std::string, int> m_mergeable; // normal, user-defined and unused pieces
    std::unordered_map<std::string, int> m_reserved;  // control, unknown and byte pieces
    std::vector<std::string> m_userDefined;           // matched whole, never merged
    int m_byteIds[256];
    int m_unkId = 0, m_bosId = 1, m_eosId = 2, m_padId = -1;
    bool m_byteFallback = false;
    bool m_addDummyPrefix = true, m_removeExtraWhitespaces = true, m_escapeWhitespaces = true;
    bool m_whitespaceAsSuffix = false;
    Algorithm m_algorithm = Algorithm::Bpe;
    std::vector<uint32_t> m_charsTrie;    // darts-clone double array of the precompiled character map
    std::string m_charsNormalized;        // NUL-terminated replacement strings the trie's values point into
    std::size_t m_longestPiece = 0;       // bytes, over the pieces the unigram lattice may use
    float m_minScore = 0, m_maxScore = 0; // over normal pieces (unknown = min - 10, user-defined from max)
    std::string m_source;
};

} // namespace vindex::models
