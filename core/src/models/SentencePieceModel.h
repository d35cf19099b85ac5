#pragma once
// A SentencePiece BPE model read straight from tokenizer.model (protobuf), with SentencePiece's own encoding rules:
// identity normalization, "▁" for spaces, optional dummy prefix, greedy best-score pair merges, byte fallback.
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

    // Throws FormatError naming the file when it is not a SentencePiece model, ModelError for unsupported kinds
    // (unigram models, precompiled normalization rules).
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

private:
    struct Piece {
        std::string text;
        float score = 0;
        Type type = Type::Normal;
    };
    std::string normalize(std::string_view text, bool addDummyPrefix) const;

    std::vector<Piece> m_pieces;
    std::unordered_map<std::string, int> m_mergeable; // normal, user-defined and unused pieces
    std::unordered_map<std::string, int> m_reserved;  // control, unknown and byte pieces
    std::vector<std::string> m_userDefined;           // matched whole, never merged
    int m_byteIds[256];
    int m_unkId = 0, m_bosId = 1, m_eosId = 2, m_padId = -1;
    bool m_byteFallback = false;
    bool m_addDummyPrefix = true, m_removeExtraWhitespaces = true, m_escapeWhitespaces = true;
    bool m_whitespaceAsSuffix = false;
    std::string m_source;
};

} // namespace vindex::models
