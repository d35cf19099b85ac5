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
    if (modelType != 1 && modelType != 2)
        throw ModelError(sourceName + ": SentencePiece model type " + std::to_string(modelType) +
                         " is not supported (only unigram, as in T5, and BPE, as in LLaMA)");
    m.m_algorithm = static_cast<Algorithm>(modelType);
    if (!charsMap.empty())
        m.loadCharsMap(charsMap);

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
    bool anyNormal = false;
    for (const Piece &p : m.m_pieces) {
        if (p.type == Type::Normal || p.type == Type::UserDefined || p.type == Type::Unused)
            m.m_longestPiece = std::max(m.m_longestPiece, p.text.size());
        if (p.type != Type::Normal)
            continue;
        m.m_minScore = anyNormal ? std::min(m.m_minScore, p.score) : p.score;
        m.m_maxScore = anyNormal ? std::max(m.m_maxScore, p.score) : p.score;
        anyNormal = true;
    }
    return m;
}

// precompiled_charsmap: a little-endian uint32 trie size, the darts-clone double array, then the replacement strings.
void SentencePieceModel::loadCharsMap(const std::string &blob)
{
    const auto bad = [&](const std::string &what) {
        return FormatError(m_source, "has a malformed precompiled_charsmap (" + what + ")");
    };
    if (blob.size() < 4)
        throw bad("shorter than its header");
    uint32_t trieBytes = 0;
    for (int i = 0; i < 4; ++i)
        trieBytes |= static_cast<uint32_t>(static_cast<unsigned char>(blob[i])) << (8 * i);
    if (trieBytes >= blob.size() - 4 || trieBytes % 4 != 0 || trieBytes == 0)
        throw bad("trie size " + std::to_string(trieBytes));
    m_charsTrie.resize(trieBytes / 4);
    for (std::size_t u = 0; u < m_charsTrie.size(); ++u)
        for (int i = 0; i < 4; ++i)
            m_charsTrie[u] |= static_cast<uint32_t>(static_cast<unsigned char>(blob[4 + 4 * u + i])) << (8 * i);
    m_charsNormalized = blob.substr(4 + trieBytes);
    if (m_charsNormalized.empty() || m_charsNormalized.back() != '\0')
        m_charsNormalized.push_back('\0');
}

std::pair<std::string_view, std::size_t> SentencePieceModel::normalizePrefix(std::string_view text) const
{
    for (const auto &u : m_userDefined) // user-defined symbols pass through the normalizer untouched
        if (text.substr(0, u.size()) == u)
            return {text.substr(0, u.size()), u.size()};
    std::size_t longest = 0;
    uint32_t value = 0;
    if (!m_charsTrie.empty()) {
        // darts-clone commonPrefixSearch: every rule that is a prefix of `text`; the longest wins.
        const auto offset = [](uint32_t unit) { return (unit >> 10) << ((unit & (1U << 9)) >> 6); };
        std::size_t node = offset(m_charsTrie[0]);
        for (std::size_t i = 0; i < text.size(); ++i) {
            const auto c = static_cast<unsigned char>(text[i]);
            node ^= c;
            if (node >= m_charsTrie.size())
                break;
            const uint32_t unit = m_charsTrie[node];
            if ((unit & ((1U << 31) | 0xFF)) != c)
                break;
            node ^= offset(unit);
            if (node >= m_charsTrie.size())
                break;
            if ((unit >> 8) & 1) {
                longest = i + 1;
                value = m_charsTrie[node] & ((1U << 31) - 1);
            }
        }
    }
    if (longest > 0 && value < m_charsNormalized.size())
        return {std::string_view(m_charsNormalized.data() + value), longest};
    const std::size_t n = utf8::sequenceLength(text, 0);
    if (n == 0)
        return {"\xEF\xBF\xBD", 1}; // ill-formed byte: U+FFFD, one byte consumed
    return {text.substr(0, n), n};
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

// SentencePiece's Normalizer::Normalize: the character map (or identity; ill-formed bytes become U+FFFD), leading,
// trailing and repeated spaces removed when remove_extra_whitespaces, spaces as "▁", optional dummy prefix.
std::string SentencePieceModel::normalize(std::string_view text, bool addDummyPrefix) const
{
    std::string out;
    if (m_removeExtraWhitespaces && !m_whitespaceAsSuffix)
        while (!text.empty()) {
            const auto [normalized, consumed] = normalizePrefix(text);
            if (normalized != " ")
                break;
            text.remove_prefix(consumed);
        }
    if (text.empty())
        return out;
    const std::string space = m_escapeWhitespaces ? kSpace : std::string(" ");
    if (addDummyPrefix && !m_whitespaceAsSuffix)
        out += space;
    bool previousSpace = m_removeExtraWhitespaces;
    while (!text.empty()) {
        auto [normalized, consumed] = normalizePrefix(text);
        while (previousSpace && !normalized.empty() && normalized.front() == ' ')
            normalized.remove_prefix(1);
        if (!normalized.empty()) {
            for (const char c : normalized) {
                if (c == ' ' && m_escapeWhitespaces)
                    out += kSpace;
                else
                    out += c;
            }
            previousSpace = normalized.back() == ' ';
        }
        text.remove_prefix(consumed);
        if (!m_removeExtraWhitespaces)
            previousSpace = false;
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
    if (normalized.empty())
        return {};
    return m_algorithm == Algorithm::Unigram ? encodeUnigram(normalized) : encodeBpe(normalized);
}

// SentencePiece's unigram Model::Encode: the best-scoring segmentation of the lattice of pieces (unused pieces
// excluded, user-defined ones scored length * max score - 0.1); a character no single piece covers is <unk> with
// min score - 10. Among equal scores the first path found (the longest last piece) is kept. Runs of <unk> merge.
std::vector<int> SentencePieceModel::encodeUnigram(const std::string &normalized) const
{
    constexpr float kUnkPenalty = 10.0f;
    const float unkScore = m_minScore - kUnkPenalty;
    struct Best {
        double score = 0;
        int id = -1;
        std::size_t start = 0;
        bool reached = false;
    };
    const std::size_t n = normalized.size();
    std::vector<Best> best(n + 1);
    best[0].reached = true;
    std::string candidate;
    for (std::size_t begin = 0; begin < n;) {
        const std::size_t charLength = std::max<std::size_t>(1, utf8::sequenceLength(normalized, begin));
        if (!best[begin].reached) {
            begin += charLength;
            continue;
        }
        bool singleCharacter = false;
        const auto offer = [&](std::size_t end, double score, int id) {
            const double total = best[begin].score + score;
            if (!best[end].reached || total > best[end].score)
                best[end] = Best{total, id, begin, true};
        };
        for (std::size_t length = 1; length <= m_longestPiece && begin + length <= n; ++length) {
            candidate.assign(normalized, begin, length);
            const auto it = m_mergeable.find(candidate);
            if (it == m_mergeable.end())
                continue;
            const Piece &piece = m_pieces[it->second];
            if (piece.type == Type::Unused)
                continue;
            const double score = piece.type == Type::UserDefined ? static_cast<double>(length) * m_maxScore - 0.1
                                                                 : static_cast<double>(piece.score);
            offer(begin + length, score, it->second);
            if (length == charLength)
                singleCharacter = true;
        }
        if (!singleCharacter)
            offer(begin + charLength, unkScore, m_unkId);
        begin += charLength;
    }
    std::vector<int> reversed;
    for (std::size_t end = n; end > 0; end = best[end].start)
        reversed.push_back(best[end].id);
    std::vector<int> ids;
    for (auto it = reversed.rbegin(); it != reversed.rend(); ++it) {
        if (*it == m_unkId && !ids.empty() && ids.back() == m_unkId)
            continue;
        ids.push_back(*it);
    }
    return ids;
}

std::vector<int> SentencePieceModel::encodeBpe(const std::string &normalized) const
{
    std::vector<int> ids;

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
