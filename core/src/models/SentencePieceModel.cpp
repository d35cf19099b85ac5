#include "SentencePieceModel.h"

#include "vindex/core/Error.h"
#include "vindex/core/Utf8.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <functional>
#include <queue>
#include <sstream>

namespace vindex::models {

namespace {

const std::string kSpace = "\xE2\x96\x81"; // ▁

// A bounds-checked reader of the protobuf wire format: the file is untrusted.
class WireReader {
public:
    WireReader(std::string_view data, const std::string &source) : m_data(data), m_source(source) {}
    bool atEnd() const { return m_pos >= m_data.size(); }

    uint64_t varint()
    {
        uint64_t value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_pos >= m_data.size())
                fail("truncated varint");
            const auto byte = static_cast<unsigned char>(m_data[m_pos++]);
            value |= static_cast<uint64_t>(byte & 0x7F) << shift;
            if (!(byte & 0x80))
                return value;
        }
        fail("varint longer than 10 bytes");
    }
    std::string_view bytes()
    {
        const uint64_t length = varint();
        if (length > m_data.size() - m_pos)
            fail("field length " + std::to_string(length) + " runs past the end");
        const auto out = m_data.substr(m_pos, length);
        m_pos += length;
        return out;
    }
    float fixed32()
    {
        if (m_data.size() - m_pos < 4)
            fail("truncated 32-bit field");
        uint32_t bits = 0;
        for (int i = 0; i < 4; ++i)
            bits |= static_cast<uint32_t>(static_cast<unsigned char>(m_data[m_pos + i])) << (8 * i);
        m_pos += 4;
        float value;
        std::memcpy(&value, &bits, 4);
        return value;
    }
    void skip(int wireType)
    {
        switch (wireType) {
        case 0: varint(); return;
        case 1:
            if (m_data.size() - m_pos < 8)
                fail("truncated 64-bit field");
            m_pos += 8;
            return;
        case 2: bytes(); return;
        case 5: fixed32(); return;
        default: fail("unsupported wire type " + std::to_string(wireType));
        }
    }
    [[noreturn]] void fail(const std::string &what) const
    {
        throw FormatError(m_source, "is not a SentencePiece model (" + what + ")");
    }

private:
    std::string_view m_data;
    std::size_t m_pos = 0;
    const std::string &m_source;
};

int parseBytePiece(const std::string &piece)
{
    if (piece.size() != 6 || piece.compare(0, 3, "<0x") != 0 || piece[5] != '>')
        return -1;
    int value = 0;
    for (int i = 3; i < 5; ++i) {
        const char c = piece[i];
        int digit = -1;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        if (digit < 0)
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

} // namespace

SentencePieceModel SentencePieceModel::load(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw FormatError(path, "cannot be opened");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return fromBytes(buffer.str(), path);
}

SentencePieceModel SentencePieceModel::fromBytes(const std::string &bytes, const std::string &sourceName)
{
    SentencePieceModel m;
    m.m_source = sourceName;
    std::fill(std::begin(m.m_byteIds), std::end(m.m_byteIds), -1);
    int modelType = 1; // TrainerSpec default: UNIGRAM
    std::string charsMap;
    WireReader top(bytes, sourceName);
    while (!top.atEnd()) {
        const uint64_t key = top.varint();
        const int field = static_cast<int>(key >> 3), wire = static_cast<int>(key & 7);
        if (field == 1 && wire == 2) { // ModelProto.pieces
            WireReader r(top.bytes(), sourceName);
            Piece piece;
            while (!r.atEnd()) {
                const uint64_t k = r.varint();
                const int f = static_cast<int>(k >> 3), w = static_cast<int>(k & 7);
                if (f == 1 && w == 2)
                    piece.text = std::string(r.bytes());
                else if (f == 2 && w == 5)
                    piece.score = r.fixed32();
                else if (f == 3 && w == 0) {
                    const uint64_t t = r.varint();
                    if (t < 1 || t > 6)
                        r.fail("piece type " + std::to_string(t));
                    piece.type = static_cast<Type>(t);
                } else
                    r.skip(w);
            }
            m.m_pieces.push_back(std::move(piece));
        } else if (field == 2 && wire == 2) { // TrainerSpec
            WireReader r(top.bytes(), sourceName);
            while (!r.atEnd()) {
                const uint64_t k = r.varint();
                const int f = static_cast<int>(k >> 3), w = static_cast<int>(k & 7);
                if (w != 0) {
                    r.skip(w);
                    continue;
                }
                const auto v = static_cast<int64_t>(r.varint());
                switch (f) {
                case 3: modelType = static_cast<int>(v); break;
                case 24: m.m_whitespaceAsSuffix = v != 0; break;
                case 35: m.m_byteFallback = v != 0; break;
                case 40: m.m_unkId = static_cast<int>(v); break;
                case 41: m.m_bosId = static_cast<int>(v); break;
                case 42: m.m_eosId = static_cast<int>(v); break;
                case 43: m.m_padId = static_cast<int>(v); break;
                default: break;
                }
            }
        } else if (field == 3 && wire == 2) { // NormalizerSpec
            WireReader r(top.bytes(), sourceName);
            while (!r.atEnd()) {
                const uint64_t k = r.varint();
                const int f = static_cast<int>(k >> 3), w = static_cast<int>(k & 7);
                if (f == 2 && w == 2)
                    charsMap = std::string(r.bytes());
                else if (f >= 3 && f <= 5 && w == 0) {
                    const bool v = r.varint() != 0;
                    (f == 3 ? m.m_addDummyPrefix : f == 4 ? m.m_removeExtraWhitespaces : m.m_escapeWhitespaces) = v;
                } else
                    r.skip(w);
            }
        } else {
            top.skip(wire);
        }
    }
    if (m.m_pieces.empty())
        throw FormatError(sourceName, "is not a SentencePiece model (no pieces)");
    if (modelType != 2)
        throw ModelError(sourceName + ": SentencePiece model type " + std::to_string(modelType) +
                         " is not supported (only BPE, as in LLaMA tokenizers)");
    if (!charsMap.empty())
        throw ModelError(sourceName + ": SentencePiece normalization rules (precompiled_charsmap) are not supported "
                                      "(LLaMA tokenizers use the identity normalizer)");

    int unk = -1;
    for (int id = 0; id < m.size(); ++id) {
        const Piece &p = m.m_pieces[id];
        if (p.text.empty())
            throw FormatError(sourceName, "piece " + std::to_string(id) + " is empty");
        const bool mergeable = p.type == Type::Normal || p.type == Type::UserDefined || p.type == Type::Unused;
        if (!(mergeable ? m.m_mergeable : m.m_reserved).emplace(p.text, id).second)
            throw FormatError(sourceName, "piece '" + p.text + "' is defined twice");
        if (p.type == Type::UserDefined)
            m.m_userDefined.push_back(p.text);
        if (p.type == Type::Unknown)
            unk = id;
        if (p.type == Type::Byte) {
            const int value = parseBytePiece(p.text);
            if (value < 0)
                throw FormatError(sourceName, "byte piece '" + p.text + "' is malformed");
            m.m_byteIds[value] = id;
        }
    }
    if (unk < 0)
        throw FormatError(sourceName, "has no unknown piece");
    m.m_unkId = unk;
    if (m.m_byteFallback && std::find(std::begin(m.m_byteIds), std::end(m.m_byteIds), -1) != std::end(m.m_byteIds))
        throw FormatError(sourceName, "uses byte fallback but lacks some of the 256 byte pieces");
    for (int *id : {&m.m_bosId, &m.m_eosId, &m.m_padId})
        if (*id >= m.size())
            *id = -1;
    return m;
}

int SentencePieceModel::byteValue(int id) const
{
    return id >= 0 && id < size() && m_pieces[id].type == Type::Byte ? parseBytePiece(m_pieces[id].text) : -1;
}

int SentencePieceModel::find(std::string_view piece) const
{
    const std::string key(piece);
    if (auto it = m_reserved.find(key); it != m_reserved.end())
        return it->second;
    if (auto it = m_mergeable.find(key); it != m_mergeable.end())
        return it->second;
    return -1;
}

// SentencePiece's normalizer without rules: ill-formed bytes become U+FFFD, spaces "▁", optional dummy prefix,
// optional removal of extra whitespace.
std::string SentencePieceModel::normalize(std::string_view text, bool addDummyPrefix) const
{
    std::string out;
    if (m_removeExtraWhitespaces)
        while (!text.empty() && text.front() == ' ')
            text.remove_prefix(1);
    if (text.empty())
        return out;
    const std::string space = m_escapeWhitespaces ? kSpace : std::string(" ");
    if (addDummyPrefix && !m_whitespaceAsSuffix)
        out += space;
    bool previousSpace = m_removeExtraWhitespaces;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8::sequenceLength(text, i);
        if (n == 0) {
            utf8::append(out, utf8::kReplacement);
            previousSpace = false;
            ++i;
            continue;
        }
        if (n == 1 && text[i] == ' ') {
            if (!previousSpace)
                out += space;
            previousSpace = m_removeExtraWhitespaces;
        } else {
            out.append(text.substr(i, n));
            previousSpace = false;
        }
        i += n;
    }
    if (m_removeExtraWhitespaces)
        while (out.size() >= space.size() && out.compare(out.size() - space.size(), space.size(), space) == 0)
            out.resize(out.size() - space.size());
    if (addDummyPrefix && m_whitespaceAsSuffix)
        out += space;
    return out;
}

std::vector<int> SentencePieceModel::encode(std::string_view text, bool addDummyPrefix) const
{
    const std::string normalized = normalize(text, addDummyPrefix && m_addDummyPrefix);
    std::vector<int> ids;
    if (normalized.empty())
        return ids;

    struct Symbol {
        int prev, next;
        bool frozen;
        std::size_t begin, length;
    };
    std::vector<Symbol> symbols;
    for (std::size_t i = 0; i < normalized.size();) {
        std::size_t length = 0;
        for (const auto &u : m_userDefined)
            if (u.size() > length && normalized.compare(i, u.size(), u) == 0)
                length = u.size();
        const bool frozen = length > 0;
        if (!frozen)
            length = std::max<std::size_t>(1, utf8::sequenceLength(normalized, i));
        const int index = static_cast<int>(symbols.size());
        symbols.push_back(Symbol{index - 1, -1, frozen, i, length});
        if (index > 0)
            symbols[index - 1].next = index;
        i += length;
    }

    struct Pair {
        int left, right;
        float score;
        std::size_t length;
    };
    // Best score first; among equal scores the leftmost pair.
    const auto worse = [](const Pair &a, const Pair &b) {
        return a.score < b.score || (a.score == b.score && a.left > b.left);
    };
    std::priority_queue<Pair, std::vector<Pair>, decltype(worse)> agenda(worse);
    std::unordered_map<std::string, std::pair<std::string, std::string>> unusedSplits;
    const auto consider = [&](int left, int right) {
        if (left < 0 || right < 0 || symbols[left].frozen || symbols[right].frozen)
            return;
        const std::size_t length = symbols[left].length + symbols[right].length;
        const std::string merged = normalized.substr(symbols[left].begin, length);
        const auto it = m_mergeable.find(merged);
        if (it == m_mergeable.end())
            return;
        agenda.push(Pair{left, right, m_pieces[it->second].score, length});
        if (m_pieces[it->second].type == Type::Unused)
            unusedSplits[merged] = {normalized.substr(symbols[left].begin, symbols[left].length),
                                    normalized.substr(symbols[right].begin, symbols[right].length)};
    };
    for (std::size_t i = 1; i < symbols.size(); ++i)
        consider(static_cast<int>(i) - 1, static_cast<int>(i));
    while (!agenda.empty()) {
        const Pair top = agenda.top();
        agenda.pop();
        Symbol &left = symbols[top.left];
        Symbol &right = symbols[top.right];
        // Stale: one side was merged away or grew since the pair was queued.
        if (left.length == 0 || right.length == 0 || left.length + right.length != top.length || left.next != top.right)
            continue;
        left.length += right.length;
        left.next = right.next;
        if (right.next >= 0)
            symbols[right.next].prev = top.left;
        right.length = 0;
        consider(left.prev, top.left);
        consider(top.left, left.next);
    }

    // Unused pieces are split back into the pieces they were made of; unknown ones fall back to bytes.
    bool previousUnknown = false;
    std::function<void(const std::string &)> emit = [&](const std::string &piece) {
        if (auto it = m_mergeable.find(piece); it != m_mergeable.end()) {
            if (m_pieces[it->second].type == Type::Unused) {
                if (auto split = unusedSplits.find(piece); split != unusedSplits.end()) {
                    emit(split->second.first);
                    emit(split->second.second);
                    return;
                }
            }
            ids.push_back(it->second);
            previousUnknown = false;
            return;
        }
        if (m_byteFallback) {
            for (const char c : piece)
                ids.push_back(m_byteIds[static_cast<unsigned char>(c)]);
            previousUnknown = false;
            return;
        }
        if (!previousUnknown) // runs of unknown characters become one <unk>
            ids.push_back(m_unkId);
        previousUnknown = true;
    };
    for (int index = 0; index >= 0; index = symbols[index].next)
        emit(normalized.substr(symbols[index].begin, symbols[index].length));
    return ids;
}

} // namespace vindex::models
