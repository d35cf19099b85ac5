#include "vindex/models/Tokenizer.h"

#include "vindex/core/Error.h"
#include "vindex/core/Utf8.h"
#include "vindex/io/JsonFile.h"

#include "SentencePieceModel.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace vindex::models {

struct Tokenizer::Impl {
    SentencePieceModel model;
};

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

void stripRight(std::string &s)
{
    while (!s.empty() && isSpace(s.back()))
        s.pop_back();
}

void stripLeft(std::string &s)
{
    std::size_t n = 0;
    while (n < s.size() && isSpace(s[n]))
        ++n;
    s.erase(0, n);
}

} // namespace

Tokenizer::Tokenizer() = default;
Tokenizer::Tokenizer(Tokenizer &&) noexcept = default;
Tokenizer &Tokenizer::operator=(Tokenizer &&) noexcept = default;
Tokenizer::~Tokenizer() = default;

Tokenizer Tokenizer::fromModelFile(const std::string &modelPath)
{
    Tokenizer t;
    t.m_source = modelPath;
    t.m_impl = std::make_unique<Impl>(Impl{SentencePieceModel::load(modelPath)});
    // HF matches the special tokens written literally in text ("</s>" ends each answer in LLaVA's multi-turn
    // prompts); plain SentencePiece would spell them out.
    const auto &sp = t.m_impl->model;
    for (const int id : {sp.unkId(), sp.bosId(), sp.eosId()})
        if (id >= 0)
            t.addToken(AddedToken{sp.piece(id), id, true, false, false});
    return t;
}

Tokenizer Tokenizer::load(const std::string &folder)
{
    namespace fs = std::filesystem;
    const fs::path root(folder);
    const fs::path modelPath = root / "tokenizer.model";
    if (!fs::exists(modelPath))
        throw FormatError(modelPath.string(),
                          "is missing (a LLaMA tokenizer folder has a SentencePiece tokenizer.model)");
    Tokenizer t = fromModelFile(modelPath.string());
    t.m_source = folder;

    const fs::path addedPath = root / "added_tokens.json";
    if (fs::exists(addedPath)) {
        const auto json = io::readJsonFile(addedPath.string());
        if (!json.is_object())
            throw FormatError(addedPath.string(), "expected an object {token: id}");
        for (const auto &[content, id] : json.items()) {
            if (!id.is_number_integer() || id.get<int64_t>() < 0)
                throw FormatError(addedPath.string(), "token '" + content + "' has no non-negative integer id");
            t.addToken(AddedToken{content, id.get<int64_t>(), true, false, false});
        }
    }
    const fs::path configPath = root / "tokenizer_config.json";
    if (fs::exists(configPath)) {
        const auto json = io::readJsonFile(configPath.string());
        if (json.contains("added_tokens_decoder")) {
            const auto &decoder = json["added_tokens_decoder"];
            if (!decoder.is_object())
                throw FormatError(configPath.string(), "added_tokens_decoder is not an object {id: token}");
            for (const auto &[key, entry] : decoder.items()) {
                int64_t id = -1;
                try {
                    std::size_t used = 0;
                    id = std::stoll(key, &used);
                    if (used != key.size())
                        id = -1;
                } catch (const std::exception &) {
                }
                if (id < 0 || !entry.is_object() || !entry.contains("content") || !entry["content"].is_string())
                    throw FormatError(configPath.string(),
                                      "added_tokens_decoder entry '" + key + "' needs an integer id and a content");
                AddedToken token{entry["content"].get<std::string>(), id, entry.value("special", true),
                                 entry.value("lstrip", false), entry.value("rstrip", false)};
                t.addToken(token);
            }
        }
    }
    return t;
}

void Tokenizer::addToken(const AddedToken &token)
{
    for (auto &existing : m_added)
        if (existing.content == token.content) {
            existing = token;
            return;
        }
    m_added.push_back(token);
}

std::vector<int64_t> Tokenizer::addTokens(const std::vector<std::string> &contents, bool special)
{
    std::vector<int64_t> ids;
    for (const auto &content : contents) {
        auto id = findId(content);
        if (!id)
            id = vocabSize();
        addToken(AddedToken{content, *id, special, false, false});
        ids.push_back(*id);
    }
    return ids;
}

// The text cut at added tokens: the longest token at the earliest position wins (HF's trie split).
std::vector<Tokenizer::Segment> Tokenizer::split(const std::string &text) const
{
    std::vector<Segment> segments;
    std::size_t textStart = 0;
    for (std::size_t i = 0; i < text.size();) {
        const AddedToken *best = nullptr;
        for (const auto &token : m_added)
            if (!token.content.empty() && (!best || token.content.size() > best->content.size()) &&
                text.compare(i, token.content.size(), token.content) == 0)
                best = &token;
        if (!best) {
            ++i;
            continue;
        }
        if (i > textStart)
            segments.push_back(Segment{text.substr(textStart, i - textStart), -1, textStart == 0});
        segments.push_back(Segment{best->content, best->id, false});
        i += best->content.size();
        textStart = i;
    }
    if (textStart < text.size())
        segments.push_back(Segment{text.substr(textStart), -1, textStart == 0});

    // Whitespace eaten by the neighbouring added tokens.
    for (std::size_t k = 0; k < segments.size(); ++k) {
        if (segments[k].addedId < 0)
            continue;
        const AddedToken *token = nullptr;
        for (const auto &t : m_added)
            if (t.content == segments[k].text)
                token = &t;
        if (k > 0 && segments[k - 1].addedId < 0 && (token->lstrip || m_spacing == Spacing::Legacy))
            stripRight(segments[k - 1].text);
        if (k + 1 < segments.size() && segments[k + 1].addedId < 0 && token->rstrip)
            stripLeft(segments[k + 1].text);
    }
    return segments;
}

std::vector<int> Tokenizer::encodeSegment(const Segment &segment) const
{
    if (segment.text.empty())
        return {};
    const bool prefix = segment.atStart || m_spacing == Spacing::Legacy;
    return m_impl->model.encode(segment.text, prefix);
}

std::vector<int64_t> Tokenizer::encode(const std::string &text, bool addBos) const
{
    std::vector<int64_t> ids;
    if (addBos && bosId() >= 0)
        ids.push_back(bosId());
    for (const auto &segment : split(text)) {
        if (segment.addedId >= 0) {
            ids.push_back(segment.addedId);
            continue;
        }
        for (const int id : encodeSegment(segment))
            ids.push_back(id);
    }
    return ids;
}

std::vector<int64_t> Tokenizer::encodeWithPlaceholder(const std::string &prompt, const std::string &marker,
                                                      int64_t placeholderId) const
{
    std::vector<std::string> chunks;
    if (marker.empty()) {
        chunks.push_back(prompt);
    } else {
        std::size_t start = 0;
        for (std::size_t at; (at = prompt.find(marker, start)) != std::string::npos; start = at + marker.size())
            chunks.push_back(prompt.substr(start, at - start));
        chunks.push_back(prompt.substr(start));
    }
    std::vector<int64_t> ids;
    std::size_t offset = 0;
    for (std::size_t c = 0; c < chunks.size(); ++c) {
        const auto chunk = encode(chunks[c], true);
        if (c == 0 && !chunk.empty() && chunk.front() == bosId()) {
            offset = 1; // one BOS at the front; every chunk's own BOS is dropped
            ids.push_back(chunk.front());
        }
        if (c > 0)
            ids.push_back(placeholderId);
        ids.insert(ids.end(), chunk.begin() + std::min(offset, chunk.size()), chunk.end());
    }
    return ids;
}

std::vector<std::string> Tokenizer::pieces(const std::string &text) const
{
    std::vector<std::string> out;
    for (const auto &segment : split(text)) {
        if (segment.addedId >= 0) {
            out.push_back(segment.text);
            continue;
        }
        for (const int id : encodeSegment(segment))
            out.push_back(m_impl->model.piece(id));
    }
    return out;
}

std::string Tokenizer::decode(const std::vector<int64_t> &ids, bool skipSpecial) const
{
    const auto &sp = m_impl->model;
    const int64_t base = baseVocabSize();
    std::string out;
    bool first = true; // the first emitted piece: its dummy-prefix space is removed
    for (const int64_t id : ids) {
        const AddedToken *added = nullptr;
        for (const auto &t : m_added)
            if (t.id == id)
                added = &t;
        if (added) {
            if (!(skipSpecial && added->special)) {
                out += added->content;
                first = false;
            }
            continue;
        }
        if (id < 0 || id >= base)
            continue;
        if (sp.type(static_cast<int>(id)) == SentencePieceModel::Type::Control)
            continue;
        const std::string &piece = sp.piece(static_cast<int>(id));
        const int byte = sp.byteValue(static_cast<int>(id));
        if (byte >= 0) {
            out += static_cast<char>(byte);
            first = false;
            continue;
        }
        std::string text;
        static const std::string kSpace = "\xE2\x96\x81"; // ▁
        for (std::size_t i = 0; i < piece.size();) {
            if (piece.compare(i, kSpace.size(), kSpace) == 0) {
                text += ' ';
                i += kSpace.size();
            } else {
                text += piece[i++];
            }
        }
        if (first && !text.empty() && text.front() == ' ')
            text.erase(0, 1);
        out += text;
        first = false;
    }
    // Each ill-formed byte becomes U+FFFD, as SentencePiece's byte-fallback decoder does.
    return utf8::repair(out);
}

std::string Tokenizer::pieceOf(int64_t id) const
{
    for (const auto &t : m_added)
        if (t.id == id)
            return t.content;
    if (id < 0 || id >= baseVocabSize())
        return {};
    return m_impl->model.piece(static_cast<int>(id));
}

std::optional<int64_t> Tokenizer::findId(const std::string &token) const
{
    for (const auto &t : m_added)
        if (t.content == token)
            return t.id;
    const int id = m_impl->model.find(token);
    if (id < 0)
        return std::nullopt;
    return id;
}

int64_t Tokenizer::idOf(const std::string &token) const
{
    const auto id = findId(token);
    if (!id)
        throw ModelError(m_source + ": token '" + token + "' is not in the vocabulary");
    return *id;
}

bool Tokenizer::isSpecial(int64_t id) const
{
    for (const auto &t : m_added)
        if (t.id == id)
            return t.special;
    return id >= 0 && id < baseVocabSize() &&
           m_impl->model.type(static_cast<int>(id)) == SentencePieceModel::Type::Control;
}

int64_t Tokenizer::bosId() const
{
    return m_impl->model.bosId();
}
int64_t Tokenizer::eosId() const
{
    return m_impl->model.eosId();
}
int64_t Tokenizer::unkId() const
{
    return m_impl->model.unkId();
}
int64_t Tokenizer::baseVocabSize() const
{
    return m_impl->model.size();
}

int64_t Tokenizer::vocabSize() const
{
    int64_t size = baseVocabSize();
    for (const auto &t : m_added)
        size = std::max(size, t.id + 1);
    return size;
}

} // namespace vindex::models
