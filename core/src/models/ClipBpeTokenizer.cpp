#include "vindex/models/ClipBpeTokenizer.h"

#include "vindex/core/Error.h"
#include "vindex/core/UnicodeLocale.h"
#include "vindex/core/Utf8.h"
#include "vindex/io/JsonFile.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <locale.h>
#include <unordered_map>
#include <wctype.h>
#include <zlib.h>

namespace fs = std::filesystem;

namespace vindex::models {

namespace {

constexpr const char *kStart = "<|startoftext|>";
constexpr const char *kEnd = "<|endoftext|>";
constexpr const char *kWordEnd = "</w>";

// ---- character classes ---------------------------------------------------------------------------------------

// Non-ASCII lower-casing and letter classes come from the C library's Unicode tables (unicodeLocale()); without
// them only ASCII is classified, which is all that COCO-style captions need.

// Python's str.isspace() (what \s matches in a str pattern).
bool isSpace(char32_t c)
{
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// \p{N}: ASCII digits, the decimal digits of the common scripts and the usual superscripts, fractions, Roman
// numerals and circled numbers (the C library counts non-ASCII digits as letters, so they are listed here).
bool isNumber(char32_t c)
{
    if (c < 0x80)
        return c >= '0' && c <= '9';
    static constexpr std::array<std::pair<char32_t, char32_t>, 24> kRanges{{
        {0x00B2, 0x00B3}, {0x00B9, 0x00B9}, {0x00BC, 0x00BE}, {0x0660, 0x0669}, {0x06F0, 0x06F9}, {0x0966, 0x096F},
        {0x09E6, 0x09EF}, {0x0A66, 0x0A6F}, {0x0AE6, 0x0AEF}, {0x0BE6, 0x0BF2}, {0x0E50, 0x0E59}, {0x2070, 0x2070},
        {0x2074, 0x2079}, {0x2080, 0x2089}, {0x2150, 0x2189}, {0x2460, 0x249B}, {0x24EA, 0x24FF}, {0x2776, 0x2793},
        {0x3007, 0x3007}, {0x3021, 0x3029}, {0x3038, 0x303A}, {0x3192, 0x3195}, {0x3220, 0x3229}, {0xFF10, 0xFF19},
    }};
    for (const auto &[first, last] : kRanges)
        if (c >= first && c <= last)
            return true;
    return false;
}

// \p{L}.
bool isLetter(char32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (isNumber(c))
        return false;
    const locale_t locale = unicodeLocale();
    return locale && c <= static_cast<char32_t>(WINT_MAX) && iswalpha_l(static_cast<wint_t>(c), locale);
}

char32_t toLower(char32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    const locale_t locale = unicodeLocale();
    return locale ? static_cast<char32_t>(towlower_l(static_cast<wint_t>(c), locale)) : c;
}

// ---- clean-up (the parts of ftfy.fix_text and html.unescape that captions meet) -----------------------------

char32_t namedEntity(const std::string &name)
{
    static const std::unordered_map<std::string, char32_t> kEntities{
        {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
        {"nbsp", 0xA0},    {"ndash", 0x2013}, {"mdash", 0x2014}, {"lsquo", 0x2018}, {"rsquo", 0x2019},
        {"sbquo", 0x201A}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"bdquo", 0x201E}, {"hellip", 0x2026},
        {"eacute", 0xE9},  {"egrave", 0xE8},  {"aacute", 0xE1},  {"agrave", 0xE0},  {"iacute", 0xED},
        {"oacute", 0xF3},  {"uacute", 0xFA},  {"ntilde", 0xF1},  {"ccedil", 0xE7},  {"uuml", 0xFC},
        {"ouml", 0xF6},    {"auml", 0xE4},    {"szlig", 0xDF},   {"deg", 0xB0},     {"copy", 0xA9},
        {"reg", 0xAE},     {"trade", 0x2122}, {"times", 0xD7},   {"frac12", 0xBD},  {"frac14", 0xBC},
        {"frac34", 0xBE},  {"middot", 0xB7},  {"bull", 0x2022},  {"laquo", 0xAB},   {"raquo", 0xBB},
    };
    const auto it = kEntities.find(name);
    return it == kEntities.end() ? 0 : it->second;
}

// html.unescape for &name; (the entities above), &#NNN; and &#xHH;; anything else stays as written.
std::u32string unescapeHtml(const std::u32string &text)
{
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '&') {
            out.push_back(text[i]);
            continue;
        }
        const std::size_t semicolon = text.find(';', i + 1);
        if (semicolon == std::u32string::npos || semicolon - i > 12 || semicolon == i + 1) {
            out.push_back(text[i]);
            continue;
        }
        const std::u32string body = text.substr(i + 1, semicolon - i - 1);
        char32_t cp = 0;
        if (body[0] == '#') {
            const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
            const std::size_t digitsFrom = hex ? 2 : 1;
            bool ok = body.size() > digitsFrom;
            unsigned long value = 0;
            for (std::size_t k = digitsFrom; ok && k < body.size(); ++k) {
                const char32_t d = body[k];
                int digit = d >= '0' && d <= '9'          ? static_cast<int>(d - '0')
                            : hex && d >= 'a' && d <= 'f' ? static_cast<int>(d - 'a' + 10)
                            : hex && d >= 'A' && d <= 'F' ? static_cast<int>(d - 'A' + 10)
                                                          : -1;
                ok = digit >= 0 && value < 0x110000;
                value = value * (hex ? 16 : 10) + static_cast<unsigned long>(std::max(digit, 0));
            }
            if (ok)
                cp = value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)
                         ? 0xFFFD
                         : static_cast<char32_t>(value);
        } else {
            std::string name;
            for (char32_t c : body)
                name += c < 0x80 ? static_cast<char>(c) : '?';
            cp = namedEntity(name);
        }
        if (cp == 0) {
            out.push_back(text[i]);
            continue;
        }
        out.push_back(cp);
        i = semicolon;
    }
    return out;
}

// ftfy.fix_text's character fixes: curly quotes → straight, Latin ligatures split, full-width ASCII → ASCII,
// control characters removed. (Mojibake repair and NFC are not done: captions written by models or people in
// UTF-8 do not need them.)
std::u32string fixCharacters(const std::u32string &text)
{
    std::u32string out;
    out.reserve(text.size());
    for (char32_t c : text) {
        if (c == 0x02BC || (c >= 0x2018 && c <= 0x201B)) {
            out.push_back('\'');
        } else if (c >= 0x201C && c <= 0x201F) {
            out.push_back('"');
        } else if (c >= 0xFB00 && c <= 0xFB06) {
            static const char *kLigatures[] = {"ff", "fi", "fl", "ffi", "ffl", "\xC5\xBFt", "st"};
            out += utf8::decode(kLigatures[c - 0xFB00]);
        } else if (c == 0x0132 || c == 0x0133) {
            out += c == 0x0132 ? U"IJ" : U"ij";
        } else if (c >= 0xFF01 && c <= 0xFF5E) {
            out.push_back(c - 0xFF01 + 0x21);
        } else if (c == 0x3000) {
            out.push_back(' ');
        } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || c == 0x7F || c == 0xFEFF ||
                   (c >= 0x206A && c <= 0x206F) || (c >= 0xFFF9 && c <= 0xFFFC)) {
            continue;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

// ---- byte characters (GPT-2's bytes_to_unicode) -----------------------------------------------------------------

struct ByteCharacters {
    std::array<std::string, 256> ofByte;          // byte → UTF-8 of its printable stand-in
    std::unordered_map<char32_t, uint8_t> toByte; // stand-in → byte

    ByteCharacters()
    {
        std::array<bool, 256> printable{};
        for (int b = '!'; b <= '~'; ++b)
            printable[b] = true;
        for (int b = 0xA1; b <= 0xAC; ++b)
            printable[b] = true;
        for (int b = 0xAE; b <= 0xFF; ++b)
            printable[b] = true;
        char32_t next = 256;
        for (int b = 0; b < 256; ++b) {
            const char32_t cp = printable[b] ? static_cast<char32_t>(b) : next++;
            utf8::append(ofByte[b], cp);
            toByte.emplace(cp, static_cast<uint8_t>(b));
        }
    }
};

const ByteCharacters &byteCharacters()
{
    static const ByteCharacters table;
    return table;
}

bool startsWith(const std::u32string &text, std::size_t at, const char *ascii)
{
    for (std::size_t k = 0; ascii[k]; ++k)
        if (at + k >= text.size() || text[at + k] != static_cast<char32_t>(static_cast<unsigned char>(ascii[k])))
            return false;
    return true;
}

// The whole file, inflated when it starts with gzip's magic (every member, as Python's gzip.open reads them).
std::string readMaybeGzipped(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw FormatError(path, std::string("cannot be read: ") + std::strerror(errno));
    const std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (raw.size() < 2 || static_cast<unsigned char>(raw[0]) != 0x1f || static_cast<unsigned char>(raw[1]) != 0x8b)
        return raw;
    std::string out;
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        throw FormatError(path, "cannot start gzip decompression");
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(raw.data()));
    stream.avail_in = static_cast<uInt>(raw.size());
    std::array<char, 1 << 16> buffer{};
    while (true) {
        stream.next_out = reinterpret_cast<Bytef *>(buffer.data());
        stream.avail_out = static_cast<uInt>(buffer.size());
        const int status = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer.data(), buffer.size() - stream.avail_out);
        if (status == Z_STREAM_END) {
            if (stream.avail_in == 0)
                break;
            inflateReset(&stream); // another gzip member follows
            continue;
        }
        if (status == Z_BUF_ERROR || (status == Z_OK && stream.avail_in == 0 && stream.avail_out != 0)) {
            inflateEnd(&stream);
            throw FormatError(path, "ends inside its gzip data (truncated)");
        }
        if (status != Z_OK) {
            const std::string reason = stream.msg ? stream.msg : "corrupt";
            inflateEnd(&stream);
            throw FormatError(path, "is not valid gzip data (" + reason + ")");
        }
    }
    inflateEnd(&stream);
    return out;
}

// Python's str.split() on a line of the vocabulary file (its symbols hold no Unicode spaces: bytes_to_unicode maps
// every space byte to a printable stand-in).
std::vector<std::string> splitWhitespace(const std::string &line)
{
    const auto blank = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\x1c' && c <= '\x1f'); };
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < line.size();) {
        if (blank(line[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < line.size() && !blank(line[end]))
            ++end;
        parts.push_back(line.substr(i, end - i));
        i = end;
    }
    return parts;
}

} // namespace

struct ClipBpeTokenizer::Impl {
    std::string vocabPath, mergesPath;
    std::unordered_map<std::string, int64_t> vocab;
    std::vector<std::string> tokenOf;           // id → vocabulary string
    std::unordered_map<std::string, int> ranks; // "a b" → merge rank
    int64_t startId = 0, endId = 0;
};

ClipBpeTokenizer::ClipBpeTokenizer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
ClipBpeTokenizer::ClipBpeTokenizer(ClipBpeTokenizer &&) noexcept = default;
ClipBpeTokenizer &ClipBpeTokenizer::operator=(ClipBpeTokenizer &&) noexcept = default;
ClipBpeTokenizer::~ClipBpeTokenizer() = default;

ClipBpeTokenizer ClipBpeTokenizer::load(const std::string &folder)
{
    const fs::path dir(folder);
    for (const char *name : {"vocab.json", "merges.txt"})
        if (!fs::exists(dir / name))
            throw FormatError((dir / name).string(),
                              "is missing (CLIP's BPE tokenizer needs vocab.json and merges.txt in the model folder)");
    return fromFiles((dir / "vocab.json").string(), (dir / "merges.txt").string());
}

ClipBpeTokenizer ClipBpeTokenizer::fromFiles(const std::string &vocabPath, const std::string &mergesPath)
{
    auto impl = std::make_unique<Impl>();
    impl->vocabPath = vocabPath;
    impl->mergesPath = mergesPath;

    const auto vocab = io::readJsonFile(vocabPath);
    if (!vocab.is_object() || vocab.empty())
        throw FormatError(vocabPath, "expected a JSON object {\"token\": id, ...}");
    for (const auto &[token, id] : vocab.items()) {
        if (!id.is_number_integer() || id.get<int64_t>() < 0 || id.get<int64_t>() > 10'000'000)
            throw FormatError(vocabPath, "the id of token '" + token + "' is not an integer in [0, 10000000]");
        const int64_t value = id.get<int64_t>();
        impl->vocab.emplace(token, value);
        if (static_cast<std::size_t>(value) >= impl->tokenOf.size())
            impl->tokenOf.resize(static_cast<std::size_t>(value) + 1);
        impl->tokenOf[static_cast<std::size_t>(value)] = token;
    }
    for (const char *special : {kStart, kEnd})
        if (!impl->vocab.count(special))
            throw FormatError(vocabPath, std::string("has no ") + special + " token (not a CLIP vocabulary)");
    impl->startId = impl->vocab.at(kStart);
    impl->endId = impl->vocab.at(kEnd);

    std::ifstream merges(mergesPath, std::ios::binary);
    if (!merges)
        throw FormatError(mergesPath, std::string("cannot be read: ") + std::strerror(errno));
    std::string line;
    std::size_t lineNumber = 0;
    while (std::getline(merges, line)) {
        ++lineNumber;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty() || (lineNumber == 1 && line.rfind("#version", 0) == 0))
            continue;
        const auto space = line.find(' ');
        if (space == std::string::npos || space == 0 || space + 1 == line.size() ||
            line.find(' ', space + 1) != std::string::npos)
            throw FormatError(mergesPath, "line " + std::to_string(lineNumber) + " is not a merge of two symbols ('" +
                                              line.substr(0, 60) + "')");
        // The first occurrence of a pair keeps its (lower) rank, as both reference tokenizers read the file.
        impl->ranks.emplace(line, static_cast<int>(impl->ranks.size()));
    }
    if (impl->ranks.empty())
        throw FormatError(mergesPath, "holds no merges");
    return ClipBpeTokenizer(std::move(impl));
}

ClipBpeTokenizer ClipBpeTokenizer::fromOpenAiVocab(const std::string &bpePath)
{
    // SimpleTokenizer: merges = lines[1:49152-256-2+1]; vocab = bytes, bytes + "</w>", joined merges, specials.
    constexpr std::size_t kMergeEnd = 49152 - 256 - 2 + 1;
    const std::string text = readMaybeGzipped(bpePath);
    std::vector<std::string> lines;
    for (std::size_t from = 0;;) {
        const std::size_t newline = text.find('\n', from);
        lines.push_back(text.substr(from, newline == std::string::npos ? std::string::npos : newline - from));
        if (newline == std::string::npos || lines.size() >= kMergeEnd)
            break;
        from = newline + 1;
    }
    if (lines.size() < 2)
        throw FormatError(bpePath, "holds no merges (not OpenAI's bpe_simple_vocab_16e6.txt.gz)");

    auto impl = std::make_unique<Impl>();
    impl->vocabPath = impl->mergesPath = bpePath;
    // bytes_to_unicode().values() in the dict's order: the printable bytes ('!'..'~', 0xA1..0xAC, 0xAE..0xFF) first,
    // then the others in byte order.
    const auto &bytes = byteCharacters();
    std::vector<std::string> byteSymbols;
    const auto printable = [](int b) { return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE; };
    for (int b = 0; b < 256; ++b)
        if (printable(b))
            byteSymbols.push_back(bytes.ofByte[static_cast<std::size_t>(b)]);
    for (int b = 0; b < 256; ++b)
        if (!printable(b))
            byteSymbols.push_back(bytes.ofByte[static_cast<std::size_t>(b)]);
    for (const auto &symbol : byteSymbols)
        impl->tokenOf.push_back(symbol);
    for (const auto &symbol : byteSymbols)
        impl->tokenOf.push_back(symbol + kWordEnd);
    for (std::size_t l = 1; l < lines.size() && l < kMergeEnd; ++l) {
        const auto parts = splitWhitespace(lines[l]);
        std::string joined;
        for (const auto &part : parts)
            joined += part;
        if (parts.size() == 2) // only pairs can ever be looked up
            impl->ranks[parts[0] + " " + parts[1]] = static_cast<int>(l - 1);
        impl->tokenOf.push_back(joined);
    }
    impl->tokenOf.emplace_back(kStart);
    impl->tokenOf.emplace_back(kEnd);
    for (std::size_t id = 0; id < impl->tokenOf.size(); ++id)
        impl->vocab[impl->tokenOf[id]] = static_cast<int64_t>(id);
    impl->startId = impl->vocab.at(kStart);
    impl->endId = impl->vocab.at(kEnd);
    return ClipBpeTokenizer(std::move(impl));
}

std::string ClipBpeTokenizer::normalize(const std::string &text)
{
    auto chars = utf8::decode(text);
    // ftfy unescapes HTML itself when the text has no '<'; CLIP then unescapes twice more.
    if (chars.find('<') == std::u32string::npos)
        chars = unescapeHtml(chars);
    chars = unescapeHtml(unescapeHtml(fixCharacters(chars)));
    std::u32string cleaned;
    cleaned.reserve(chars.size());
    for (char32_t c : chars) {
        if (isSpace(c)) {
            if (!cleaned.empty() && cleaned.back() != ' ')
                cleaned.push_back(' ');
        } else {
            cleaned.push_back(toLower(c));
        }
    }
    if (!cleaned.empty() && cleaned.back() == ' ')
        cleaned.pop_back();
    return utf8::encode(cleaned);
}

std::vector<std::string> ClipBpeTokenizer::preTokenize(const std::string &normalized)
{
    static const char *kContractions[] = {"'s", "'t", "'re", "'ve", "'m", "'ll", "'d"};
    const auto text = utf8::decode(normalized);
    std::vector<std::string> pieces;
    std::size_t i = 0;
    while (i < text.size()) {
        const char32_t c = text[i];
        if (isSpace(c)) {
            ++i;
            continue;
        }
        std::size_t end = i;
        if (startsWith(text, i, kStart)) {
            end = i + std::strlen(kStart);
        } else if (startsWith(text, i, kEnd)) {
            end = i + std::strlen(kEnd);
        } else if (c == '\'') {
            for (const char *contraction : kContractions)
                if (startsWith(text, i, contraction)) {
                    end = i + std::strlen(contraction);
                    break;
                }
        }
        if (end == i) {
            if (isLetter(c)) {
                while (end < text.size() && isLetter(text[end]))
                    ++end;
            } else if (isNumber(c)) {
                end = i + 1;
            } else {
                while (end < text.size() && !isSpace(text[end]) && !isLetter(text[end]) && !isNumber(text[end]))
                    ++end;
            }
        }
        pieces.push_back(utf8::encode(text.substr(i, end - i)));
        i = end;
    }
    return pieces;
}

std::vector<std::string> ClipBpeTokenizer::bpe(const std::string &piece) const
{
    const auto &bytes = byteCharacters();
    std::vector<std::string> word;
    word.reserve(piece.size());
    for (unsigned char b : piece)
        word.push_back(bytes.ofByte[b]);
    if (word.empty())
        return word;
    word.back() += kWordEnd;
    // Merge the lowest-ranked adjacent pair everywhere it occurs, until no pair has a rank (OpenAI's loop).
    while (word.size() > 1) {
        int best = INT_MAX;
        std::size_t bestAt = 0;
        for (std::size_t k = 0; k + 1 < word.size(); ++k) {
            const auto it = m_impl->ranks.find(word[k] + " " + word[k + 1]);
            if (it != m_impl->ranks.end() && it->second < best) {
                best = it->second;
                bestAt = k;
            }
        }
        if (best == INT_MAX)
            break;
        const std::string first = word[bestAt], second = word[bestAt + 1];
        std::vector<std::string> merged;
        merged.reserve(word.size());
        for (std::size_t k = 0; k < word.size();) {
            if (k + 1 < word.size() && word[k] == first && word[k + 1] == second) {
                merged.push_back(first + second);
                k += 2;
            } else {
                merged.push_back(word[k]);
                ++k;
            }
        }
        word = std::move(merged);
    }
    return word;
}

std::vector<int64_t> ClipBpeTokenizer::encodeWithoutSpecial(const std::string &text) const
{
    std::vector<int64_t> ids;
    for (const auto &piece : preTokenize(normalize(text))) {
        if (piece == kStart || piece == kEnd) {
            ids.push_back(piece == kStart ? m_impl->startId : m_impl->endId);
            continue;
        }
        for (const auto &symbol : bpe(piece)) {
            const auto it = m_impl->vocab.find(symbol);
            ids.push_back(it == m_impl->vocab.end() ? m_impl->endId : it->second);
        }
    }
    return ids;
}

std::vector<int64_t> ClipBpeTokenizer::encode(const std::string &text, std::size_t maxLength) const
{
    if (maxLength < 2)
        throw Error("CLIP tokenizer: a context of " + std::to_string(maxLength) +
                    " ids cannot hold <|startoftext|> and <|endoftext|>");
    std::vector<int64_t> ids{m_impl->startId};
    const auto body = encodeWithoutSpecial(text);
    ids.insert(ids.end(), body.begin(), body.end());
    ids.push_back(m_impl->endId);
    if (ids.size() > maxLength) {
        ids.resize(maxLength);
        ids.back() = m_impl->endId;
    }
    return ids;
}

std::vector<std::string> ClipBpeTokenizer::tokens(const std::vector<int64_t> &ids) const
{
    std::vector<std::string> out;
    out.reserve(ids.size());
    for (const int64_t id : ids)
        out.push_back(id >= 0 && static_cast<std::size_t>(id) < m_impl->tokenOf.size()
                          ? m_impl->tokenOf[static_cast<std::size_t>(id)]
                          : std::string());
    return out;
}

std::string ClipBpeTokenizer::decode(const std::vector<int64_t> &ids) const
{
    const auto &bytes = byteCharacters();
    std::string out;
    for (const int64_t id : ids) {
        if (id == m_impl->startId || id == m_impl->endId || id < 0 ||
            static_cast<std::size_t>(id) >= m_impl->tokenOf.size())
            continue;
        std::string token = m_impl->tokenOf[static_cast<std::size_t>(id)];
        const bool wordEnd = token.size() >= 4 && token.compare(token.size() - 4, 4, kWordEnd) == 0;
        if (wordEnd)
            token.resize(token.size() - 4);
        for (char32_t cp : utf8::decode(token)) {
            const auto it = bytes.toByte.find(cp);
            if (it != bytes.toByte.end())
                out += static_cast<char>(it->second);
        }
        if (wordEnd)
            out += ' ';
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

int64_t ClipBpeTokenizer::startId() const
{
    return m_impl->startId;
}
int64_t ClipBpeTokenizer::endId() const
{
    return m_impl->endId;
}
int64_t ClipBpeTokenizer::vocabSize() const
{
    return static_cast<int64_t>(m_impl->tokenOf.size());
}
const std::string &ClipBpeTokenizer::source() const
{
    return m_impl->vocabPath;
}

} // namespace vindex::models
